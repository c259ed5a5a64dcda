import type { ContentCheck, ContentScene, ContentVerdict } from '../../core/shared/ports'

/** WeChat's scene numbers for msgSecCheck v2 (1 资料, 2 评论, 3 论坛, 4 社交日志). */
export const MSGSEC_SCENES: Record<ContentScene, 1 | 2 | 3 | 4> = { profile: 1, comment: 2, forum: 3, social: 4 }

/** WeChat checks at most 2500 characters per call; longer text is checked in pieces. */
export const MSGSEC_MAX_CHARS = 2500

/** msgSecCheck v2 label codes → words for logs and the verdict (100 = normal). */
const LABELS: Record<number, string> = {
  10001: 'ad',
  20001: 'politics',
  20002: 'porn',
  20003: 'abuse',
  20006: 'illegal',
  20008: 'fraud',
  20012: 'vulgar',
  20013: 'copyright',
  21000: 'other',
}

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

  async check({ text, scene, openid }: { text: string; scene: ContentScene; openid?: string }): Promise<ContentVerdict> {
    // v2 requires the openid of someone who used the mini-program in the last two hours.
    if (!openid) throw new Error('msgSecCheck v2 needs the caller openid; pass caller.openid to the content check')
    for (const content of pieces(text)) {
      const reply = await this.openapi.security.msgSecCheck({ version: 2, scene: MSGSEC_SCENES[scene], openid, content })
      if (reply.errCode !== undefined && reply.errCode !== 0) {
        throw new Error(`msgSecCheck failed: errCode ${reply.errCode} ${reply.errMsg ?? ''}`.trim())
      }
      const suggest = reply.result?.suggest
      if (!suggest) throw new Error('msgSecCheck answered without result.suggest')
      if (suggest !== 'pass') {
        const code = reply.result?.label
        return { ok: false, label: code !== undefined ? LABELS[code] ?? `msgsec:${code}` : suggest }
      }
    }
    return { ok: true }
  }
}
