import Taro from '@tarojs/taro'
import type { SubscribeTemplateKey } from '../../../contracts'
import { call } from '../../services/api'
import { ApiError } from '../../services/api-error'
import { templateIds } from './template-ids'

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

/**
 * The quiet variant for taps whose main purpose is something else (follow the column, send a
 * question): ask, record what was allowed, never throw — a refused prompt means in-app only.
 */
export async function requestSubscriptions(keys: readonly SubscribeTemplateKey[]): Promise<SubscribeTemplateKey[]> {
  let accepted: SubscribeTemplateKey[] = [...keys]
  if (process.env.TARO_ENV === 'weapp') {
    const ids = templateIds()
    const wanted = keys.filter((key) => ids[key])
    if (!wanted.length) return []
    try {
      const result = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((key) => ids[key] as string), entityIds: [] })) as unknown as Record<string, string>
      accepted = wanted.filter((key) => result[ids[key] as string] === 'accept')
    } catch {
      return []
    }
  }
  if (accepted.length) await call('notifications', 'grantSubscriptions', { templateKeys: accepted }).catch(() => undefined)
  return accepted
}
