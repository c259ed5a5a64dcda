import { markNotificationsReadFor } from '../notifications/notifications.repository'
import {
  announcementLink,
  AUTHOR_ROLE_NAMES,
  type AnnouncementAudience,
  type AnnouncementDetail,
  type AnnouncementPage,
} from '../../../contracts'
import { requireBuilding } from '../account/views'
import { leadsBuilding } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { DuplicateKeyError, type DocumentStore, type Filter } from '../shared/document-store'
import { forbidden, invalidInput, notFound } from '../shared/errors'
import { feedKeysOf, mayManage, mayManageBuilding, mayPublishTo, maySee, maySeeBuilding, maySeeReach } from './access'
import {
  liveUntilOf,
  NEIGHBOURHOOD_KEY,
  readId,
  wechatAbout,
  type AnnouncementDoc,
  type AnnouncementReadDoc,
} from './announcements.docs'
import { audienceMembers } from './audience'
import { audienceNames, detailOf, excerptOf, isExpired, lookupsFor, readByCaller, summaryOf } from './views'
import { lastOf } from '../shared/lists'

const DAY = 24 * 3600 * 1000
/** Unread counts look this far back (plus anything pinned or urgent): older notices are history. */
export const UNREAD_WINDOW_MS = 30 * DAY
/** More pinned or urgent notices than this at once would bury everything else. */
const TOP_LIMIT = 50
const UNREAD_SCAN_LIMIT = 200
/** Up to this many live notices in a feed are read in one query (see listAnnouncements). */
const LIVE_AT_ONCE = 300

const GONE = '这条公告不存在或已撤回'

function ensureFuture(expiresAt: number | null | undefined, now: number): void {
  if (expiresAt !== undefined && expiresAt !== null && expiresAt <= now)
    throw invalidInput('expiresAt', '过期时间：要晚于现在')
}

async function requireLive(store: DocumentStore, announcementId: string): Promise<AnnouncementDoc> {
  const doc = await store.get('announcements', announcementId)
  if (!doc || doc.status !== 'published') throw notFound(GONE)
  return doc
}

async function detail(ctx: RequestContext, doc: AnnouncementDoc): Promise<AnnouncementDetail> {
  const { deps, caller } = ctx
  const [lookups, readCount] = await Promise.all([
    lookupsFor(deps.store, caller, [doc]),
    deps.store.count('announcement_reads', { announcementId: doc._id }),
  ])
  return detailOf(doc, caller, lookups, deps.clock.now(), readCount)
}

export async function publish(
  ctx: RequestContext,
  input: {
    audience: AnnouncementAudience
    title: string
    body: string
    pinned?: boolean
    urgent?: boolean
    expiresAt?: number
  },
): Promise<AnnouncementDetail> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  if (!mayPublishTo(caller, input.audience)) throw forbidden()
  ensureFuture(input.expiresAt, now)
  const audienceKey = input.audience === 'neighbourhood' ? NEIGHBOURHOOD_KEY : input.audience.buildingId
  if (audienceKey !== NEIGHBOURHOOD_KEY) await requireBuilding(deps.store, audienceKey)
  await ensureAcceptableText(deps, [input.title, input.body], 'forum', caller.openid)

  const doc: AnnouncementDoc = {
    _id: deps.ids.next('a'),
    audienceKey,
    title: input.title,
    body: input.body,
    pinned: input.pinned ?? false,
    urgent: input.urgent ?? false,
    expiresAt: input.expiresAt ?? null,
    liveUntil: liveUntilOf(input.expiresAt ?? null),
    status: 'published',
    authorId: caller.userId,
    authorRole: audienceKey !== NEIGHBOURHOOD_KEY && leadsBuilding(caller, audienceKey) ? 'leader' : 'committee',
    publishedAt: now,
  }
  await deps.store.insert('announcements', doc)
  deps.log.info(
    { requestId: ctx.requestId, announcementId: doc._id, audienceKey, by: caller.userId, urgent: doc.urgent },
    'announcement published',
  )
  await notifyAudience(ctx, doc)
  return detail(ctx, doc)
}

/**
 * Everyone in the audience gets it in the notification centre (and on WeChat if they granted the
 * template). The announcement is already published: a failure here is logged, not undone, so a
 * retry cannot publish it twice.
 */
