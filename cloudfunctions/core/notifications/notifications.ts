import { SUBSCRIBE_TEMPLATES, type NotificationView, type SubscribeTemplateKey } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import { grantId, type NotificationDoc } from './notifications.docs'
import { addGrants } from './store-notifier'
import { lastOf } from '../shared/lists'

function view(doc: NotificationDoc): NotificationView {
  return {
    notificationId: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    ...(doc.link ? { link: doc.link } : {}),
    urgent: doc.urgent,
    createdAt: doc.createdAt,
    ...(doc.readAt !== null ? { readAt: doc.readAt } : {}),
    wechat: doc.wechat,
  }
}

export async function unreadCount({ deps, caller }: RequestContext): Promise<{ unread: number }> {
  return { unread: await deps.store.count('notifications', { recipientId: caller.userId, readAt: null }) }
}

export async function listNotifications(ctx: RequestContext, input: { before?: string; limit?: number }) {
  const { deps, caller } = ctx
  const limit = input.limit ?? 20
  const docs = await deps.store.find(
    'notifications',
    // Ids start with their creation time, so they order like createdAt but never tie.
    { recipientId: caller.userId, ...(input.before ? { _id: { $lt: input.before } } : {}) },
    { orderBy: [['_id', 'desc']], limit: limit + 1 },
  )
  const page = docs.slice(0, limit)
  // The first page holding every notification the person has already says how many are unread;
  // only a longer list needs the count (one round trip fewer on the common, short list).
  const whole = !input.before && docs.length <= limit
  const { unread } = whole ? { unread: page.filter((d) => !d.readAt).length } : await unreadCount(ctx)
  return {
    items: page.map(view),
    unread,
    ...(docs.length > limit ? { nextBefore: lastOf(page)._id } : {}),
  }
}

export async function markRead(ctx: RequestContext, input: { ids: string[] } | { all: true }) {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  if ('all' in input) {
    await deps.store.updateWhere(
      'notifications',
      { recipientId: caller.userId, readAt: null },
      { set: { readAt: now } },
    )
  } else {
    // Only the caller's own notifications: someone else's id simply matches nothing.
    await deps.store.updateWhere(
      'notifications',
      { recipientId: caller.userId, _id: { $in: input.ids }, readAt: null },
      { set: { readAt: now } },
    )
  }
  return unreadCount(ctx)
}

/** What is left of my WeChat reminders, per kind: one read of my grant for every template. */
export async function reminders(ctx: RequestContext): Promise<{ remaining: Record<SubscribeTemplateKey, number> }> {
  const { store } = ctx.deps
  const grants = await store.getMany(
    'subscription_grants',
    SUBSCRIBE_TEMPLATES.map((key) => grantId(ctx.caller.userId, key)),
  )
  const left = new Map(grants.map((grant) => [grant.templateKey, Math.max(0, grant.remaining)]))
  const remaining = Object.fromEntries(SUBSCRIBE_TEMPLATES.map((key) => [key, left.get(key) ?? 0]))
  return { remaining: remaining as Record<SubscribeTemplateKey, number> }
}

export async function grantSubscriptions(ctx: RequestContext, input: { templateKeys: SubscribeTemplateKey[] }) {
  return { granted: await addGrants(ctx.deps.store, ctx.deps.clock, ctx.caller.userId, input.templateKeys) }
}
