import type { EventQuestion, EventStatus, RsvpState } from '../../../contracts'
import type { Doc } from '../shared/document-store'

export type AudienceKind = 'building' | 'group' | 'neighbourhood'

/** One party waiting for seats, in arrival order (see waitlist.ts). */
export interface WaitingParty {
  userId: string
  partySize: number
  /** Arrival number: the order in which the server accepted the RSVP. */
  seq: number
  /** Set once a later party has been confirmed ahead of it; from then on seats are held for it. */
  passedOver?: boolean
}

export type ReminderKind = '24h' | '2h'

/**
 * One session of an event, with its seat counters. An RSVP or a cancellation is one transaction
 * over this document, its waitlist document and the RSVP documents, all by id — the only kind of
 * transaction CloudBase offers. The waitlist lives apart so that lists and detail pages never
 * read it: they need only the counters here.
 */
export interface EventDoc extends Doc {
  seriesId: string
  sessionIndex: number
  sessionCount: number
  title: string
  description: string
  place: string
  startAt: number
  endAt: number
  signupDeadline: number | null
  audienceKind: AudienceKind
  /** The building or group id; null for the whole neighbourhood. */
  audienceId: string | null
  /** `b:<buildingId>`, `g:<groupId>` or `n`: one indexed field to list by. */
  audienceKey: string
  questions: EventQuestion[]
  /** null = unlimited. */
  capacity: number | null
  /** People (not parties) confirmed. */
  confirmedSeats: number
  waitingParties: number
  waitingPeople: number
  /** Someone waiting was passed over and the free seats are held for them (no newcomer gets in). */
  seatsHeld: boolean
  /** The next arrival number to hand out. */
  nextSeq: number
  organiserId: string
  createdAt: number
  updatedAt: number
  status: EventStatus
  cancelledAt: number | null
  cancelReason: string | null
  cancelledBy: string | null
  /** Key of the rotating check-in code; never leaves the server. */
  checkInSecret: string
  /** Reminder batches finished, as the start time they were for (a moved event is reminded again). */
  reminded: Partial<Record<ReminderKind, number>>
}

/** The session's waitlist, in arrival order; `_id` = the eventId. Read and written only in RSVP transactions. */
export interface WaitlistDoc extends Doc {
  eventId: string
  parties: WaitingParty[]
}

/** One person's RSVP to one session; `_id` = `${eventId}:${userId}`, so there is never a second one. */
export interface RsvpDoc extends Doc {
  eventId: string
  userId: string
  partySize: number
  answers: Record<string, string>
  state: RsvpState
  seq: number
  respondedAt: number
  confirmedAt: number | null
  /** Set when the confirmation came from the waitlist. */
  promotedAt: number | null
  cancelledAt: number | null
  attendedAt: number | null
  attendedVia: 'code' | 'organiser' | null
}

/** A reminder that went out (or is going out); the deterministic id makes it once only. */
export interface ReminderDoc extends Doc {
  eventId: string
  userId: string
  kind: ReminderKind
  startAt: number
  sentAt: number
}

export function rsvpId(eventId: string, userId: string): string {
  return `${eventId}:${userId}`
}

export function reminderId(eventId: string, userId: string, kind: ReminderKind, startAt: number): string {
  return `${eventId}:${userId}:${kind}:${startAt}`
}
