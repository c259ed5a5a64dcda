import type { Caller } from '../shared/caller'
import type { Deps } from '../shared/ports'
import { readerLeaseId } from './chat.docs'

/** How long a WeChat client may watch a group after the function last confirmed membership. */
export const READER_LEASE_MS = 15 * 60 * 1000
/** Renew only when less than this is left, so a busy reader does not write on every call. */
const RENEW_BELOW_MS = 10 * 60 * 1000

/**
 * Grant or renew the caller's lease to `watch()` a group's messages directly in WeChat (the
 * `messages` security rule checks it). Called only after membership was checked live. A person
 * who loses membership keeps at most the rest of one lease; see docs/REALTIME.md.
 */
export async function renewReaderLease(
  deps: Pick<Deps, 'store' | 'clock'>,
  caller: Caller,
  groupId: string,
): Promise<void> {
  const id = readerLeaseId(groupId, caller.openid)
  const now = deps.clock.now()
  const lease = await deps.store.get('chat_readers', id)
  if (lease && lease.userId === caller.userId && lease.until - now > RENEW_BELOW_MS) return
  await deps.store.put('chat_readers', {
    _id: id,
    groupId,
    userId: caller.userId,
    openid: caller.openid,
    until: now + READER_LEASE_MS,
  })
}
