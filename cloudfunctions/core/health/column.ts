import {
  HEALTH_DISCLAIMER,
  isColumnist,
  type ColumnOverview,
  type HealthCategory,
  type QAView,
} from '../../../contracts'
import { displayNames } from '../account/people'
import type { RequestContext } from '../shared/context'
import { DuplicateKeyError } from '../shared/document-store'
import { notFound } from '../shared/errors'
import { featuredTip } from './tips'
import { qaSummaryView, qaView } from './views'
import { lastOf } from '../shared/lists'

const DEFAULT_PAGE = 20

async function followState(ctx: RequestContext) {
  const { deps, caller } = ctx
  const [mine, followers] = await Promise.all([
    deps.store.get('health_followers', caller.userId),
    deps.store.count('health_followers', {}),
  ])
  return { following: mine !== null, followers }
}

export async function follow(ctx: RequestContext) {
  const { deps, caller } = ctx
  try {
    await deps.store.insert('health_followers', { _id: caller.userId, followedAt: deps.clock.now() })
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error // already following: nothing to do
  }
  return followState(ctx)
}

export async function unfollow(ctx: RequestContext) {
  await ctx.deps.store.delete('health_followers', ctx.caller.userId)
  return followState(ctx)
}

export async function overview(ctx: RequestContext): Promise<ColumnOverview> {
  const { deps, caller } = ctx
  const columnist = isColumnist(caller.roles)
  const [state, featured, myWaiting, inboxWaiting] = await Promise.all([
    followState(ctx),
    featuredTip(deps),
    deps.store.count('health_questions', { askerId: caller.userId, status: 'waiting' }),
    columnist ? deps.store.count('health_questions', { status: 'waiting' }) : Promise.resolve(undefined),
  ])
  return { ...state, featured, myWaiting, ...(inboxWaiting !== undefined ? { inboxWaiting } : {}) }
}

export async function listQA(
  ctx: RequestContext,
  input: { before?: number; limit?: number; category?: HealthCategory },
) {
  const { deps } = ctx
  const limit = input.limit ?? DEFAULT_PAGE
  const docs = await deps.store.find(
    'health_entries',
    {
      kind: 'qa',
      ...(input.category ? { category: input.category } : {}),
      ...(input.before !== undefined ? { publishedAt: { $lt: input.before } } : {}),
    },
    { orderBy: [['publishedAt', 'desc']], limit: limit + 1 },
  )
  const page = docs.slice(0, limit)
  const names = await displayNames(deps.store, [...new Set(page.map((e) => e.authorId))])
  return {
    items: page.map((e) => qaSummaryView(e, names.get(e.authorId) ?? '')),
    ...(docs.length > limit ? { nextBefore: lastOf(page).publishedAt } : {}),
    disclaimer: HEALTH_DISCLAIMER,
  }
}

export async function getQA(ctx: RequestContext, input: { entryId: string }): Promise<QAView> {
  const entry = await ctx.deps.store.get('health_entries', input.entryId)
  if (!entry || entry.kind !== 'qa') throw notFound('这条问答不存在或已撤下')
  const names = await displayNames(ctx.deps.store, [entry.authorId])
  return qaView(entry, names.get(entry.authorId) ?? '')
}
