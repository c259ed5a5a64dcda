import Taro from '@tarojs/taro'
import type { SubscribeTemplateKey } from '../../../contracts'
import { call } from '../../services/api'
import { ApiError } from '../../services/api-error'

/**
 * Taro writes `process.env.TARO_APP_*` into the build only when a .env file sets it; otherwise the
 * expression stays, and WeChat has no `process`. Read it so that a missing setting is just unset.
 */
function configuredTemplateIds(): string | undefined {
  try {
    return process.env.TARO_APP_TEMPLATE_IDS
  } catch {
    return undefined
  }
}

/**
 * WeChat subscribe-message template ids, chosen in the mini-program admin console (订阅消息) and
 * set at build time in a .env file (`.env.production`): TARO_APP_TEMPLATE_IDS, e.g.
 * `announcement=AbC…,eventReminder=XyZ…`. The cloud function maps the same keys to the same ids
 * and their keyword names (LOUZU_TEMPLATE_IDS, see docs/DEPLOY.md).
 */
export function templateIds(raw: string | undefined = configuredTemplateIds()): Partial<Record<SubscribeTemplateKey, string>> {
  const ids: Partial<Record<SubscribeTemplateKey, string>> = {}
  for (const pair of (raw ?? '').split(',')) {
    const [key, id] = pair.split('=').map((s) => s.trim())
    if (key && id) ids[key as SubscribeTemplateKey] = id
  }
  return ids
}

/**
 * Ask to be told on WeChat next time (one message per tap: WeChat's 一次性订阅). Must run inside the
 * tap handler: WeChat only shows its prompt in answer to a tap. Returns how many reminders of the
 * first template are now waiting, or null when the person said no.
 */
export async function askForSubscription(keys: SubscribeTemplateKey[]): Promise<number | null> {
  let accepted = keys
  if (process.env.TARO_ENV === 'weapp') {
    const ids = templateIds()
    const wanted = keys.filter((k) => ids[k])
    if (!wanted.length) throw new ApiError({ code: 'INTERNAL', message: '微信提醒还没有开通，请联系居委会' })
    let result: Record<string, unknown>
    try {
      result = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((k) => ids[k] as string), entityIds: [] })) as unknown as Record<string, unknown>
    } catch {
      throw new ApiError({ code: 'INTERNAL', message: '没能打开微信提醒设置，请稍后再试' })
    }
    accepted = wanted.filter((k) => result[ids[k] as string] === 'accept')
    if (!accepted.length) return null
  }
  // In the browser there is no WeChat prompt: the local outbox stands in for WeChat.
  const { granted } = await call('notifications', 'grantSubscriptions', { templateKeys: accepted })
  return granted[keys[0]] ?? null
}
