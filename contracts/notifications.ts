import * as z from 'zod'
import { action } from './action'
import { id, noInput } from './fields'
import { pingAction } from './ping'

/**
 * WeChat subscribe-message templates (订阅消息) the product uses. A person grants one message per
 * tap (一次性订阅); the grant is spent when a message is sent. Production template ids are
 * configured per key (see docs/DEPLOY.md).
 */
export const SUBSCRIBE_TEMPLATES = [
  'application',
  'announcement',
  'eventReminder',
  'eventUpdate',
  'healthAnswer',
  'healthTip',
  'helpUpdate',
] as const
export type SubscribeTemplateKey = (typeof SUBSCRIBE_TEMPLATES)[number]

/**
 * What became of a notification on WeChat: `queued` until the outbox sends it (in the background,
 * within a minute on CloudBase), then `sent` or `failed`; `not-granted` when the person had not
 * allowed this kind of message.
 */
export type WechatDelivery = 'sent' | 'queued' | 'not-granted' | 'failed'

/** WeChat subscribe messages of one notice (or other subject), as its author sees them. */
export interface WechatSendCounts {
  /** Delivered to WeChat. */
  sent: number
  /** Waiting in the outbox, or being sent right now. */
  queued: number
  /** WeChat refused, or the person no longer had a grant or an account. */
  failed: number
}

export interface NotificationView {
  notificationId: string
  kind: string
  title: string
  body: string
  link?: string
  urgent: boolean
  createdAt: number
  readAt?: number
  /** Whether a WeChat subscribe message goes out too. */
  wechat: WechatDelivery
}

export const notificationsContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  list: action<{ items: NotificationView[]; unread: number; nextBefore?: string }>()(
    z.strictObject({
      /** The last notificationId of the previous page (ids sort in creation order). */
      before: id.optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
  ),
  unreadCount: action<{ unread: number }>()(noInput),
  markRead: action<{ unread: number }>()(
    z.union([z.strictObject({ ids: z.array(id).min(1).max(100) }), z.strictObject({ all: z.literal(true) })]),
  ),
  /** Record that the person tapped 允许 on WeChat's subscribe prompt for these templates. */
  grantSubscriptions: action<{ granted: Partial<Record<SubscribeTemplateKey, number>> }>()(
    z.strictObject({ templateKeys: z.array(z.enum(SUBSCRIBE_TEMPLATES)).min(1).max(SUBSCRIBE_TEMPLATES.length) }),
  ),
  /** How many more WeChat reminders of each kind may still reach me (one per 允许 tapped; 0 when used up). */
  reminders: action<{ remaining: Record<SubscribeTemplateKey, number> }>()(noInput),
}
