import type { Clock, Logger, SendResult, SubscribeMessage, SubscribeMessenger } from '../../core/shared/ports'
import type { TemplateConfigs } from '../../../contracts/subscribe-templates'
import { isoMinute } from '../../../contracts/shanghai-time'

/** `miniprogramState` of subscribeMessage.send: which build a tap on the message opens. */
export type MiniprogramState = 'formal' | 'trial' | 'developer'

export interface SubscribeSendParams {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: MiniprogramState
}

/** The part of wx-server-sdk's `cloud.openapi` used here; injected so tests can hand in a fake. */
export interface SubscribeOpenApi {
  subscribeMessage: { send(params: SubscribeSendParams): Promise<{ errCode?: number; errMsg?: string }> }
}

/** "YYYY-MM-DD HH:mm" in Shanghai time, the format WeChat's `time` fields take. */
export const formatShanghaiTime = isoMinute

/** WeChat's answer when the person has no subscription left for this template (用户拒绝接受消息). */
export const ERR_NO_SUBSCRIPTION = 43101
/** WeChat is busy or the minute quota is used up: nothing was delivered, a little later may work. */
const PASSING_REFUSALS = new Set([-1, 45011])

function errCodeOf(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : undefined
}

/**
 * SubscribeMessenger through `cloud.openapi.subscribeMessage.send` (云调用; the function's
 * config.json must grant `subscribeMessage.send`). Never throws: a person who has no grant left
 * (43101) or a template misconfiguration only means no WeChat message — the in-app notification
 * is already stored. Any answer with an errCode is a refusal before delivery (the grant is kept,
 * except for 43101); a network error leaves delivery unknown, so the outbox never repeats it.
 * WeChat keeps no receipt we could ask for, so there is no `wasDelivered`.
 */
export class WechatSubscribeMessenger implements SubscribeMessenger {
  constructor(
    private readonly deps: {
      openapi: SubscribeOpenApi
      templates: TemplateConfigs
      clock: Clock
      log: Logger
      miniprogramState?: MiniprogramState
    },
  ) {}

  async send(message: SubscribeMessage): Promise<SendResult> {
    const { openapi, templates, clock, log, miniprogramState } = this.deps
    const template = templates[message.templateKey]
    if (!template) return { delivered: false, reason: 'template-not-configured', grant: 'kept' }
    const data: Record<string, { value: string }> = {}
    for (const [field, source] of Object.entries(template.fields)) {
      // WeChat rejects an empty value; a dash keeps the message readable.
      const value = source === '$now' ? formatShanghaiTime(clock.now()) : message.data[source]
      data[field] = { value: value && value.length ? value : '-' }
    }
    // WeChat wants a page path without the leading slash, e.g. `pages/home/index?id=1`.
    const page = message.page?.replace(/^\/+/, '')
    try {
      const reply = await openapi.subscribeMessage.send({
        touser: message.openid,
        templateId: template.templateId,
        ...(page ? { page } : {}),
        data,
        ...(miniprogramState ? { miniprogramState } : {}),
      })
      if (reply.errCode !== undefined && reply.errCode !== 0) return this.refused(message, reply.errCode, log)
      return { delivered: true }
    } catch (error) {
      const code = errCodeOf(error)
      if (code !== undefined) return this.refused(message, code, log)
      log.warn(
        { templateKey: message.templateKey, error: (error as Error)?.message ?? String(error) },
        'subscribe message error',
      )
      return { delivered: false, reason: 'error', grant: 'unknown' }
    }
  }

  private refused(message: SubscribeMessage, errCode: number, log: Logger): SendResult {
    // Ids and codes only in logs: no openid, no message text.
    log.warn({ templateKey: message.templateKey, errCode }, 'subscribe message refused')
    return {
      delivered: false,
      reason: `errCode:${errCode}`,
      grant: errCode === ERR_NO_SUBSCRIPTION ? 'gone' : 'kept',
      ...(PASSING_REFUSALS.has(errCode) ? { retryable: true } : {}),
    }
  }
}
