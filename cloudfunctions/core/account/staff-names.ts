import { isStaffName, nameSkeleton, STAFF_NAME_MESSAGE } from '../../../contracts'
import type { DocumentStore } from '../shared/document-store'
import { invalidInput } from '../shared/errors'
import { displayNames } from './people'

/**
 * The part of the name rules that needs the database (the rest are in contracts/names.ts): a
 * person may not take a name that looks like the name of someone who is staff now — a leader or
 * a committee member — compared on the confusable skeleton, so `张\u200B阿姨` is `张阿姨`.
 * Nobody is made to give up the name they have (two leaders may both be 张阿姨).
 */
export async function ensureNotStaffName(
  store: DocumentStore,
  userId: string,
  name: string,
  field: string,
  currentName: string,
): Promise<void> {
  if (nameSkeleton(name) === nameSkeleton(currentName)) return
  const grants = await store.find('role_grants', { role: { $in: ['leader', 'admin'] } }, { limit: 1000 })
  const others = [...new Set(grants.map((g) => g.userId))].filter((id) => id !== userId)
  if (!others.length) return
  const names = await displayNames(store, others)
  if (isStaffName(name, names.values())) throw invalidInput(field, `称呼：${STAFF_NAME_MESSAGE}`)
}
