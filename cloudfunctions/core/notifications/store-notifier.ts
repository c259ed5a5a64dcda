import type { DocumentStore } from '../shared/document-store'
import type { Clock, IdGenerator, Logger, NotificationDraft, Notifier, SubscribeMessenger } from '../shared/ports'
import type { SubscribeTemplateKey } from '../../../contracts'
import type { UserDoc } from '../account/account.docs'
import { grantId, type NotificationDoc, type SubscriptionGrantDoc } from './notifications.docs'

const NOTIFY_BATCH = 200
/** WeChat keeps one-time grants for a while; we keep a bounded count so a tap-happy user cannot pile them up. */
const MAX_GRANTS_KEPT = 20

/** WeChat limits subscribe-message fields (thing: 20 characters); longer text is cut with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Every notification lands in the recipient's in-app centre. If the draft names a template and
 * the recipient granted it, a WeChat subscribe message goes out too and one grant is spent.
 */
export class StoreNotifier implements Notifier {
  constructor(
    private readonly deps: {
      store: DocumentStore
      clock: Clock
      ids: IdGenerator
      messenger: SubscribeMessenger
      log: Logger
    },
  ) {}

  async notify(recipientIds: readonly string[], draft: NotificationDraft): Promise<void> {
    const recipients = [...new Set(recipientIds)]
    const { store, clock, ids } = this.deps
    const granted = draft.templateKey ? await this.grantedAmong(recipients, draft.templateKey) : new Set<string>()
    const docs: NotificationDoc[] = []
    for (const recipientId of recipients) {
      const wechat = granted.has(recipientId) ? await this.sendWechat(recipientId, draft) : 'not-granted'
      docs.push({
        _id: ids.next('n'),
        recipientId,
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        link: draft.link ?? null,
        urgent: draft.urgent ?? false,
        createdAt: clock.now(),
        readAt: null,
        wechat,
      })
    }
    // One write for everyone, not one per person: a neighbourhood-wide notice reaches thousands.
    await store.insertMany('notifications', docs)
  }

  private async grantedAmong(recipients: string[], templateKey: SubscribeTemplateKey): Promise<Set<string>> {
    const granted = new Set<string>()
    for (let i = 0; i < recipients.length; i += NOTIFY_BATCH) {
      const chunk = recipients.slice(i, i + NOTIFY_BATCH)
      const grants = await this.deps.store.find<SubscriptionGrantDoc>(
        'subscription_grants',
        { templateKey, remaining: { $gt: 0 }, userId: { $in: chunk } },
        { limit: NOTIFY_BATCH },
      )
      for (const grant of grants) granted.add(grant.userId)
    }
    return granted
  }

  private async sendWechat(recipientId: string, draft: NotificationDraft): Promise<NotificationDoc['wechat']> {
    const templateKey = draft.templateKey
    if (!templateKey) return 'not-granted'
    const { store, clock, messenger, log } = this.deps
    // Spend the grant first (conditionally), so two sends can never use one grant.
    const spent = await store.updateWhere(
      'subscription_grants',
      { _id: grantId(recipientId, templateKey), remaining: { $gt: 0 } },
      { inc: { remaining: -1 }, set: { updatedAt: clock.now() } },
    )
    if (spent === 0) return 'not-granted'
    const user = await store.get<UserDoc>('users', recipientId)
    if (!user || user.deletedAt) return 'not-granted'
    try {
      const result = await messenger.send({
        openid: user.openid,
        templateKey,
        page: draft.link,
        // An urgent notice says so on WeChat too, where the in-app 【紧急】 marker is not shown.
        data: { title: clip(draft.urgent ? `【紧急】${draft.title}` : draft.title, 20), body: clip(draft.body, 20) },
      })
      return result.delivered ? 'sent' : 'failed'
    } catch (error) {
      log.warn({ templateKey, error: (error as Error).message }, 'subscribe message failed')
      return 'failed'
    }
  }
}

/** One grant per template per tap on WeChat's prompt; kept as a count per person and template. */
export async function addGrants(store: DocumentStore, clock: Clock, userId: string, templateKeys: readonly SubscribeTemplateKey[]) {
  const granted: Partial<Record<SubscribeTemplateKey, number>> = {}
  for (const templateKey of new Set(templateKeys)) {
    const id = grantId(userId, templateKey)
    granted[templateKey] = await store.transaction(async (tx) => {
      const existing = await tx.get<SubscriptionGrantDoc>('subscription_grants', id)
      const remaining = Math.min((existing?.remaining ?? 0) + 1, MAX_GRANTS_KEPT)
      await tx.put<SubscriptionGrantDoc>('subscription_grants', { _id: id, userId, templateKey, remaining, updatedAt: clock.now() })
      return remaining
    })
  }
  return granted
}
