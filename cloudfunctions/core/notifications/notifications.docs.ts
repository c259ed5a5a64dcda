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

export interface OutboxDoc extends Doc {
  recipientId: string
  templateKey: SubscribeTemplateKey
  page: string | null
  data: Record<string, string>
  delivered: boolean
  reason: string | null
  createdAt: number
}

export function grantId(userId: string, templateKey: SubscribeTemplateKey): string {
  return `${userId}:${templateKey}`
}
