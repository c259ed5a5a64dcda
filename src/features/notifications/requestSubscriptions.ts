import Taro from '@tarojs/taro'
import type { SubscribeTemplateKey } from '../../../contracts'
import { call } from '../../services/api'

/**
 * WeChat subscribe-message template ids, one per key, set at build time:
 * TARO_APP_SUBSCRIBE_TEMPLATE_IDS='{"healthTip":"…","healthAnswer":"…"}' (see docs/DEPLOY.md).
 */
function templateIds(): Partial<Record<SubscribeTemplateKey, string>> {
  let raw: string | undefined
  try {
    raw = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS
  } catch {
    raw = undefined // not configured in this build
  }
  try {
    return raw ? (JSON.parse(raw) as Partial<Record<SubscribeTemplateKey, string>>) : {}
  } catch {
    return {}
  }
}

/**
 * Ask for WeChat subscribe messages — call it straight from a tap handler (WeChat shows its
 * prompt only in response to a tap). In the mini-program, the keys the person allowed are
 * recorded; in the browser build there is no prompt, so the tap itself counts as allowing.
 * Never throws: a refused or failed prompt just means in-app notices only.
 */
export async function requestSubscriptions(keys: readonly SubscribeTemplateKey[]): Promise<SubscribeTemplateKey[]> {
  let accepted: SubscribeTemplateKey[] = []
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
  } else {
    accepted = [...keys]
  }
  if (accepted.length) await call('notifications', 'grantSubscriptions', { templateKeys: accepted }).catch(() => undefined)
  return accepted
}
