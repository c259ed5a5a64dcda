import type { EventAudience, EventDetail, EventSummary, MyEventsView } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import type { DocumentStore, Filter } from '../shared/document-store'
import { forbidden, invalidInput } from '../shared/errors'
import { audienceFields, AudienceLabels, mayView, visibleAudiences, type ListScope } from './audience'
import { DAY_MS } from '../../../contracts/shanghai-time'
import { detailOf, requireEvent, summaries } from './views'

const LIST_LIMIT = 300
const DEFAULT_SPAN_MS = 90 * DAY_MS

/** Sessions the caller may see that are not over by `from` and start before `to`, soonest first. */
export async function listEvents(
  ctx: RequestContext,
  input: { from?: number; to?: number; audience?: ListScope },
): Promise<{ events: EventSummary[] }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const from = input.from ?? now
  const to = input.to ?? from + DEFAULT_SPAN_MS
  if (to <= from) throw invalidInput('to', '结束日期：要晚于开始日期')
  const visible = await visibleAudiences(deps.store, caller, input.audience ?? 'all')
  const range: Filter = { endAt: { $gt: from }, startAt: { $lt: to } }
  let filter: Filter
  if (visible.everything) filter = { ...range, ...(visible.kind ? { audienceKind: visible.kind } : {}) }
  else if (!visible.keys.length) return { events: [] }
  else filter = { ...range, audienceKey: { $in: visible.keys } }
  const events = await deps.store.find('events', filter, { orderBy: [['startAt', 'asc']], limit: LIST_LIMIT })
  return { events: await summaries(deps.store, caller, events, now) }
}

export async function getEvent(ctx: RequestContext, input: { eventId: string }): Promise<EventDetail> {
  const { deps, caller } = ctx
  const event = await requireEvent(deps.store, input.eventId)
  if (!(await mayView(deps.store, caller, event))) throw forbidden('这个活动不面向您所在的楼组或小组')
  return detailOf(deps.store, caller, event, deps.clock.now())
}

/** 我的活动: what I am going to (or waiting for), what I went to, and what I organise. */
export async function myEvents(ctx: RequestContext): Promise<MyEventsView> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const rsvps = await deps.store.find(
    'event_rsvps',
    { userId: caller.userId, state: { $in: ['confirmed', 'waitlisted'] } },
    { orderBy: [['respondedAt', 'desc']], limit: 1000 },
  )
  const events = await deps.store.getMany(
    'events',
    rsvps.map((r) => r.eventId),
  )
  const labels = new AudienceLabels(deps.store)
  const upcomingDocs = events
    .filter((e) => e.endAt > now && e.status === 'scheduled')
    .sort((a, b) => a.startAt - b.startAt || (a._id < b._id ? -1 : 1))
  const confirmedIds = new Set(rsvps.filter((r) => r.state === 'confirmed').map((r) => r.eventId))
  const pastDocs = events
    .filter((e) => e.endAt <= now && confirmedIds.has(e._id))
    .sort((a, b) => b.startAt - a.startAt || (a._id < b._id ? -1 : 1))
    .slice(0, 50)

  // Organising: the sessions I published that are not over yet.
  const organisingDocs = (
    await deps.store.find(
      'events',
      { organiserId: caller.userId, endAt: { $gt: now } },
      { orderBy: [['startAt', 'asc']], limit: 100 },
    )
  ).filter((e) => e.status === 'scheduled')

  return {
    upcoming: await summaries(deps.store, caller, upcomingDocs, now, labels),
    past: await summaries(deps.store, caller, pastDocs, now, labels),
    organising: await summaries(deps.store, caller, organisingDocs, now, labels),
  }
}

/** The next session an audience has coming (for a group's page), or null. */
export async function nextSessionFor(
  store: DocumentStore,
  audience: EventAudience,
  now: number,
): Promise<{ eventId: string; title: string; startAt: number } | null> {
  const [next] = await store.find(
    'events',
    { audienceKey: audienceFields(audience).audienceKey, endAt: { $gt: now }, status: 'scheduled' },
    { orderBy: [['startAt', 'asc']], limit: 1 },
  )
  return next ? { eventId: next._id, title: next.title, startAt: next.startAt } : null
}
