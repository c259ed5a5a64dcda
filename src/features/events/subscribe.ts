import type { SubscribeTemplateKey } from '../../../contracts'
import { promptForMessages } from '../../platform/notify'
import { templateIds } from '../notifications/template-ids'
import { notificationsApi } from '../notifications/api'

const EVENT_TEMPLATES: SubscribeTemplateKey[] = ['eventReminder', 'eventUpdate']

/**
 * Ask, on the RSVP tap, whether WeChat may send the reminder and the 候补成功 / 活动取消 message
 * (一次性订阅: one message per grant). WeChat only shows its prompt from a tap, so this runs first
 * in the tap handler. In the browser there is no prompt: the grant is recorded directly. Never
 * blocks the RSVP: a refusal or an error only means no WeChat message (in-app ones still come).
 */
export async function askForEventMessages(): Promise<void> {
  try {
    const answer = await promptForMessages(EVENT_TEMPLATES, templateIds())
    if (answer.kind === 'unconfigured') return
    const accepted = answer.kind === 'answered' ? answer.accepted : EVENT_TEMPLATES
    if (accepted.length) await notificationsApi.grantSubscriptions({ templateKeys: accepted })
  } catch {
    // The RSVP matters more than the message grant.
  }
}
