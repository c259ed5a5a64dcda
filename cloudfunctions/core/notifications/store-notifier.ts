import type { DocumentStore } from '../shared/document-store'
import { MAX_FIND_LIMIT } from '../shared/document-store'
import { counterIdOf, getCounters, newCounter, putCounter } from '../shared/counters'
import type {
  Clock,
  IdGenerator,
  NotificationCap,
  NotificationDraft,
  Notifier,
  RealtimePublisher,
} from '../shared/ports'
import { signalPeople } from '../shared/personal-topic'
import type { SubscribeTemplateKey } from '../../../contracts'
import { grantId, type NotificationDoc, type OutboxDoc, type SubscriptionGrantDoc } from './notifications.docs'
import { lastOf } from '../shared/lists'

/** Up to this many recipients, their grants are looked up by id; beyond, the template's grants are scanned. */
const LOOKUP_BY_ID_MAX = 200
/** WeChat keeps one-time grants for a while; we keep a bounded count so a tap-happy user cannot pile them up. */
const MAX_GRANTS_KEPT = 20

/** WeChat limits subscribe-message fields (thing: 20 characters); longer text is cut with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * Every notification lands in the recipient's in-app centre, all recipients in one bulk write.
 * If the draft names a template, a WeChat subscribe message is queued in the outbox for each
 * recipient who granted it — never sent inside the request: a neighbourhood-wide notice reaches
 * thousands, and WeChat takes one call per person. The outbox drain (the timer function on
 * CloudBase, a job in the local runtime) sends them, spending one grant each (outbox.ts).
 */
export class StoreNotifier implements Notifier {
  constructor(
    private readonly deps: {
      store: DocumentStore
      clock: Clock
      ids: IdGenerator
      /** Told after WeChat messages were queued, so a drain nearby can start at once (the local job). */
      onQueued?: () => void
      /** Where open pages listen (the local runtime's hub): each recipient's unread count moves at once. */
      realtime?: RealtimePublisher
    },
  ) {}

  async notify(recipientIds: readonly string[], draft: NotificationDraft): Promise<void> {
    const { store, clock, ids } = this.deps
    const now = clock.now()
    const unique = [...new Set(recipientIds)]
    const recipients = draft.cap && unique.length ? await this.withinCap(unique, draft, draft.cap, now) : unique
    if (!recipients.length) return
    const granted = draft.templateKey ? await this.grantedAmong(recipients, draft.templateKey) : new Set<string>()
    const notifications: NotificationDoc[] = recipients.map((recipientId) => ({
      _id: ids.next('n'),
      recipientId,
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      link: draft.link ?? null,
      urgent: draft.urgent ?? false,
      createdAt: now,
      readAt: null,
      wechat: granted.has(recipientId) ? 'queued' : 'not-granted',
    }))
    // One write for everyone, not one per person: in-app first, so nobody waits for WeChat.
    await store.insertMany('notifications', notifications)
    const { realtime } = this.deps
    if (realtime) signalPeople({ realtime, clock }, recipients, ['notifications'])
    if (!draft.templateKey || !granted.size) return
    const templateKey = draft.templateKey
    const data = {
      // An urgent notice says so on WeChat too, where the in-app 【紧急】 marker is not shown.
      title: clip(draft.urgent ? `【紧急】${draft.title}` : draft.title, 20),
      body: clip(draft.body, 20),
    }
    const queued: OutboxDoc[] = notifications
      .filter((n) => n.wechat === 'queued')
      .map((n) => ({
        _id: n._id,
        recipientId: n.recipientId,
        templateKey,
        page: draft.link ?? null,
        data,
        about: draft.about ?? null,
        status: 'queued',
        reason: null,
        claimToken: null,
        claimedAt: null,
        createdAt: now,
        sentAt: null,
        updatedAt: now,
      }))
    await store.insertMany('outbox', queued)
    this.deps.onQueued?.()
  }

  /**
   * Counts this notification for each recipient (one transaction, by id) and answers those still
   * within the cap. For the others the window's summary is replaced by a fresh one — a new
   * time-ordered id, so it is on top, unread — that says how many were over the cap.
   */
  private async withinCap(
    recipients: string[],
    draft: NotificationDraft,
    cap: NotificationCap,
    now: number,
  ): Promise<string[]> {
    const { store, ids } = this.deps
    const keyOf = (userId: string) => ({ name: cap.name, userId, windowMs: cap.windowMs })
    return store.transaction(async (tx) => {
      const counters = new Map(
        (
          await getCounters(
            tx,
            recipients.map((userId) => counterIdOf(keyOf(userId), now)),
          )
        ).map((c) => [c._id, c]),
      )
      const within: string[] = []
      for (const recipientId of recipients) {
        const counter = counters.get(counterIdOf(keyOf(recipientId), now)) ?? newCounter(keyOf(recipientId), now, 0)
        const count = counter.count + 1
        if (count <= cap.max) {
          within.push(recipientId)
          await putCounter(tx, { ...counter, count })
          continue
        }
        if (counter.summaryId) await tx.delete('notifications', counter.summaryId)
        const summary: NotificationDoc = {
          _id: ids.next('n'),
          recipientId,
          kind: draft.kind,
          ...cap.summary(count - cap.max),
          link: draft.link ?? null,
          urgent: false,
          createdAt: now,
          readAt: null,
          wechat: 'not-granted',
        }
        await tx.insert('notifications', summary)
        await putCounter(tx, { ...counter, count, summaryId: summary._id })
      }
      return within
    })
  }

  /**
   * Who among the recipients has a grant left: a few recipients are looked up by id; a large
   * audience is matched against the template's live grants (a few pages, not one query per 200
   * people). A grant found here is only a hint — the drain spends it, or finds it gone.
   */
  private async grantedAmong(recipients: string[], templateKey: SubscribeTemplateKey): Promise<Set<string>> {
    const { store } = this.deps
    if (recipients.length <= LOOKUP_BY_ID_MAX) {
      const grants = await store.getMany(
        'subscription_grants',
        recipients.map((userId) => grantId(userId, templateKey)),
      )
      return new Set(grants.filter((g) => g.remaining > 0).map((g) => g.userId))
    }
    const wanted = new Set(recipients)
    const granted = new Set<string>()
    let after: string | null = null
    for (;;) {
      const page: SubscriptionGrantDoc[] = await store.find(
        'subscription_grants',
        { templateKey, remaining: { $gt: 0 }, ...(after === null ? {} : { _id: { $gt: after } }) },
        { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT },
      )
      for (const grant of page) if (wanted.has(grant.userId)) granted.add(grant.userId)
      if (page.length < MAX_FIND_LIMIT) return granted
      after = lastOf(page)._id
    }
  }
}

/** One grant per template per tap on WeChat's prompt; kept as a count per person and template. */
export async function addGrants(
  store: DocumentStore,
  clock: Clock,
  userId: string,
  templateKeys: readonly SubscribeTemplateKey[],
) {
  const granted: Partial<Record<SubscribeTemplateKey, number>> = {}
  for (const templateKey of new Set(templateKeys)) {
    const id = grantId(userId, templateKey)
    granted[templateKey] = await store.transaction(async (tx) => {
      const existing = await tx.get('subscription_grants', id)
      const remaining = Math.min((existing?.remaining ?? 0) + 1, MAX_GRANTS_KEPT)
      await tx.put('subscription_grants', {
        _id: id,
        userId,
        templateKey,
        remaining,
        updatedAt: clock.now(),
      })
      return remaining
    })
  }
  return granted
}
