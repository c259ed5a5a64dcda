import { getUser } from '../account/users.repository'
import { EVENT_LIMITS, type CheckInCodeView, type EventDetail, type RosterEntry } from '../../../contracts'
import { buildingLabel, loadBuilding } from '../account/views'
import type { RequestContext } from '../shared/context'
import type { Filter } from '../shared/document-store'
import { AppError } from '../shared/errors'
import { acceptsCode, currentCode } from './check-in-code'
import { rsvpId, type EventDoc } from './events.docs'
import { requireManagedEvent, rosterEntry } from './roster'
import { detailOf, requireEvent } from './views'

/** Check-in is open from an hour before the start to an hour after the end. */
export function checkInWindow(event: EventDoc): { opensAt: number; closesAt: number } {
  return { opensAt: event.startAt - EVENT_LIMITS.checkInMarginMs, closesAt: event.endAt + EVENT_LIMITS.checkInMarginMs }
}

/** The resident scans the organiser's QR code (or types its six digits). */
export async function checkIn(
  ctx: RequestContext,
  input: { eventId: string; code: string },
): Promise<{ attendedAt: number; event: EventDetail }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const event = await requireEvent(deps.store, input.eventId)
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  const id = rsvpId(event._id, caller.userId)
  const rsvp = await deps.store.get('event_rsvps', id)
  if (!rsvp || rsvp.state !== 'confirmed') throw new AppError('EVENT.NOT_CONFIRMED')
  const { opensAt, closesAt } = checkInWindow(event)
  if (now < opensAt || now > closesAt) throw new AppError('EVENT.CHECKIN_NOT_OPEN')
  if (!acceptsCode(event.checkInSecret, input.code, now)) throw new AppError('EVENT.CHECKIN_CODE_INVALID')
  let attendedAt = rsvp.attendedAt
  if (attendedAt === null) {
    // Conditional: still confirmed and not yet checked in (a second scan changes nothing).
    const done = await deps.store.updateWhere(
      'event_rsvps',
      { _id: id, state: 'confirmed', attendedAt: null },
      { set: { attendedAt: now, attendedVia: 'code' } },
    )
    attendedAt = done ? now : ((await deps.store.get('event_rsvps', id))?.attendedAt ?? now)
  }
  return { attendedAt, event: await detailOf(deps.store, caller, event, now) }
}

export async function checkInCode(ctx: RequestContext, input: { eventId: string }): Promise<CheckInCodeView> {
  const event = await requireManagedEvent(ctx, input.eventId)
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  const now = ctx.deps.clock.now()
  const { opensAt, closesAt } = checkInWindow(event)
  return {
    eventId: event._id,
    ...currentCode(event.checkInSecret, now),
    open: now >= opensAt && now <= closesAt,
    opensAt,
    closesAt,
  }
}

/** The organiser ticks someone off by hand (no phone, or the scan did not work), or takes a tick back. */
export async function markAttendance(
  ctx: RequestContext,
  input: { eventId: string; userId: string; attended: boolean },
): Promise<RosterEntry> {
  const { deps } = ctx
  const now = deps.clock.now()
  const event = await requireManagedEvent(ctx, input.eventId)
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  if (now < checkInWindow(event).opensAt) throw new AppError('EVENT.CHECKIN_NOT_OPEN', '活动开始前 1 小时才能登记签到')
  const id = rsvpId(event._id, input.userId)
  const patch = input.attended
    ? { set: { attendedAt: now, attendedVia: 'organiser' } }
    : { set: { attendedAt: null, attendedVia: null } }
  const filter: Filter = input.attended
    ? { _id: id, state: 'confirmed', attendedAt: null }
    : { _id: id, state: 'confirmed' }
  // Conditional on the RSVP being confirmed: for anyone else nothing changes.
  await deps.store.updateWhere('event_rsvps', filter, patch)
  const rsvp = await deps.store.get('event_rsvps', id)
  if (!rsvp || rsvp.state !== 'confirmed') throw new AppError('EVENT.NOT_CONFIRMED', '这位邻居没有确认参加这场活动')
  const user = await getUser(deps.store, input.userId)
  const where =
    user?.membership?.status === 'verified' ? await loadBuilding(deps.store, user.membership.buildingId) : null
  return rosterEntry(
    rsvp,
    user && !user.deletedAt
      ? { nickname: user.nickname, ...(where ? { building: buildingLabel(where) } : {}) }
      : undefined,
  )
}
