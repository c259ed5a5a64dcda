import { EVENT_LIMITS, type RsvpResult } from '../../../contracts'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { Deps } from '../shared/ports'
import { inAudience } from './audience'
import { rsvpId, type EventDoc, type RsvpDoc, type WaitingParty } from './events.docs'
import { notifyPromoted } from './notices'
import { checkAnswers, sameQuestions } from './questions'
import { detailOf, requireEvent, signupClosed } from './views'
import { positionOf, settle, waitingPeople, type Settlement } from './waitlist'

/** Refuse when signup is over, with the reason a person understands. */
export function ensureSignupOpen(event: EventDoc, now: number): void {
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  if (now >= event.startAt) throw new AppError('EVENT.CLOSED', '活动已经开始，报名已截止')
  if (signupClosed(event, now)) throw new AppError('EVENT.CLOSED')
}

/** The session's waitlist, inside the open transaction (a session nobody waited for has none yet). */
export async function readWaitlist(tx: DocumentStore, eventId: string): Promise<WaitingParty[]> {
  return (await tx.get('event_waitlists', eventId))?.parties ?? []
}

/**
 * Write a walk's outcome inside the open transaction: the session's counters, its waitlist, and
 * each promoted party's RSVP (all by id). `skip` is an RSVP the caller writes itself.
 */
export async function applySettlement(
  tx: DocumentStore,
  event: EventDoc,
  settled: Settlement,
  now: number,
  extra: Record<string, unknown> = {},
  skip?: string,
): Promise<EventDoc> {
  const next: EventDoc = {
    ...event,
    confirmedSeats: settled.confirmedSeats,
    waitingParties: settled.waitlist.length,
    waitingPeople: waitingPeople(settled.waitlist),
    seatsHeld: settled.waitlist.some((p) => p.passedOver),
    updatedAt: now,
    ...extra,
  }
  // Whole documents, read in this transaction, written back: one write each, no re-read.
  await tx.put('event_waitlists', { _id: event._id, eventId: event._id, parties: settled.waitlist })
  await tx.put('events', next)
  for (const party of settled.promoted) {
    if (party.userId === skip) continue
    await tx.update('event_rsvps', rsvpId(event._id, party.userId), {
      set: { state: 'confirmed', confirmedAt: now, promotedAt: now },
    })
  }
  return next
}

function othersPromoted(settled: Settlement, userId?: string): string[] {
  return settled.promoted.filter((p) => p.userId !== userId).map((p) => p.userId)
}

