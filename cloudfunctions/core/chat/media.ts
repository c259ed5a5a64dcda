import { getGroup } from '../groups/groups.repository'
import { EXPORT_LINK_TTL_SECONDS, MEDIA_URL_TTL_SECONDS, type MessageView } from '../../../contracts'
import { personNow } from '../account/identity'
import { groupAccess } from '../groups/access'
import type { RequestContext } from '../shared/context'
import type { Deps } from '../shared/ports'
import { requireAccess } from './access'
import { groupIdOfMessage, messageIdOf, type MessageDoc } from './chat.docs'
import { deleteMediaFiles, mediaKeysOf } from './media-files'
import { changeMessage, publishChange } from './messages'
import { finishMediaSend, oneView, openMediaSend } from './media-send'
import { stateOf } from './views'

/**
 * A photo as its own message. The upload (the caller's own, made just before) is decoded and
 * re-encoded without any metadata, stored privately with a thumbnail, and the upload deleted.
 * The message is visible to its sender at once and to others once the content check passes.
 */
export async function sendImage(
  ctx: RequestContext,
  input: { groupId: string; clientId: string; upload: string },
): Promise<MessageView> {
  const { deps, caller } = ctx
  const { media } = deps
  const opened = await openMediaSend(ctx, input)
  if (opened.already) return opened.already
  const { group, messageId, bytes } = opened
  let normalized
  try {
    normalized = await media.images.normalize(bytes)
  } finally {
    // Whatever the outcome, the original (with its metadata) does not stay.
    await media.storage.delete([input.upload])
  }

  const name = `${caller.userId}~${input.clientId}`
  const key = await media.storage.put(`chat/${group._id}/${name}.jpg`, normalized.image, 'image/jpeg')
  const thumbKey = await media.storage.put(`chat/${group._id}/${name}.thumb.jpg`, normalized.thumb, 'image/jpeg')
  return finishMediaSend(ctx, {
    group,
    messageId,
    clientId: input.clientId,
    kind: 'image',
    media: {
      key,
      thumbKey,
      width: normalized.width,
      height: normalized.height,
      bytes: normalized.image.byteLength + normalized.thumb.byteLength,
      review: 'pending',
    },
    sourceDigest: normalized.sourceDigest,
  })
}

/**
 * The content check's answer for one photo (a WeChat message push in production, the local
 * checker's timer otherwise). Passed: everyone sees it. Rejected: its files are deleted, the
 * message says so, and the sender is told. An unknown or already answered trace changes nothing.
 */
export async function applyMediaVerdict(deps: Deps, verdict: { traceId: string; pass: boolean }): Promise<boolean> {
  const [found] = await deps.store.find('messages', { reviewTrace: verdict.traceId }, { limit: 1 })
  if (!found) {
    deps.log.warn({ traceId: verdict.traceId }, 'media verdict for no known message')
    return false
  }
  const { doc, changed, previous } = await changeMessage(deps, found._id, (current, _version, now) => {
    if (!current.media || current.media.review !== 'pending' || stateOf(current) !== 'normal') return null
    return verdict.pass ? { media: { ...current.media, review: 'passed' } } : { media: null, removedAt: now }
  })
  if (!changed) return true
  const group = await getGroup(deps.store, doc.groupId)
  if (!group) return true
  if (!verdict.pass) await deleteMediaFiles(deps, [previous])
  publishChange(deps, verdict.pass ? 'reviewed' : 'removed', await oneView(deps, group, doc))
  if (!verdict.pass) {
    const what = doc.kind === 'voice' ? '语音' : '图片'
    await deps.notifier.notify([doc.senderId], {
      kind: 'chatMediaRemoved',
      title: `您发的${what}没有通过安全审核`,
      body: `您在${group.name}发的一条${what}没有通过微信的内容安全审核，已经删除，其他人看不到。`,
      link: `/pages/group/index?groupId=${group._id}`,
    })
  }
  return true
}

/**
 * Links to photos of one group for the caller (a member, checked live): thumbnail and full size,
 * valid MEDIA_URL_TTL_SECONDS. A photo under review only for its sender; none for one whose
 * files are gone. Messages of other groups are simply not answered.
 */
export async function mediaUrls(
  ctx: RequestContext,
  input: { groupId: string; messageIds: string[] },
): Promise<{ items: Array<{ messageId: string; thumbUrl?: string; url: string }>; expiresAt: number }> {
  const { deps, caller } = ctx
  const { group } = await requireAccess(deps.store, caller, input.groupId, ctx.loaded)
  const ids = [...new Set(input.messageIds)].filter((id) => groupIdOfMessage(id) === group._id)
  const docs = await deps.store.getMany('messages', ids)
  const visible = docs.filter(
    (doc) =>
      doc.media && stateOf(doc) === 'normal' && (doc.media.review === 'passed' || doc.senderId === caller.userId),
  )
  const keys = visible.flatMap(mediaKeysOf)
  const links = keys.length
    ? await deps.media.storage.links(keys, caller.userId, MEDIA_URL_TTL_SECONDS)
    : new Map<string, string>()
  return {
    items: visible.flatMap((doc) => {
      const url = links.get(doc.media!.key)
      if (!url) return []
      if (!doc.media!.thumbKey) return [{ messageId: doc._id, url }]
      const thumbUrl = links.get(doc.media!.thumbKey)
      return thumbUrl ? [{ messageId: doc._id, url, thumbUrl }] : []
    }),
    expiresAt: deps.clock.now() + MEDIA_URL_TTL_SECONDS * 1000,
  }
}

/**
 * Whether `userId` may fetch a stored chat file now (the local file route asks this on every
 * request, so a link stops working when its holder leaves the group): a member of the group the
 * key lives under, and the photo still there and visible to them.
 */
export async function mayFetchChatFile(deps: Pick<Deps, 'store'>, userId: string, key: string): Promise<boolean> {
  const match = /^chat\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)~([A-Za-z0-9_-]{8,64})(\.thumb\.jpg|\.jpg|\.mp3)$/.exec(key)
  if (!match) return false
  const [, groupId, senderId, clientId] = match
  if (!groupId || !senderId || !clientId) return false
  const doc = await deps.store.get('messages', messageIdOf(groupId, senderId, clientId))
  if (!doc?.media || stateOf(doc) !== 'normal') return false
  // One's own photo stays one's own (导出我的数据 after moving away); others' need the group.
  if (doc.senderId === userId) return true
  if (doc.media.review !== 'passed') return false
  return !!(await groupAccess(deps.store, await personNow(deps.store, userId), groupId))
}

/** My photos (or voice messages) that still have files, each with a download link for me (导出我的数据). */
export async function myPhotoFiles(
  deps: Pick<Deps, 'store' | 'media'>,
  userId: string,
  kind: 'image' | 'voice' = 'image',
): Promise<Array<{ messageId: string; groupId: string; sentAt: number; url: string }>> {
  const photos: MessageDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await deps.store.find(
      'messages',
      { senderId: userId, kind },
      { orderBy: [['createdAt', 'asc']], limit: 1000, skip },
    )
    photos.push(...page.filter((m) => m.media && stateOf(m) === 'normal'))
    if (page.length < 1000) break
  }
  if (!photos.length) return []
  const links = await deps.media.storage.links(
    photos.map((p) => p.media!.key),
    userId,
    EXPORT_LINK_TTL_SECONDS,
  )
  return photos.flatMap((p) => {
    const url = links.get(p.media!.key)
    return url ? [{ messageId: p._id, groupId: p.groupId, sentAt: p.createdAt, url }] : []
  })
}
