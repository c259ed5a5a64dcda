import type { EventDetail, EventSessionRef, EventSummary, MyRsvpView } from '../../../contracts'
import { displayNames } from '../account/people'
import type { Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { notFound } from '../shared/errors'
import { audienceOf, AudienceLabels, mayManage } from './audience'
import { rsvpId, type EventDoc, type RsvpDoc } from './events.docs'
import { seatsOpen } from './waitlist'

export async function requireEvent(store: DocumentStore, eventId: string): Promise<EventDoc> {
  const event = await store.get('events', eventId)
  if (!event) throw notFound('没有这个活动，可能已被删除')
  return event
}

/** Signup is over: cancelled, started, or past its deadline. */
export function signupClosed(event: EventDoc, now: number): boolean {
  return (
    event.status === 'cancelled' ||
    now >= event.startAt ||
    (event.signupDeadline !== null && now > event.signupDeadline)
  )
}

/**
 * A waiting party's place: 1 + the parties still waiting that arrived before it. The waitlist is
 * kept in arrival order and changes in the same transactions as the RSVPs' states, so this is its
 * index, read from the RSVPs (indexed) without loading the waitlist.
 */
export async function waitingPosition(store: DocumentStore, rsvp: Pick<RsvpDoc, 'eventId' | 'seq'>): Promise<number> {
  return 1 + (await store.count('event_rsvps', { eventId: rsvp.eventId, state: 'waitlisted', seq: { $lt: rsvp.seq } }))
}

export function myRsvpView(rsvp: RsvpDoc | null | undefined, position?: number): MyRsvpView | null {
  if (!rsvp) return null
  return {
    state: rsvp.state,
    partySize: rsvp.partySize,
    arrival: rsvp.seq,
    ...(rsvp.state === 'waitlisted' && position !== undefined ? { position } : {}),
    answers: rsvp.answers,
    respondedAt: rsvp.respondedAt,
    ...(rsvp.confirmedAt !== null && rsvp.state === 'confirmed' ? { confirmedAt: rsvp.confirmedAt } : {}),
    ...(rsvp.attendedAt !== null ? { attendedAt: rsvp.attendedAt } : {}),
  }
}

export function summaryOf(
  event: EventDoc,
  audienceLabel: string,
  rsvp: RsvpDoc | null | undefined,
  now: number,
  position?: number,
): EventSummary {
  return {
    eventId: event._id,
    seriesId: event.seriesId,
    sessionIndex: event.sessionIndex,
    sessionCount: event.sessionCount,
    title: event.title,
    place: event.place,
    startAt: event.startAt,
    endAt: event.endAt,
    signupDeadline: event.signupDeadline,
    audience: audienceOf(event),
    audienceLabel,
    status: event.status,
    capacity: event.capacity,
    confirmedPeople: event.confirmedSeats,
    seatsLeft: seatsOpen(event.capacity, event.confirmedSeats, event.seatsHeld),
    waitingParties: event.waitingParties,
    waitingPeople: event.waitingPeople,
    closed: signupClosed(event, now),
    mine: myRsvpView(rsvp, position),
  }
}

/** Summaries for a list, with the caller's own RSVPs, in one read each. */
export async function summaries(
  store: DocumentStore,
  caller: Caller,
  events: readonly EventDoc[],
  now: number,
  labels = new AudienceLabels(store),
): Promise<EventSummary[]> {
  const rsvps = await store.getMany(
    'event_rsvps',
    events.map((e) => rsvpId(e._id, caller.userId)),
  )
  const byEvent = new Map(rsvps.map((r) => [r.eventId, r]))
  return Promise.all(
    events.map(async (e) => {
      const rsvp = byEvent.get(e._id)
      const position = rsvp?.state === 'waitlisted' ? await waitingPosition(store, rsvp) : undefined
      return summaryOf(e, await labels.of(audienceOf(e)), rsvp, now, position)
    }),
  )
}

export async function detailOf(
  store: DocumentStore,
  caller: Caller,
  event: EventDoc,
  now: number,
  /** The caller's RSVP when the use case has just written it (then it is not read again). */
  mine?: RsvpDoc,
): Promise<EventDetail> {
  const [rsvp, names, label, canManage, series] = await Promise.all([
    mine ?? store.get('event_rsvps', rsvpId(event._id, caller.userId)),
    displayNames(store, [event.organiserId]),
    new AudienceLabels(store).of(audienceOf(event)),
    mayManage(store, caller, event),
    event.sessionCount > 1
      ? store.find('events', { seriesId: event.seriesId }, { orderBy: [['sessionIndex', 'asc']], limit: 50 })
      : Promise.resolve([event]),
  ])
  const position = rsvp?.state === 'waitlisted' ? await waitingPosition(store, rsvp) : undefined
  const sessions: EventSessionRef[] = series.map((s) => ({
    eventId: s._id,
    sessionIndex: s.sessionIndex,
    startAt: s.startAt,
    status: s.status,
  }))
  return {
    ...summaryOf(event, label, rsvp, now, position),
    description: event.description,
    organiserId: event.organiserId,
    organiserName: names.get(event.organiserId) ?? '',
    questions: event.questions,
    ...(event.cancelReason ? { cancelReason: event.cancelReason } : {}),
    canManage,
    sessions,
    createdAt: event.createdAt,
  }
}
