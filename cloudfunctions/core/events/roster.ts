import { getUsers } from '../account/users.repository'
import type { RosterEntry, RosterView } from '../../../contracts'
import { DELETED_USER_NAME } from '../account/account.docs'
import { buildingLabel, loadBuilding, type BuildingWithEstate } from '../account/views'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { forbidden } from '../shared/errors'
import { mayManage } from './audience'
import type { EventDoc, RsvpDoc } from './events.docs'
import { toCsv } from '../shared/csv'
import { isoDate, isoMinute } from '../../../contracts/shanghai-time'
import { requireEvent } from './views'
import { lastOf } from '../shared/lists'

export async function requireManagedEvent(ctx: RequestContext, eventId: string): Promise<EventDoc> {
  const event = await requireEvent(ctx.deps.store, eventId)
  if (!(await mayManage(ctx.deps.store, ctx.caller, event))) throw forbidden('只有活动的组织者和居委会可以查看')
  return event
}

/** Every live RSVP of a session (confirmed or waiting), in arrival order, paging past 1,000. */
export async function liveRsvps(store: DocumentStore, eventId: string): Promise<RsvpDoc[]> {
  const all: RsvpDoc[] = []
  for (let after = 0; ;) {
    const page = await store.find(
      'event_rsvps',
      { eventId, state: { $in: ['confirmed', 'waitlisted'] }, seq: { $gt: after } },
      { orderBy: [['seq', 'asc']], limit: 1000 },
    )
    all.push(...page)
    if (page.length < 1000) break
    after = lastOf(page).seq
  }
  return all
}

/** Names (已注销用户 for deleted accounts) and buildings, looked up now. */
async function people(
  store: DocumentStore,
  userIds: string[],
): Promise<Map<string, { nickname: string; building?: string }>> {
  const users = await getUsers(store, userIds)
  const buildings = new Map<string, BuildingWithEstate | null>()
  const out = new Map<string, { nickname: string; building?: string }>()
  for (const user of users) {
    if (user.deletedAt) {
      out.set(user._id, { nickname: DELETED_USER_NAME })
      continue
    }
    let building: string | undefined
    const membership = user.membership
    if (membership?.status === 'verified') {
      if (!buildings.has(membership.buildingId))
        buildings.set(membership.buildingId, await loadBuilding(store, membership.buildingId))
      const where = buildings.get(membership.buildingId)
      if (where) building = buildingLabel(where)
    }
    out.set(user._id, { nickname: user.nickname, ...(building ? { building } : {}) })
  }
  return out
}

export function rosterEntry(
  rsvp: RsvpDoc,
  person: { nickname: string; building?: string } | undefined,
  position?: number,
): RosterEntry {
  return {
    userId: rsvp.userId,
    nickname: person?.nickname ?? DELETED_USER_NAME,
    ...(person?.building ? { building: person.building } : {}),
    partySize: rsvp.partySize,
    arrival: rsvp.seq,
    state: rsvp.state === 'confirmed' ? 'confirmed' : 'waitlisted',
    ...(rsvp.state === 'waitlisted' && position !== undefined ? { position } : {}),
    answers: rsvp.answers,
    respondedAt: rsvp.respondedAt,
    ...(rsvp.attendedAt !== null ? { attendedAt: rsvp.attendedAt } : {}),
    ...(rsvp.attendedVia ? { attendedVia: rsvp.attendedVia } : {}),
  }
}

export async function rosterOf(store: DocumentStore, event: EventDoc): Promise<RosterView> {
  const rsvps = await liveRsvps(store, event._id)
  const names = await people(
    store,
    rsvps.map((r) => r.userId),
  )
  // In arrival order, so a waiting party's position is its place among the waiting.
  const confirmed = rsvps.filter((r) => r.state === 'confirmed').map((r) => rosterEntry(r, names.get(r.userId)))
  const waitlist = rsvps
    .filter((r) => r.state === 'waitlisted')
    .map((r, i) => rosterEntry(r, names.get(r.userId), i + 1))
  const attended = confirmed.filter((e) => e.attendedAt !== undefined)
  return {
    eventId: event._id,
    title: event.title,
    startAt: event.startAt,
    capacity: event.capacity,
    questions: event.questions,
    confirmed,
    waitlist,
    confirmedPeople: event.confirmedSeats,
    attendedParties: attended.length,
    attendedPeople: attended.reduce((n, e) => n + e.partySize, 0),
  }
}

export async function roster(ctx: RequestContext, input: { eventId: string }): Promise<RosterView> {
  return rosterOf(ctx.deps.store, await requireManagedEvent(ctx, input.eventId))
}

export function rosterCsvText(view: RosterView): string {
  const head = [
    '状态',
    '候补位置',
    '报名顺序',
    '称呼',
    '楼组',
    '人数',
    '签到',
    '签到时间',
    '报名时间',
    ...view.questions.map((q) => q.text),
  ]
  const rows = [...view.confirmed, ...view.waitlist].map((e) => [
    e.state === 'confirmed' ? '已确认' : '候补',
    e.position ?? '',
    e.arrival,
    e.nickname,
    e.building ?? '',
    e.partySize,
    e.attendedAt !== undefined ? (e.attendedVia === 'organiser' ? '已签到（组织者登记）' : '已签到') : '',
    e.attendedAt !== undefined ? isoMinute(e.attendedAt) : '',
    isoMinute(e.respondedAt),
    ...view.questions.map((q) => e.answers[q.questionId] ?? ''),
  ])
  return toCsv(head, rows)
}

export async function rosterCsv(
  ctx: RequestContext,
  input: { eventId: string },
): Promise<{ filename: string; csv: string }> {
  const event = await requireManagedEvent(ctx, input.eventId)
  const view = await rosterOf(ctx.deps.store, event)
  const safeTitle = event.title.replace(/[\\/:*?"<>|\s]+/g, '_')
  return { filename: `活动名单_${safeTitle}_${isoDate(event.startAt)}.csv`, csv: rosterCsvText(view) }
}
