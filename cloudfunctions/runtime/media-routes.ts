import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import {
  IMAGE_LIMITS,
  isImageContentType,
  isVoiceContentType,
  okEnvelope,
  VOICE_LIMITS,
  type UploadResult,
} from '../../contracts'
import { mayFetchChatFile } from '../core/chat/media'
import type { Deps } from '../core/shared/ports'
import type { FileMediaStorage } from '../adapters/local/file-media-storage'
import type { ServerHelpers } from './local-server'
import { MemoryRateLimiter } from './rate-limiter'

/** Uploads per person per minute: nine photos at a time, a few times over. */
export const UPLOAD_LIMIT = { max: 30, windowSeconds: 60 } as const

/**
 * The local runtime's file routes (in WeChat the phone uploads to cloud storage itself and gets
 * links from getTempFileURL):
 * - `POST /api/media/uploads` — the raw bytes of one photo (Content-Type image/jpeg, png or webp)
 *   or one voice recording (audio/mpeg, at most 1 MB), signed in; kept as
 *   `uploads/<userId>/<random>` until `chat.sendImage` or `chat.sendVoice` takes it.
 * - `GET /api/media/files/<key>?v&e&s` — a file, only through a link from `chat.mediaUrls`: the
 *   signature must hold, the link must not have expired, and its holder must still be allowed to
 *   see the photo (a member of the group, the photo not recalled, hidden or removed).
 */
export function mediaRoutes(options: { deps: Deps; files: FileMediaStorage }) {
  const { deps, files } = options
  const limiter = new MemoryRateLimiter()
  return (app: FastifyInstance, helpers: ServerHelpers): void => {
    app.register(async (scope) => {
      scope.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: IMAGE_LIMITS.maxUploadBytes },
        (_request, body, done) => done(null, body),
      )
      scope.post('/api/media/uploads', { bodyLimit: IMAGE_LIMITS.maxUploadBytes }, async (request, reply) => {
        const identity = helpers.identify(request)
        if (!identity) return helpers.sendError(reply, 'AUTH.UNAUTHENTICATED')
        const type = (String(request.headers['content-type'] ?? '').split(';')[0] ?? '').trim().toLowerCase()
        const voice = isVoiceContentType(type)
        if (!voice && !isImageContentType(type))
          return type.startsWith('audio/')
            ? helpers.sendError(reply, 'MEDIA.UNSUPPORTED_TYPE', '只能发 MP3 格式的录音，请重新录')
            : helpers.sendError(reply, 'MEDIA.UNSUPPORTED_TYPE')
        const body = request.body
        if (!Buffer.isBuffer(body) || body.length === 0)
          return voice
            ? helpers.sendError(reply, 'MEDIA.VOICE_UNREADABLE', '没有收到录音，请重新录')
            : helpers.sendError(reply, 'MEDIA.UNREADABLE', '没有收到图片内容，请重新选择')
        if (voice && body.length > VOICE_LIMITS.maxUploadBytes) return helpers.sendError(reply, 'MEDIA.VOICE_TOO_LARGE')
        const decision = limiter.hit(
          `upload:${identity.userId}`,
          UPLOAD_LIMIT.max,
          UPLOAD_LIMIT.windowSeconds * 1000,
          deps.clock.now(),
        )
        if (!decision.allowed) return helpers.sendError(reply, 'RATE.LIMITED')
        const upload = await files.put(
          `uploads/${identity.userId}/${randomBytes(12).toString('base64url')}`,
          body,
          type,
        )
        return reply.send(okEnvelope<UploadResult>({ upload, bytes: body.length }))
      })
    })

    app.get<{ Params: { '*': string }; Querystring: { v?: string; e?: string; s?: string } }>(
      '/api/media/files/*',
      async (request, reply) => {
        const key = request.params['*']
        const { v, e, s } = request.query
        if (!v || !e || !s || !/^\d{1,16}$/.test(e) || !files.fileOf(key))
          return helpers.sendError(reply, 'MEDIA.LINK_INVALID')
        const link = files.checkLink(key, v, Number(e), s)
        if (!link.ok)
          return helpers.sendError(reply, link.why === 'expired' ? 'MEDIA.LINK_EXPIRED' : 'MEDIA.LINK_INVALID')
        if (!(await mayFetchChatFile(deps, v, key)))
          return helpers.sendError(reply, 'MEDIA.LINK_INVALID', '您已不在这个群里，或这张图片已经删除')
        const bytes = await files.get(key)
        if (!bytes) return helpers.sendError(reply, 'NOT_FOUND', '这张图片已经删除')
        return reply.type(key.endsWith('.mp3') ? 'audio/mpeg' : 'image/jpeg').send(Buffer.from(bytes))
      },
    )
  }
}