export async function rsvp(
  ctx: RequestContext,
  input: { eventId: string; answers?: Record<string, string>; partySize?: number },
): Promise<RsvpResult> {
  const { deps, caller } = ctx
  const partySize = input.partySize ?? 1
  const event = await requireEvent(deps.store, input.eventId)
  if (!(await inAudience(deps.store, caller, event))) throw forbidden('这个活动不面向您所在的楼组或小组')
  const now = deps.clock.now()
  ensureSignupOpen(event, now)
  if (event.capacity !== null && partySize > event.capacity)
    throw invalidInput('partySize', `人数：这个活动一共只有 ${event.capacity} 个名额`)
  const answers = checkAnswers(event.questions, input.answers ?? {})
  const textAnswers = event.questions.filter((q) => q.kind === 'text').map((q) => answers[q.questionId])
  await ensureAcceptableText(deps, textAnswers, 'comment', caller.openid)

  const id = rsvpId(event._id, caller.userId)
  const outcome = await deps.store.transaction(async (tx) => {
    const fresh = await tx.get('events', event._id)
    const waitlist = await readWaitlist(tx, event._id)
    if (!fresh) throw notFound('没有这个活动，可能已被删除')
    ensureSignupOpen(fresh, now)
    // The organiser may have just changed the questions (possible only before the first RSVP).
    if (!sameQuestions(fresh.questions, event.questions))
      throw new AppError('CONFLICT', '报名问题刚刚更新了，请刷新后重新填写')
    if (fresh.capacity !== null && partySize > fresh.capacity)
      throw invalidInput('partySize', `人数：这个活动一共只有 ${fresh.capacity} 个名额`)
    const existing = await tx.get('event_rsvps', id)
    if (existing && existing.state !== 'cancelled') throw new AppError('EVENT.ALREADY_RSVPED')
    const seq = fresh.nextSeq
    const newcomer: WaitingParty = { userId: caller.userId, partySize, seq }
    const settled = settle({
      capacity: fresh.capacity,
      confirmedSeats: fresh.confirmedSeats,
      waitlist: [...waitlist, newcomer],
    })
    const confirmed = settled.promoted.some((p) => p.userId === caller.userId)
    if (!confirmed && waitlist.length >= EVENT_LIMITS.waitlistMax)
      throw new AppError('EVENT.FULL', '名额已满，候补名单也满了')
    const doc: RsvpDoc = {
      _id: id,
      eventId: fresh._id,
      userId: caller.userId,
      partySize,
      answers,
      state: confirmed ? 'confirmed' : 'waitlisted',
      seq,
      respondedAt: now,
      confirmedAt: confirmed ? now : null,
      promotedAt: null,
      cancelledAt: null,
      attendedAt: null,
      attendedVia: null,
    }
    // One RSVP per person per session: a cancelled one is replaced, anything else was refused above.
    if (existing) await tx.put('event_rsvps', doc)
    else await tx.insert('event_rsvps', doc)
    const next = await applySettlement(tx, fresh, settled, now, { nextSeq: seq + 1 }, caller.userId)
    return {
      next,
      doc,
      promoted: othersPromoted(settled, caller.userId),
      position: positionOf(settled.waitlist, caller.userId),
    }
  })
  await notifyPromoted(deps, outcome.next, outcome.promoted)
  return {
    state: outcome.doc.state,
    ...(outcome.position !== undefined ? { position: outcome.position } : {}),
    event: await detailOf(deps.store, caller, outcome.next, now, outcome.doc),
  }
}

/**
 * Take a person's RSVP back and hand the freed seats on (before the start only). Used by
 * cancelRsvp and by account deletion. Returns who was promoted.
 */
export async function withdraw(
  deps: Pick<Deps, 'store'>,
  eventId: string,
  userId: string,
  now: number,
): Promise<{ event: EventDoc; promoted: string[] }> {
  return deps.store.transaction(async (tx) => {
    const event = await tx.get('events', eventId)
    const id = rsvpId(eventId, userId)
    const rsvp = await tx.get('event_rsvps', id)
    if (!event || !rsvp || rsvp.state === 'cancelled') throw notFound('您没有报名这场活动')
    const confirmedSeats = rsvp.state === 'confirmed' ? event.confirmedSeats - rsvp.partySize : event.confirmedSeats
    const waitlist = (await readWaitlist(tx, eventId)).filter((p) => p.userId !== userId)
    // After the start (or once cancelled) nobody is promoted: a seat freed then helps no one.
    const promote = event.status === 'scheduled' && now < event.startAt
    const settled: Settlement = promote
      ? settle({ capacity: event.capacity, confirmedSeats, waitlist })
      : { confirmedSeats, waitlist, promoted: [] }
    await tx.update('event_rsvps', id, { set: { state: 'cancelled', cancelledAt: now } })
    const next = await applySettlement(tx, event, settled, now)
    return { event: next, promoted: othersPromoted(settled) }
  })
}

export async function cancelRsvp(ctx: RequestContext, input: { eventId: string }) {
  const { deps, caller } = ctx
  const event = await requireEvent(deps.store, input.eventId)
  const now = deps.clock.now()
  const mine = await deps.store.get('event_rsvps', rsvpId(event._id, caller.userId))
  if (!mine || mine.state === 'cancelled') throw notFound('您没有报名这场活动')
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  if (now >= event.startAt) throw new AppError('EVENT.CLOSED', '活动已经开始，不能再取消报名')
  const { event: next, promoted } = await withdraw(deps, event._id, caller.userId, now)
  await notifyPromoted(deps, next, promoted)
  return { state: 'cancelled' as const, event: await detailOf(deps.store, caller, next, now) }
}
