import type { EventDetail, EventSessionRef, EventSummary, MyRsvpView } from '../../../contracts'
import { displayNames } from '../account/people'
import type { Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { notFound } from '../shared/errors'
import { audienceOf, AudienceLabels, mayManage } from './audience'
import { rsvpId, type EventDoc, type RsvpDoc } from './events.docs'
import { openSeats, positionOf, waitingPeople } from './waitlist'

export async function requireEvent(store: DocumentStore, eventId: string): Promise<EventDoc> {
  const event = await store.get<EventDoc>('events', eventId)
  if (!event) throw notFound('没有这个活动，可能已被删除')
  return event
}

/** Signup is over: cancelled, started, or past its deadline. */
export function signupClosed(event: EventDoc, now: number): boolean {
  return event.status === 'cancelled' || now >= event.startAt || (event.signupDeadline !== null && now > event.signupDeadline)
}

export function myRsvpView(event: EventDoc, rsvp: RsvpDoc | null | undefined): MyRsvpView | null {
  if (!rsvp) return null
  const position = rsvp.state === 'waitlisted' ? positionOf(event.waitlist, rsvp.userId) : undefined
  return {
    state: rsvp.state,
    partySize: rsvp.partySize,
    arrival: rsvp.seq,
    ...(position !== undefined ? { position } : {}),
    answers: rsvp.answers,
    respondedAt: rsvp.respondedAt,
    ...(rsvp.confirmedAt !== null && rsvp.state === 'confirmed' ? { confirmedAt: rsvp.confirmedAt } : {}),
    ...(rsvp.attendedAt !== null ? { attendedAt: rsvp.attendedAt } : {}),
  }
}

export function summaryOf(event: EventDoc, audienceLabel: string, rsvp: RsvpDoc | null | undefined, now: number): EventSummary {
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
    seatsLeft: openSeats(event),
    waitingParties: event.waitlist.length,
    waitingPeople: waitingPeople(event.waitlist),
    closed: signupClosed(event, now),
    mine: myRsvpView(event, rsvp),
  }
}

/** Summaries for a list, with the caller's own RSVPs, in one read each. */
export async function summaries(store: DocumentStore, caller: Caller, events: readonly EventDoc[], now: number, labels = new AudienceLabels(store)): Promise<EventSummary[]> {
  const rsvps = await store.getMany<RsvpDoc>('event_rsvps', events.map((e) => rsvpId(e._id, caller.userId)))
  const byEvent = new Map(rsvps.map((r) => [r.eventId, r]))
  return Promise.all(events.map(async (e) => summaryOf(e, await labels.of(audienceOf(e)), byEvent.get(e._id), now)))
}

export async function detailOf(store: DocumentStore, caller: Caller, event: EventDoc, now: number): Promise<EventDetail> {
  const [rsvp, names, label, canManage, series] = await Promise.all([
    store.get<RsvpDoc>('event_rsvps', rsvpId(event._id, caller.userId)),
    displayNames(store, [event.organiserId]),
    new AudienceLabels(store).of(audienceOf(event)),
    mayManage(store, caller, event),
    event.sessionCount > 1
      ? store.find<EventDoc>('events', { seriesId: event.seriesId }, { orderBy: [['sessionIndex', 'asc']], limit: 50 })
      : Promise.resolve([event]),
  ])
  const sessions: EventSessionRef[] = series.map((s) => ({ eventId: s._id, sessionIndex: s.sessionIndex, startAt: s.startAt, status: s.status }))
  return {
    ...summaryOf(event, label, rsvp, now),
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
