import type { ContentCheck, ContentScene, ContentVerdict } from '../../core/shared/ports'

/** WeChat's scene numbers for msgSecCheck v2 (1 资料, 2 评论, 3 论坛, 4 社交日志). */
export const MSGSEC_SCENES: Record<ContentScene, 1 | 2 | 3 | 4> = { profile: 1, comment: 2, forum: 3, social: 4 }

/** WeChat checks at most 2500 characters per call; longer text is checked in pieces. */
export const MSGSEC_MAX_CHARS = 2500

/** msgSecCheck v2 label codes → words for logs and the verdict (100 = normal). */
const LABELS: ReadonlyMap<number, string> = new Map([
  [10001, 'ad'],
  [20001, 'politics'],
  [20002, 'porn'],
  [20003, 'abuse'],
  [20006, 'illegal'],
  [20008, 'fraud'],
  [20012, 'vulgar'],
  [20013, 'copyright'],
  [21000, 'other'],
])

export interface MsgSecCheckParams {
  version: 2
  scene: 1 | 2 | 3 | 4
  openid: string
  content: string
}

/** What wx-server-sdk answers (it camel-cases WeChat's snake_case reply). */
export interface MsgSecCheckReply {
  errCode?: number
  errMsg?: string
  result?: { suggest?: string; label?: number }
  traceId?: string
}

/** The part of wx-server-sdk's `cloud.openapi` used here; injected so tests can hand in a fake. */
export interface SecurityOpenApi {
  security: { msgSecCheck(params: MsgSecCheckParams): Promise<MsgSecCheckReply> }
}

/** WeChat's cloud-call answer when the function has no openapi permission for the API. */
export const ERR_NO_OPENAPI_PERMISSION = -604101

/**
 * The check could not run. Writes fail closed (INTERNAL) until it can, so the message says what
 * an operator should do: it lands in the function's log beside the failed call.
 */
export class ContentCheckUnavailable extends Error {
  constructor(
    readonly errCode: number | undefined,
    detail: string,
  ) {
    const hint =
      errCode === ERR_NO_OPENAPI_PERMISSION
        ? ' — this function lacks the openapi permission security.msgSecCheck: upload it once from WeChat DevTools (right-click dist/cloudfunctions/<name> → 上传并部署) so its config.json permissions apply, then run `npm run smoke`; until then every text write answers INTERNAL'
        : ''
    super(`msgSecCheck failed: ${errCode !== undefined ? `errCode ${errCode} ` : ''}${detail}${hint}`.trim())
    this.name = 'ContentCheckUnavailable'
  }
}

function errCodeOf(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : undefined
}

function pieces(text: string): string[] {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += MSGSEC_MAX_CHARS) out.push(chars.slice(i, i + MSGSEC_MAX_CHARS).join(''))
  return out
}

/**
 * ContentCheck through WeChat's 内容安全 msgSecCheck (v2). Anything but `suggest: 'pass'` (i.e.
 * `review` or `risky`) is refused. When the check itself cannot run (no openid, WeChat error,
 * network) this throws: text is never stored unchecked, and the person sees "please try again"
 * (INTERNAL) rather than a false "your text was rejected".
 */
export class MsgSecContentCheck implements ContentCheck {
  constructor(private readonly openapi: SecurityOpenApi) {}

  async check({
    text,
    scene,
    openid,
  }: {
    text: string
    scene: ContentScene
    openid?: string
  }): Promise<ContentVerdict> {
    // v2 requires the openid of someone who used the mini-program in the last two hours.
    if (!openid) throw new Error('msgSecCheck v2 needs the caller openid; pass caller.openid to the content check')
    for (const content of pieces(text)) {
      let reply: MsgSecCheckReply
      try {
        reply = await this.openapi.security.msgSecCheck({ version: 2, scene: MSGSEC_SCENES[scene], openid, content })
      } catch (error) {
        // wx-server-sdk throws WeChat's refusals with an errCode (and network failures without).
        throw new ContentCheckUnavailable(errCodeOf(error), (error as Error)?.message ?? String(error))
      }
      if (reply.errCode !== undefined && reply.errCode !== 0)
        throw new ContentCheckUnavailable(reply.errCode, reply.errMsg ?? '')
      const suggest = reply.result?.suggest
      if (!suggest) throw new Error('msgSecCheck answered without result.suggest')
      if (suggest !== 'pass') {
        const code = reply.result?.label
        return { ok: false, label: code !== undefined ? (LABELS.get(code) ?? `msgsec:${code}`) : suggest }
      }
    }
    return { ok: true }
  }
}
