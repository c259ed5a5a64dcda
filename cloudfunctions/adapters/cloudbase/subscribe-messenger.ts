import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '../../../contracts'
import type { Logger, SubscribeMessage, SubscribeMessenger } from '../../core/shared/ports'

/**
 * WeChat subscribe messages (订阅消息) through `wx-server-sdk`'s `cloud.openapi`
 * (`subscribeMessage.send`; declare `"permissions": { "openapi": ["subscribeMessage.send"] }` in the
 * function's config.json). Each template chosen in the mini-program admin console (订阅消息 → 选用)
 * has its own id and keyword names (thing1, time2…); the config maps our two fields onto them.
 */

/** How our message fields map onto one template. */
export interface TemplateConfig {
  /** The template id from the admin console. */
  id: string
  /** Our data key (`title`, `body`) → the template keyword (`thing1`, `thing2`, `phrase3`…). */
  fields: Record<string, string>
}

export type TemplateTable = Partial<Record<SubscribeTemplateKey, TemplateConfig>>

/** The part of `cloud.openapi` this adapter uses (a plain object, so tests pass a fake). */
export interface SubscribeOpenApi {
  subscribeMessage: {
    send(request: {
      touser: string
      templateId: string
      page?: string
      data: Record<string, { value: string }>
      miniprogramState?: 'developer' | 'trial' | 'formal'
      lang?: 'zh_CN'
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

/** WeChat's length limits per keyword type; longer values are refused outright, so we cut them. */
const KEYWORD_LIMITS: Array<[prefix: string, max: number]> = [
  ['character_string', 32],
  ['phrase', 5],
  ['thing', 20],
  ['name', 10],
  ['letter', 32],
  ['symbol', 5],
]

export function fitKeyword(keyword: string, value: string): string {
  const max = KEYWORD_LIMITS.find(([prefix]) => keyword.startsWith(prefix))?.[1]
  const chars = [...value]
  if (max === undefined || chars.length <= max) return value
  return `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Parse `WX_SUBSCRIBE_TEMPLATES` (JSON): `{"announcement":{"id":"…","fields":{"title":"thing1","body":"thing2"}}, …}`.
 * Unknown keys and malformed entries are refused at start-up rather than failing at send time.
 */
export function parseTemplateTable(json: string | undefined): TemplateTable {
  if (!json || !json.trim()) return {}
  const raw = JSON.parse(json) as Record<string, unknown>
  const table: TemplateTable = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!(SUBSCRIBE_TEMPLATES as readonly string[]).includes(key)) throw new Error(`WX_SUBSCRIBE_TEMPLATES: unknown template key ${key}`)
    const entry = value as { id?: unknown; fields?: unknown }
    if (typeof entry?.id !== 'string' || !entry.id) throw new Error(`WX_SUBSCRIBE_TEMPLATES: ${key} needs an id`)
    const fields = entry.fields as Record<string, unknown> | undefined
    if (!fields || typeof fields !== 'object' || !Object.values(fields).every((f) => typeof f === 'string' && f)) {
      throw new Error(`WX_SUBSCRIBE_TEMPLATES: ${key} needs fields like {"title":"thing1"}`)
    }
    table[key as SubscribeTemplateKey] = { id: entry.id, fields: fields as Record<string, string> }
  }
  return table
}

/** WeChat's answer when the person's one-time grant is gone (or was never given): not our failure. */
const NOT_SUBSCRIBED = 43101

export class CloudbaseSubscribeMessenger implements SubscribeMessenger {
  constructor(
    private readonly deps: {
      openapi: SubscribeOpenApi
      templates: TemplateTable
      /** Which version of the mini-program the message opens (default: the released one). */
      state?: 'developer' | 'trial' | 'formal'
      log: Logger
    },
  ) {}

  async send(message: SubscribeMessage): Promise<{ delivered: boolean; reason?: string }> {
    const template = this.deps.templates[message.templateKey]
    if (!template) return { delivered: false, reason: 'template-not-configured' }
    const data: Record<string, { value: string }> = {}
    for (const [field, keyword] of Object.entries(template.fields)) {
      const value = message.data[field]
      if (value !== undefined) data[keyword] = { value: fitKeyword(keyword, value) }
    }
    try {
      const result = await this.deps.openapi.subscribeMessage.send({
        touser: message.openid,
        templateId: template.id,
        ...(message.page ? { page: message.page.replace(/^\//, '') } : {}),
        data,
        miniprogramState: this.deps.state ?? 'formal',
        lang: 'zh_CN',
      })
      if (result?.errCode && result.errCode !== 0) return this.refused(message, result.errCode, result.errMsg)
      return { delivered: true }
    } catch (error) {
      const { errCode, errMsg } = error as { errCode?: number; errMsg?: string }
      if (typeof errCode === 'number') return this.refused(message, errCode, errMsg)
      throw error
    }
  }

  private refused(message: SubscribeMessage, errCode: number, errMsg?: string): { delivered: false; reason: string } {
    if (errCode !== NOT_SUBSCRIBED) this.deps.log.warn({ templateKey: message.templateKey, errCode, errMsg }, 'subscribe message refused by WeChat')
    return { delivered: false, reason: errCode === NOT_SUBSCRIBED ? 'not-subscribed' : `wechat-${errCode}` }
  }
}
