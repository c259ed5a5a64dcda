import type { DocumentStore } from '../../core/shared/document-store'
import type { Clock, IdGenerator, SubscribeMessage, SubscribeMessenger } from '../../core/shared/ports'
import type { OutboxDoc } from '../../core/notifications/notifications.docs'
import type { UserDoc } from '../../core/account/account.docs'

/**
 * Locally there is no WeChat to deliver to: each subscribe message is recorded in the outbox
 * (shown in the notification centre as "已发送微信订阅消息"), exactly as it would be sent.
 */
export class OutboxMessenger implements SubscribeMessenger {
  constructor(private readonly deps: { store: DocumentStore; clock: Clock; ids: IdGenerator }) {}

  async send(message: SubscribeMessage): Promise<{ delivered: boolean }> {
    const [recipient] = await this.deps.store.find<UserDoc>('users', { openid: message.openid }, { limit: 1 })
    const doc: OutboxDoc = {
      _id: this.deps.ids.next('o'),
      recipientId: recipient?._id ?? 'unknown',
      templateKey: message.templateKey,
      page: message.page ?? null,
      data: message.data,
      delivered: true,
      reason: null,
      createdAt: this.deps.clock.now(),
    }
    await this.deps.store.insert('outbox', doc)
    return { delivered: true }
  }
}
