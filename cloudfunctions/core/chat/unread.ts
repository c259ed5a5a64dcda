import type { DocumentStore } from '../shared/document-store'

/** Counting stops here: a badge says 99+, and no one needs the exact number beyond it. */
export const UNREAD_CAP = 99

/** Others' messages (not taken back) after a read mark, counted up to UNREAD_CAP with one bounded read. */
export async function unreadAfter(
  store: DocumentStore,
  groupId: string,
  userId: string,
  upTo: number,
): Promise<number> {
  const docs = await store.find(
    'messages',
    { groupId, seq: { $gt: upTo } },
    { orderBy: [['seq', 'asc']], limit: UNREAD_CAP + 1 },
  )
  const unread = docs.filter((d) => d.senderId !== userId && d.recalledAt === null && d.hiddenAt === null).length
  return Math.min(unread, UNREAD_CAP)
}
