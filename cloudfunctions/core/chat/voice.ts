import { createHash } from 'node:crypto'
import { uploaderOf, VOICE_LIMITS, type MessageView } from '../../../contracts'
import type { GroupDoc } from '../groups/groups.docs'
import type { RequestContext } from '../shared/context'
import { AppError } from '../shared/errors'
import { firstOf } from '../shared/lists'
import type { Deps } from '../shared/ports'
import { requireAccess } from './access'
import { messageIdOf, type MessageDoc } from './chat.docs'
import { deleteMediaFiles } from './media-files'
import { activeMute, appendMessage, publishChange, takeSendSlot } from './messages'
import { readMp3 } from './mp3'
import { messageViews } from './views'

async function oneView(deps: Pick<Deps, 'store'>, group: GroupDoc, doc: MessageDoc): Promise<MessageView> {
  return firstOf(await messageViews(deps.store, group, [doc]))
}

/** The bytes must be MP3 frames end to end, within the limits of a voice message; the duration is the file's own. */
export function checkVoice(bytes: Uint8Array): { durationMs: number } {
  if (bytes.byteLength > VOICE_LIMITS.maxUploadBytes) throw new AppError('MEDIA.VOICE_TOO_LARGE')
  const mp3 = readMp3(bytes)
  if (!mp3) throw new AppError('MEDIA.VOICE_UNREADABLE')
  if (mp3.durationMs > VOICE_LIMITS.maxDurationMs + VOICE_LIMITS.durationToleranceMs)
    throw new AppError('MEDIA.VOICE_TOO_LONG')
  if (mp3.durationMs < VOICE_LIMITS.minDurationMs) throw new AppError('MEDIA.VOICE_TOO_SHORT')
  return { durationMs: Math.min(mp3.durationMs, VOICE_LIMITS.maxDurationMs) }
}

/**
 * A voice message as its own message, on the photos' pipeline: the caller's own upload, checked
 * to be MP3 and measured, stored privately as `chat/<groupId>/<sender>~<clientId>.mp3`, the
 * upload deleted, visible to its sender at once and to others once the content check passes.
 * MP3 is stored as it arrives: both recorders make it, so nothing is transcoded.
 */
export async function sendVoice(
  ctx: RequestContext,
  input: { groupId: string; clientId: string; upload: string; durationMs: number },
): Promise<MessageView> {
  const { deps, caller } = ctx
  const { store, media } = deps
  const { group } = await requireAccess(store, caller, input.groupId)
  const id = messageIdOf(group._id, caller.userId, input.clientId)

  const already = await store.get('messages', id)
  if (already) return oneView(deps, group, already)

  const mute = await activeMute(deps, group._id, caller.userId)
  if (mute) throw new AppError('CHAT.MUTED', undefined, { until: mute.until })

  if (uploaderOf(input.upload) !== caller.userId) throw new AppError('MEDIA.UPLOAD_MISSING')
  const bytes = await media.storage.get(input.upload)
  if (!bytes) throw new AppError('MEDIA.UPLOAD_MISSING')

  await takeSendSlot(deps, caller.userId)
  let measured: { durationMs: number }
  try {
    measured = checkVoice(bytes)
  } catch (error) {
    await media.storage.delete([input.upload])
    throw error
  }

  const key = await media.storage.put(`chat/${group._id}/${caller.userId}~${input.clientId}.mp3`, bytes, 'audio/mpeg')
  await media.storage.delete([input.upload])
  const stored = {
    key,
    thumbKey: null,
    width: 0,
    height: 0,
    durationMs: measured.durationMs,
    bytes: bytes.byteLength,
    review: 'pending' as const,
  }

  const { doc, created } = await appendMessage(
    store,
    {
      groupId: group._id,
      senderId: caller.userId,
      clientId: input.clientId,
      text: '',
      mentions: [],
      at: deps.clock.now(),
    },
    { kind: 'voice', text: null, media: stored, reviewTrace: null, removedAt: null },
  )
  if (!created) {
    await deleteMediaFiles(deps, [{ _id: id, media: stored }])
    return oneView(deps, group, doc)
  }
  const view = await oneView(deps, group, doc)
  publishChange(deps, 'message', view)

  const { traceId } = await media.check.submit({
    key,
    kind: 'voice',
    openid: caller.openid,
    sourceDigest: createHash('sha256').update(bytes).digest('hex'),
  })
  await store.update('messages', doc._id, { set: { reviewTrace: traceId } })
  return view
}
