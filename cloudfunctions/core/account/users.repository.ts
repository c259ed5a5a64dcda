import type { DocumentStore } from '../shared/document-store'
import type { UserDoc } from './account.docs'

/**
 * The accounts, as other features read them. The `users` collection belongs to the account
 * feature; everyone else reads it through these functions (a lint rule holds them to it).
 */

export async function getUser(store: DocumentStore, userId: string): Promise<UserDoc | null> {
  return store.get('users', userId)
}

/** Several accounts in one round trip; ids with no account are simply absent. */
export async function getUsers(store: DocumentStore, userIds: readonly string[]): Promise<UserDoc[]> {
  return store.getMany('users', userIds)
}

/** The same, by id, for callers that look people up one at a time afterwards. */
export async function getUsersById(store: DocumentStore, userIds: readonly string[]): Promise<Map<string, UserDoc>> {
  return new Map((await getUsers(store, userIds)).map((user) => [user._id, user]))
}
