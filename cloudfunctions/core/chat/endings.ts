import { groupAccess } from '../groups/access'
import type { EndingHandler } from '../shared/endings'
import type { ReaderLeaseDoc } from './chat.docs'

/**
 * In WeChat a member follows a group by database `watch()`, allowed by a reader lease: the leases
 * of groups the person may no longer read are deleted, so the security rule refuses the watch at
 * once. (Locally, open SSE streams are re-checked by `settleEndings` itself.)
 */
export const chatEndings: EndingHandler = {
  name: '群聊：不能再读的群的实时监听许可',
  async settle(deps, person) {
    const leases = await deps.store.find<ReaderLeaseDoc>('chat_readers', { userId: person.userId }, { limit: 1000 })
    for (const lease of leases) {
      if (!(await groupAccess(deps.store, person, lease.groupId))) await deps.store.delete('chat_readers', lease._id)
    }
  },
}
