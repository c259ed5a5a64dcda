import { noPersonalData, type CollectionSpec } from '../../core/shared/collections'
import { untypedStore, type Doc, type DocumentStore } from '../../core/shared/document-store'
import type { Clock, IdGenerator, SendResult, SubscribeMessage, SubscribeMessenger } from '../../core/shared/ports'

/** One message as the local stand-in for WeChat received it. No personal data: the outbox item holds that. */
export interface LocalDeliveryDoc extends Doc {
  outboxId: string
  templateKey: string
  deliveredAt: number
}

/**
 * Collections only the local runtime has. `local_wechat_deliveries` is what WeChat's servers would
 * know: one row per send call (never deduplicated, so a message sent twice would show twice).
 */
export const LOCAL_COLLECTIONS: readonly CollectionSpec[] = [
  {
    name: 'local_wechat_deliveries',
    description: '本地运行时代替微信记录收到的每一次订阅消息发送（仅本地）',
    indexes: [{ name: 'outbox', fields: [['outboxId', 'asc']] }],
    personalData: noPersonalData(
      'an outbox id, a template key and a time: the message and its recipient are in the outbox, erased with the account',
    ),
  },
]

/**
 * Locally there is no WeChat to deliver to: each send is recorded as delivered (the notification
 * centre then says 已发送微信订阅消息). Unlike WeChat it can say afterwards whether a send went
 * out, so a drain killed mid-send resends exactly what never arrived.
 */
export class LocalWechatMessenger implements SubscribeMessenger {
  constructor(private readonly deps: { store: DocumentStore; clock: Clock; ids: IdGenerator }) {}

  async send(message: SubscribeMessage): Promise<SendResult> {
    const delivery: LocalDeliveryDoc = {
      _id: this.deps.ids.next('d'),
      outboxId: message.key,
      templateKey: message.templateKey,
      deliveredAt: this.deps.clock.now(),
    }
    await untypedStore(this.deps.store).insert('local_wechat_deliveries', delivery)
    return { delivered: true }
  }

  async wasDelivered(key: string): Promise<boolean> {
    return (await untypedStore(this.deps.store).count('local_wechat_deliveries', { outboxId: key })) > 0
  }
}
