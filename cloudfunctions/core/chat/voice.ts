import { createHash } from 'node:crypto'
import { VOICE_LIMITS, type MessageView } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import { AppError } from '../shared/errors'
import { finishMediaSend, openMediaSend } from './media-send'
import { readMp3 } from './mp3'

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
  const { media } = deps
  const opened = await openMediaSend(ctx, input)
  if (opened.already) return opened.already
  const { group, messageId, bytes } = opened
  let measured: { durationMs: number }
  try {
    measured = checkVoice(bytes)
  } catch (error) {
    await media.storage.delete([input.upload])
    throw error
  }

  const key = await media.storage.put(`chat/${group._id}/${caller.userId}~${input.clientId}.mp3`, bytes, 'audio/mpeg')
  await media.storage.delete([input.upload])
  return finishMediaSend(ctx, {
    group,
    messageId,
    clientId: input.clientId,
    kind: 'voice',
    media: {
      key,
      thumbKey: null,
      width: 0,
      height: 0,
      durationMs: measured.durationMs,
      bytes: bytes.byteLength,
      review: 'pending',
    },
    sourceDigest: createHash('sha256').update(bytes).digest('hex'),
  })
}
