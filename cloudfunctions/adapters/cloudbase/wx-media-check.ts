import type { MediaCheck, MediaStorage } from '../../core/shared/ports'

export interface MediaCheckAsyncParams {
  media_url: string
  /** 1 audio, 2 image. */
  media_type: 1 | 2
  version: 2
  /** 1 profile, 2 comment, 3 forum, 4 social log. */
  scene: 1 | 2 | 3 | 4
  openid: string
}

export interface MediaSecurityOpenApi {
  security: {
    mediaCheckAsync(
      params: MediaCheckAsyncParams,
    ): Promise<{ errCode?: number; errMsg?: string; traceId?: string; trace_id?: string }>
  }
}

/** How long WeChat may take to fetch the file it is asked to check. */
const CHECK_FETCH_SECONDS = 60 * 60

/**
 * WeChat's asynchronous media check (security.mediaCheckAsync, v2). WeChat fetches the file from
 * a temporary URL and answers within about 30 minutes by a message push (`wxa_media_check`) to the
 * function configured for it, which hands it to `applyMediaVerdict` (see docs/MEDIA.md).
 */
export class WxMediaCheck implements MediaCheck {
  constructor(
    private readonly openapi: MediaSecurityOpenApi,
    private readonly storage: MediaStorage,
  ) {}

  async submit(item: { key: string; kind: 'image' | 'voice'; openid: string }): Promise<{ traceId: string }> {
    const url = (await this.storage.links([item.key], 'wechat-media-check', CHECK_FETCH_SECONDS)).get(item.key)
    if (!url) throw new Error('mediaCheckAsync: no temporary URL for the file')
    const reply = await this.openapi.security.mediaCheckAsync({
      media_url: url,
      media_type: item.kind === 'image' ? 2 : 1,
      version: 2,
      scene: 4,
      openid: item.openid,
    })
    const traceId = reply.traceId ?? reply.trace_id
    if (reply.errCode || !traceId)
      throw new Error(`mediaCheckAsync failed: ${reply.errCode ?? 'no trace id'} ${reply.errMsg ?? ''}`.trim())
    return { traceId }
  }
}

/** A WeChat message push of a media check result, as the function receives it. */
export interface MediaCheckPush {
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: 'pass' | 'review' | 'risky'; label?: number }
  errcode?: number
}

export function isMediaCheckPush(event: unknown): event is MediaCheckPush {
  const e = event as Partial<MediaCheckPush> | null
  return !!e && typeof e === 'object' && e.Event === 'wxa_media_check' && typeof e.trace_id === 'string'
}

/** Only a clear pass publishes a photo; `review` (WeChat unsure) and `risky` keep it from the group. */
export function verdictOfPush(push: MediaCheckPush): { traceId: string; pass: boolean } {
  return { traceId: push.trace_id, pass: !push.errcode && push.result?.suggest === 'pass' }
}
