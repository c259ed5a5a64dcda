import { groupAccess } from '../groups/access'
import type { EndingHandler } from '../shared/endings'
import { deleteMediaFiles } from './media-files'

/**
 * In WeChat a member follows a group by database `watch()`, allowed by a reader lease: the leases
 * of groups the person may no longer read are deleted, so the security rule refuses the watch at
 * once. (Locally, open SSE streams are re-checked by `settleEndings` itself.)
 */
export const chatEndings: EndingHandler = {
  name: '群聊：不能再读的群的实时监听许可',
  async settle(deps, person) {
    const leases = await deps.store.find('chat_readers', { userId: person.userId }, { limit: 1000 })
    for (const lease of leases) {
      if (!(await groupAccess(deps.store, person, lease.groupId))) await deps.store.delete('chat_readers', lease._id)
    }
  },
}

/**
 * When an account is deleted, its photos and voice messages leave storage: the files are deleted
 * and the messages say 图片已删除 / 语音已删除 (text stays in the conversation, signed 已注销用户; a face or a home does not).
 */
export const chatMediaEndings: EndingHandler = {
  name: '群聊：注销账号时删除其发送的图片和语音文件',
  async settle(deps, person, endings) {
    if (!endings.some((e) => e.why === 'erased')) return
    for (let skip = 0; ; skip += 200) {
      const page = await deps.store.find(
        'messages',
        { senderId: person.userId, kind: { $in: ['image', 'voice'] } },
        { orderBy: [['createdAt', 'asc']], limit: 200, skip },
      )
      const photos = page.filter((m) => m.media)
      for (const photo of photos) await deps.store.update('messages', photo._id, { set: { media: null } })
      await deleteMediaFiles(deps, photos)
      if (page.length < 200) return
    }
  },
}