async function notifyAudience(ctx: RequestContext, doc: AnnouncementDoc): Promise<void> {
  const { deps, caller } = ctx
  try {
    const recipients = (await audienceMembers(deps.store, doc.audienceKey)).filter((id) => id !== caller.userId)
    const audienceName = (await audienceNames(deps.store, [doc.audienceKey])).get(doc.audienceKey) ?? ''
    await deps.notifier.notify(recipients, {
      kind: 'announcement',
      templateKey: 'announcement',
      title: doc.title,
      // No author name: notifications outlive a deleted account. The role says who is speaking.
      body: `${audienceName} · ${AUTHOR_ROLE_NAMES[doc.authorRole]}：${excerptOf(doc.body, 60)}`,
      link: announcementLink(doc._id),
      urgent: doc.urgent,
      about: wechatAbout(doc._id),
    })
  } catch (error) {
    deps.log.error(
      { requestId: ctx.requestId, announcementId: doc._id, error: (error as Error)?.stack ?? String(error) },
      'announcement notifications failed',
    )
  }
}

export async function edit(
  ctx: RequestContext,
  input: {
    announcementId: string
    title?: string
    body?: string
    pinned?: boolean
    urgent?: boolean
    expiresAt?: number | null
  },
): Promise<AnnouncementDetail> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const existing = await requireLive(deps.store, input.announcementId)
  if (!mayManage(caller, existing)) throw forbidden()
  ensureFuture(input.expiresAt, now)
  await ensureAcceptableText(deps, [input.title, input.body], 'forum', caller.openid)
  const set: Record<string, unknown> = { editedAt: now, editedBy: caller.userId }
  if (input.title !== undefined) set.title = input.title
  if (input.body !== undefined) set.body = input.body
  if (input.pinned !== undefined) set.pinned = input.pinned
  if (input.urgent !== undefined) set.urgent = input.urgent
  if (input.expiresAt !== undefined) {
    set.expiresAt = input.expiresAt
    set.liveUntil = liveUntilOf(input.expiresAt)
  }
  // Only while still published: a withdrawal racing this edit wins.
  const changed = await deps.store.updateWhere('announcements', { _id: existing._id, status: 'published' }, { set })
  if (!changed) throw notFound(GONE)
  return detail(ctx, await requireLive(deps.store, existing._id))
}

export async function unpublish(
  ctx: RequestContext,
  input: { announcementId: string },
): Promise<{ announcementId: string; status: 'unpublished' }> {
  const { deps, caller } = ctx
  const existing = await deps.store.get('announcements', input.announcementId)
  if (!existing) throw notFound(GONE)
  if (!mayManage(caller, existing)) throw forbidden()
  if (existing.status === 'published') {
    await deps.store.updateWhere(
      'announcements',
      { _id: existing._id, status: 'published' },
      { set: { status: 'unpublished', unpublishedAt: deps.clock.now(), unpublishedBy: caller.userId } },
    )
    deps.log.info(
      { requestId: ctx.requestId, announcementId: existing._id, by: caller.userId },
      'announcement withdrawn',
    )
  }
  return { announcementId: existing._id, status: 'unpublished' }
}

/** Open an announcement: the caller has now read it (the author's own opening is not a reading). */
export async function getAnnouncement(
  ctx: RequestContext,
  input: { announcementId: string },
): Promise<AnnouncementDetail> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const doc = await deps.store.get('announcements', input.announcementId)
  // Someone outside the audience learns nothing, not even that it exists.
  if (!doc || doc.status !== 'published' || !maySee(caller, doc)) throw notFound(GONE)
  if (isExpired(doc, now) && !maySeeReach(caller, doc)) throw notFound('这条公告已过期')
  if (doc.authorId !== caller.userId) await markRead(ctx, doc, now)
  return detail(ctx, doc)
}

