import {
  HEALTH_PAGES,
  monthLabel,
  shanghaiMonth,
  type FeaturedTipView,
  type TipMonthView,
  type TipView,
} from '../../../contracts'
import { displayNames } from '../account/people'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { notFound } from '../shared/errors'
import type { Deps } from '../shared/ports'
import type { EntryDoc, TipDoc } from './health.docs'
import { tipSummaryView, tipView } from './views'
import { lastOf } from '../shared/lists'

const DEFAULT_PAGE = 30
const FOLLOWER_PAGE = 1000

function cleanTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))]
}

function tipEntry(tip: TipDoc): EntryDoc {
  return {
    _id: tip._id,
    kind: 'tip',
    title: tip.title,
    body: tip.body,
    tags: tip.tags,
    tagText: tip.tags.join(' '),
    category: null,
    authorId: tip.authorId,
    publishedAt: tip.publishedAt,
  }
}

async function authorName(store: DocumentStore, tip: TipDoc): Promise<string> {
  return (await displayNames(store, [tip.authorId])).get(tip.authorId) ?? ''
}

async function requirePublishedTip(store: DocumentStore, tipId: string): Promise<TipDoc> {
  const tip = await store.get('health_tips', tipId)
  if (!tip || tip.status !== 'published') throw notFound('这篇小贴士不存在或已撤下')
  return tip
}

/** Everyone who follows the column, page by page (a find returns at most 1000). */
async function followerIds(store: DocumentStore): Promise<string[]> {
  const ids: string[] = []
  let after: string | undefined
  for (;;) {
    const page = await store.find('health_followers', after ? { _id: { $gt: after } } : {}, {
      orderBy: [['_id', 'asc']],
      limit: FOLLOWER_PAGE,
    })
    ids.push(...page.map((f) => f._id))
    if (page.length < FOLLOWER_PAGE) return ids
    after = lastOf(page)._id
  }
}

export async function publishTip(
  ctx: RequestContext,
  input: { title: string; body: string; tags?: string[] },
): Promise<TipView> {
  const { deps, caller } = ctx
  const tags = cleanTags(input.tags)
  await ensureAcceptableText(deps, [input.title, input.body, tags.join(' ')], 'forum', caller.openid)
  const tip: TipDoc = {
    _id: deps.ids.next('ht'),
    title: input.title,
    body: input.body,
    tags,
    authorId: caller.userId,
    status: 'published',
    publishedAt: deps.clock.now(),
    updatedAt: null,
    updatedBy: null,
    unpublishedAt: null,
  }
  await deps.store.transaction(async (tx) => {
    await tx.insert('health_tips', tip)
    await tx.insert('health_entries', tipEntry(tip))
  })
  await notifyFollowers(ctx, tip)
  return tipView(tip, caller.nickname)
}

async function notifyFollowers(ctx: RequestContext, tip: TipDoc): Promise<void> {
  const { deps, caller } = ctx
  try {
    const recipients = (await followerIds(deps.store)).filter((id) => id !== caller.userId)
    if (!recipients.length) return
    await deps.notifier.notify(recipients, {
      kind: 'healthTip',
      templateKey: 'healthTip',
      title: `健康小贴士：${tip.title}`,
      body: `${caller.nickname}发布了新的健康小贴士，点开阅读。`,
      link: `${HEALTH_PAGES.tip}?id=${tip._id}`,
    })
  } catch (error) {
    // The tip is published either way; a retry would publish it twice.
    deps.log.warn(
      { requestId: ctx.requestId, tipId: tip._id, error: (error as Error).message },
      'health tip notification failed',
    )
  }
}

export async function editTip(
  ctx: RequestContext,
  input: { tipId: string; title?: string; body?: string; tags?: string[] },
): Promise<TipView> {
  const { deps, caller } = ctx
  const tags = input.tags === undefined ? undefined : cleanTags(input.tags)
  await ensureAcceptableText(deps, [input.title, input.body, tags?.join(' ')], 'forum', caller.openid)
  const now = deps.clock.now()
  const tip = await deps.store.transaction(async (tx) => {
    const current = await requirePublishedTip(tx, input.tipId)
    const next: TipDoc = {
      ...current,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(tags !== undefined ? { tags } : {}),
      updatedAt: now,
      updatedBy: caller.userId,
    }
    await tx.put('health_tips', next)
    await tx.put('health_entries', tipEntry(next))
    return next
  })
  return tipView(tip, await authorName(deps.store, tip))
}

export async function unpublishTip(
  ctx: RequestContext,
  input: { tipId: string },
): Promise<{ tipId: string; unpublished: true }> {
  const { deps, caller } = ctx
  await deps.store.transaction(async (tx) => {
    const current = await requirePublishedTip(tx, input.tipId)
    // Kept (who wrote what, when) but gone from the column and its search.
    await tx.update('health_tips', current._id, {
      set: { status: 'unpublished', unpublishedAt: deps.clock.now(), updatedBy: caller.userId },
    })
    await tx.delete('health_entries', current._id)
  })
  return { tipId: input.tipId, unpublished: true }
}

export async function getTip(ctx: RequestContext, input: { tipId: string }): Promise<TipView> {
  const tip = await requirePublishedTip(ctx.deps.store, input.tipId)
  return tipView(tip, await authorName(ctx.deps.store, tip))
}

/** The newest tip: "this month's" when it was published this month (Shanghai time). */
export async function featuredTip(deps: Pick<Deps, 'store' | 'clock'>): Promise<FeaturedTipView | null> {
  const [latest] = await deps.store.find(
    'health_tips',
    { status: 'published' },
    { orderBy: [['publishedAt', 'desc']], limit: 1 },
  )
  if (!latest) return null
  const tip = tipView(latest, await authorName(deps.store, latest))
  return { tip, thisMonth: tip.month === shanghaiMonth(deps.clock.now()) }
}

export async function listTips(ctx: RequestContext, input: { before?: number; limit?: number }) {
  const { deps } = ctx
  const limit = input.limit ?? DEFAULT_PAGE
  const docs = await deps.store.find(
    'health_tips',
    { status: 'published', ...(input.before !== undefined ? { publishedAt: { $lt: input.before } } : {}) },
    { orderBy: [['publishedAt', 'desc']], limit: limit + 1 },
  )
  const page = docs.slice(0, limit)
  const names = await displayNames(deps.store, [...new Set(page.map((t) => t.authorId))])
  const months: TipMonthView[] = []
  for (const tip of page) {
    const month = shanghaiMonth(tip.publishedAt)
    let group = months.at(-1)
    if (!group || group.month !== month) {
      group = { month, label: monthLabel(month), tips: [] }
      months.push(group)
    }
    group.tips.push(tipSummaryView(tip, names.get(tip.authorId) ?? ''))
  }
  return {
    featured: input.before === undefined ? await featuredTip(deps) : null,
    months,
    ...(docs.length > limit ? { nextBefore: lastOf(page).publishedAt } : {}),
  }
}
