import type { SubscribeTemplateKey } from '../../../contracts'
import { ApiError } from '../../services/api-error'
import { promptForMessages } from '../../platform/notify'
import { templateIds } from './template-ids'
import { notificationsApi } from './api'

/**
 * Ask to be told on WeChat next time (one message per tap: WeChat's 一次性订阅). Must run inside the
 * tap handler: WeChat only shows its prompt in answer to a tap. Returns how many reminders of the
 * first template are now waiting, or null when the person said no.
 */
export async function askForSubscription(keys: SubscribeTemplateKey[]): Promise<number | null> {
  let answer
  try {
    answer = await promptForMessages(keys, templateIds())
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: '没能打开微信提醒设置，请稍后再试' })
  }
  if (answer.kind === 'unconfigured')
    throw new ApiError({ code: 'INTERNAL', message: '微信提醒还没有开通，请联系居委会' })
  // In the browser there is no WeChat prompt: the local outbox stands in for WeChat.
  const accepted = answer.kind === 'answered' ? answer.accepted : keys
  if (!accepted.length) return null
  const { granted } = await notificationsApi.grantSubscriptions({ templateKeys: accepted })
  const [first] = keys
  return first === undefined ? null : (granted[first] ?? null)
}

/**
 * The quiet variant for taps whose main purpose is something else (follow the column, send a
 * question): ask, record what was allowed, never throw — a refused prompt means in-app only.
 */
export async function requestSubscriptions(keys: readonly SubscribeTemplateKey[]): Promise<SubscribeTemplateKey[]> {
  let accepted: SubscribeTemplateKey[]
  try {
    const answer = await promptForMessages(keys, templateIds())
    accepted = answer.kind === 'answered' ? answer.accepted : answer.kind === 'no-prompt' ? [...keys] : []
  } catch {
    return []
  }
  if (accepted.length) await notificationsApi.grantSubscriptions({ templateKeys: accepted }).catch(() => undefined)
  return accepted
}