async function markRead(ctx: RequestContext, doc: AnnouncementDoc, now: number): Promise<void> {
  const { deps, caller } = ctx
  const id = readId(doc._id, caller.userId)
  if (!(await deps.store.get('announcement_reads', id))) {
    const verified = caller.membership?.status === 'verified' ? caller.membership : null
    const read: AnnouncementReadDoc = {
      _id: id,
      announcementId: doc._id,
      userId: caller.userId,
      householdId: verified?.householdId ?? null,
      buildingId: verified?.buildingId ?? null,
      readAt: now,
    }
    try {
      await deps.store.insert('announcement_reads', read)
    } catch (error) {
      // Opened twice at once: the first reading stands.
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }
  // The notification that brought them here is read too.
  await markNotificationsReadFor(deps.store, caller.userId, announcementLink(doc._id), now)
}

export async function listAnnouncements(
  ctx: RequestContext,
  input: { buildingId?: string; includeExpired?: boolean; before?: string; limit?: number },
): Promise<AnnouncementPage> {
  const { deps, caller } = ctx
  const { store } = deps
  const now = deps.clock.now()
  const limit = input.limit ?? 20
  let keys = feedKeysOf(caller)
  if (input.buildingId !== undefined) {
    if (!maySeeBuilding(caller, input.buildingId)) throw forbidden()
    await requireBuilding(store, input.buildingId)
    keys = [input.buildingId, NEIGHBOURHOOD_KEY]
  }
  if (input.includeExpired) {
    if (input.buildingId === undefined) throw invalidInput('buildingId', '楼组：查看已过期的公告时请选择楼组')
    if (!mayManageBuilding(caller, input.buildingId)) throw forbidden()
  }
  const live: Filter = { audienceKey: { $in: keys }, status: 'published', liveUntil: { $gt: now } }
  const shown: Filter = input.includeExpired ? { audienceKey: { $in: keys }, status: 'published' } : live
  const newestFirst = { orderBy: [['_id', 'desc']] as Array<[string, 'desc']> }

  // A building's live notices are a few dozen: read them all in one query and pick the pinned,
  // the urgent, the recent window and the page from them (on CloudBase each query is a round
  // trip). Only a feed with more than that, or a manager's look at expired ones, takes a query each.
  const everyLive = input.includeExpired
    ? null
    : await store.find('announcements', live, { ...newestFirst, limit: LIVE_AT_ONCE + 1 })
  const whole = everyLive && everyLive.length <= LIVE_AT_ONCE ? everyLive : null
  const [pinned, urgent, recentWindow] = whole
    ? [
        whole.filter((d) => d.pinned === true).slice(0, TOP_LIMIT),
        whole.filter((d) => d.pinned === false && d.urgent === true).slice(0, TOP_LIMIT),
        whole.filter((d) => d.publishedAt >= now - UNREAD_WINDOW_MS).slice(0, UNREAD_SCAN_LIMIT),
      ]
    : await Promise.all([
        store.find('announcements', { ...shown, pinned: true }, { ...newestFirst, limit: TOP_LIMIT }),
        store.find('announcements', { ...shown, pinned: false, urgent: true }, { ...newestFirst, limit: TOP_LIMIT }),
        store.find(
          'announcements',
          { ...live, publishedAt: { $gte: now - UNREAD_WINDOW_MS } },
          { ...newestFirst, limit: UNREAD_SCAN_LIMIT },
        ),
      ])
  const unpinned = (d: AnnouncementDoc) => d.pinned === false && (!input.before || d._id < input.before)
  // The page can only come from these (at most 2 × TOP_LIMIT notices are promoted above it), so
  // whether the caller read them is looked up together with the rest, in one read.
  const candidates = whole ? whole.filter(unpinned).slice(0, limit + 1 + 2 * TOP_LIMIT) : []
  const checked = dedupe([...pinned, ...urgent, ...recentWindow, ...candidates])
  const read = await readByCaller(store, caller.userId, checked)
  const unreadBy = (d: AnnouncementDoc) => d.authorId !== caller.userId && !read.has(d._id)
  // Urgent notices stay on top until the caller has read them.
  const urgentUnread = dedupe([...urgent, ...pinned].filter((d) => d.urgent && unreadBy(d))).sort(byNewest)
  const promoted = new Set(urgentUnread.map((d) => d._id))

  const recent = whole
    ? candidates.slice(0, limit + 1 + promoted.size)
    : await store.find(
        'announcements',
        { ...shown, pinned: false, ...(input.before ? { _id: { $lt: input.before } } : {}) },
        { ...newestFirst, limit: limit + 1 + promoted.size },
      )
  const rest = recent.filter((d) => !promoted.has(d._id))
  const page = rest.slice(0, limit)
  const top = input.before ? [] : [...urgentUnread, ...pinned.filter((d) => !promoted.has(d._id))]
  const docs = [...top, ...page]

  const seen = new Set(checked.map((d) => d._id))
  const missing = page.filter((d) => !seen.has(d._id))
  for (const id of await readByCaller(store, caller.userId, missing)) read.add(id)
  const lookups = await lookupsFor(store, caller, docs, read)
  const unread = dedupe([...pinned, ...urgent, ...recentWindow]).filter((d) => !isExpired(d, now) && unreadBy(d)).length
  return {
    items: docs.map((d) => summaryOf(d, caller, lookups, now)),
    unread,
    ...(rest.length > limit ? { nextBefore: lastOf(page)._id } : {}),
  }
}

function dedupe(docs: readonly AnnouncementDoc[]): AnnouncementDoc[] {
  const seen = new Map<string, AnnouncementDoc>()
  for (const d of docs) if (!seen.has(d._id)) seen.set(d._id, d)
  return [...seen.values()]
}

function byNewest(a: AnnouncementDoc, b: AnnouncementDoc): number {
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0
}

/**
 * What the person published (it stays, signed 已注销用户, after deletion: it was written for the
 * building) and what they read (erased with the account).
 */
