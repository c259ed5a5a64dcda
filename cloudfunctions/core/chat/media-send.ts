import { uploaderOf, type MessageView } from '../../../contracts'
import type { GroupDoc } from '../groups/groups.docs'
import type { RequestContext } from '../shared/context'
import { AppError } from '../shared/errors'
import { firstOf } from '../shared/lists'
import type { Deps } from '../shared/ports'
import { requireAccess } from './access'
import { messageIdOf, type MessageDoc, type MessageMedia } from './chat.docs'
import { deleteMediaFiles } from './media-files'
import { activeMute, appendMessage, publishChange, takeSendSlot } from './messages'
import { messageViews } from './views'

/**
 * What photos and voice messages share around their own processing: who may send, a retried send
 * finding its message, the mute, the per-person send limit, and, once the files are stored,
 * appending the message, undoing a lost race and submitting the content check.
 */

export async function oneView(deps: Pick<Deps, 'store'>, group: GroupDoc, doc: MessageDoc): Promise<MessageView> {
  return firstOf(await messageViews(deps.store, group, [doc]))
}

type MediaSendInput = { groupId: string; clientId: string; upload: string }

/** Either the message a retried send already made, or the group, message id and upload to process. */
export type OpenedMediaSend =
  { already: MessageView } | { already: null; group: GroupDoc; messageId: string; bytes: Uint8Array }

export async function openMediaSend(ctx: RequestContext, input: MediaSendInput): Promise<OpenedMediaSend> {
  const { deps, caller } = ctx
  const { store, media } = deps
  const { group } = await requireAccess(store, caller, input.groupId, ctx.loaded)
  const messageId = messageIdOf(group._id, caller.userId, input.clientId)

  // A retried send finds the message it already made (its upload is gone by then).
  const already = await store.get('messages', messageId)
  if (already) return { already: await oneView(deps, group, already) }

  const mute = await activeMute(deps, group._id, caller.userId)
  if (mute) throw new AppError('CHAT.MUTED', undefined, { until: mute.until })

  // Only one's own uploads: another person's reference reads as missing, like a stale one.
  if (uploaderOf(input.upload) !== caller.userId) throw new AppError('MEDIA.UPLOAD_MISSING')
  const bytes = await media.storage.get(input.upload)
  if (!bytes) throw new AppError('MEDIA.UPLOAD_MISSING')

  // A photo or voice message is a message: it takes a slot of the same per-person limit as text.
  await takeSendSlot(deps, caller.userId)
  return { already: null, group, messageId, bytes }
}

/** Appends the message for stored files, visible to its sender at once, and submits the content check. */
export async function finishMediaSend(
  ctx: RequestContext,
  sent: {
    group: GroupDoc
    messageId: string
    clientId: string
    kind: 'image' | 'voice'
    media: MessageMedia
    sourceDigest: string
  },
): Promise<MessageView> {
  const { deps, caller } = ctx
  const { group } = sent
  const { doc, created } = await appendMessage(
    deps.store,
    {
      groupId: group._id,
      senderId: caller.userId,
      clientId: sent.clientId,
      text: '',
      mentions: [],
      at: deps.clock.now(),
    },
    { kind: sent.kind, text: null, media: sent.media, reviewTrace: null, removedAt: null },
  )
  if (!created) {
    // A concurrent retry won the race: its files are the ones kept.
    await deleteMediaFiles(deps, [{ _id: sent.messageId, media: sent.media }])
    return oneView(deps, group, doc)
  }
  const view = await oneView(deps, group, doc)
  publishChange(deps, 'message', view)

  const { traceId } = await deps.media.check.submit({
    key: sent.media.key,
    kind: sent.kind,
    openid: caller.openid,
    sourceDigest: sent.sourceDigest,
  })
  await deps.store.update('messages', doc._id, { set: { reviewTrace: traceId } })
  return view
}
