import type { SubscribeTemplateKey, WechatDelivery } from '../../../contracts'
import type { Doc } from '../shared/document-store'

export interface NotificationDoc extends Doc {
  recipientId: string
  kind: string
  title: string
  body: string
  link: string | null
  urgent: boolean
  createdAt: number
  /** null until read; indexed so unread counts are one query. */
  readAt: number | null
  wechat: WechatDelivery
}

export interface SubscriptionGrantDoc extends Doc {
  userId: string
  templateKey: SubscribeTemplateKey
  remaining: number
  updatedAt: number
}

/**
 * One WeChat subscribe message waiting to go out, or gone (`_id` = the notification's id, one each):
 *
 *   queued ──claim (grant spent)──▶ sending ──WeChat accepted──▶ sent
 *     │                               ├──refused (grant back, unless WeChat says none)──▶ failed
 *     └──no grant left──▶ failed      └──drain died: resent only if the messenger can tell it was not
 *                                        delivered, otherwise failed ('interrupted')
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed'

export interface OutboxDoc extends Doc {
  recipientId: string
  templateKey: SubscribeTemplateKey
  page: string | null
  /** `title` and `body`, already cut to WeChat's limits. */
  data: Record<string, string>
  /** What it is about (`announcement:<id>`), for the author's sent / queued / failed counts. */
  about: string | null
  status: OutboxStatus
  /** Why it was not delivered: `no-grant`, `account-deleted`, `interrupted`, `errCode:43101`, … */
  reason: string | null
  /** Which drain holds it (while `sending`), and since when. */
  claimToken: string | null
  claimedAt: number | null
  createdAt: number
  sentAt: number | null
  updatedAt: number
}

export function grantId(userId: string, templateKey: SubscribeTemplateKey): string {
  return `${userId}:${templateKey}`
}
