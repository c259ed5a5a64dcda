import Taro from '@tarojs/taro'
import type { SubscribeTemplateKey } from '../../../contracts'
import { call } from '../../services/api'
import { templateIds } from '../notifications/template-ids'

const EVENT_TEMPLATES: SubscribeTemplateKey[] = ['eventReminder', 'eventUpdate']

/**
 * Ask, on the RSVP tap, whether WeChat may send the reminder and the 候补成功 / 活动取消 message
 * (一次性订阅: one message per grant). WeChat only shows its prompt from a tap, so this runs first
 * in the tap handler. In the browser there is no prompt: the grant is recorded directly. Never
 * blocks the RSVP: a refusal or an error only means no WeChat message (in-app ones still come).
 */
export async function askForEventMessages(): Promise<void> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const TEMPLATE_IDS = templateIds()
      const configured = EVENT_TEMPLATES.filter((key) => TEMPLATE_IDS[key])
      if (!configured.length) return
      const answer = (await Taro.requestSubscribeMessage({ tmplIds: configured.map((key) => TEMPLATE_IDS[key] as string) } as never)) as unknown as Record<string, string>
      const accepted = configured.filter((key) => answer[TEMPLATE_IDS[key] as string] === 'accept')
      if (accepted.length) await call('notifications', 'grantSubscriptions', { templateKeys: accepted })
    } else {
      await call('notifications', 'grantSubscriptions', { templateKeys: EVENT_TEMPLATES })
    }
  } catch {
    // The RSVP matters more than the message grant.
  }
}
