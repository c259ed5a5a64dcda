import type { DocumentStore } from '../shared/document-store'
import { DELETED_USER_NAME } from './account.docs'

/**
 * Names to show for authors, members and organisers, looked up when read (never copied into
 * what they wrote), so a deleted account shows as 已注销用户 everywhere at once.
 */
export async function displayNames(store: DocumentStore, userIds: readonly string[]): Promise<Map<string, string>> {
  const users = await store.getMany('users', userIds)
  const names = new Map<string, string>()
  for (const user of users) names.set(user._id, user.deletedAt ? DELETED_USER_NAME : user.nickname)
  for (const id of userIds) if (!names.has(id)) names.set(id, DELETED_USER_NAME)
  return names
}
