import type { WaitingParty } from './events.docs'
import { lastOf } from '../shared/lists'

/**
 * The seat rule, as a pure function (docs/EVENTS.md states it in words):
 *
 * 1. Parties are served in arrival order (the order the server accepted their RSVPs).
 * 2. Whenever seats may have changed — an RSVP arrives, someone cancels, the organiser adds
 *    seats — the waitlist is walked in arrival order and every party that fits in the free seats
 *    is confirmed.
 * 3. A party that does not fit keeps its place. Later parties that fit may be confirmed past it,
 *    but only once: the walk that does so marks it `passedOver`, and from then on the walk stops
 *    at it — every free seat is held for it until enough seats are free. So a party of n loses at
 *    most n − 1 seats to later arrivals, once, and is then served next.
 * 4. A newcomer joins the end of the waitlist and goes through the same walk: it is confirmed at
 *    once exactly when nobody ahead is holding seats and it fits.
 * 5. A waiting party's position is 1 + the number of parties waiting ahead of it. Parties only
 *    ever leave the waitlist (confirmed or cancelled) and newcomers join at the end, so a
 *    position only ever goes down.
 */
export interface SeatState {
  /** null = unlimited: everyone is confirmed. */
  capacity: number | null
  /** People confirmed. */
  confirmedSeats: number
  /** In arrival order. */
  waitlist: readonly WaitingParty[]
}

export interface Settlement {
  confirmedSeats: number
  waitlist: WaitingParty[]
  /** Parties confirmed by this walk, in arrival order. */
  promoted: WaitingParty[]
}

export function settle(state: SeatState): Settlement {
  if (state.capacity === null) {
    const seats = state.waitlist.reduce((n, p) => n + p.partySize, 0)
    return {
      confirmedSeats: state.confirmedSeats + seats,
      waitlist: [],
      promoted: state.waitlist.map(({ passedOver: _passed, ...p }) => p),
    }
  }
  let free = state.capacity - state.confirmedSeats
  const promoted: WaitingParty[] = []
  const remaining: WaitingParty[] = []
  const blockedNow: WaitingParty[] = []
  let held = false
  for (const party of state.waitlist) {
    if (held) {
      remaining.push({ ...party })
    } else if (party.partySize <= free) {
      const { passedOver: _passed, ...confirmed } = party
      promoted.push(confirmed)
      free -= party.partySize
    } else if (party.passedOver) {
      // Already passed over once: every free seat is now held for this party.
      held = true
      remaining.push({ ...party })
    } else {
      const copy = { ...party }
      blockedNow.push(copy)
      remaining.push(copy)
    }
  }
  // A blocked party is passed over when a party that arrived after it was confirmed in this walk.
  const lastPromotedSeq = promoted.length ? lastOf(promoted).seq : -Infinity
  for (const party of blockedNow) if (party.seq < lastPromotedSeq) party.passedOver = true
  return { confirmedSeats: state.capacity - free, waitlist: remaining, promoted }
}

/**
 * Seats a newcomer would get right now: none while anyone is waiting with seats held, otherwise
 * the free seats (after a walk nobody waiting fits them, so a newcomer who fits takes them).
 */
export function openSeats(state: SeatState): number | null {
  return seatsOpen(
    state.capacity,
    state.confirmedSeats,
    state.waitlist.some((p) => p.passedOver),
  )
}

/** The same from a session's counters. */
export function seatsOpen(capacity: number | null, confirmedSeats: number, seatsHeld: boolean): number | null {
  if (capacity === null) return null
  if (seatsHeld) return 0
  return Math.max(0, capacity - confirmedSeats)
}

/** 1-based place in the waitlist, or undefined when not waiting. */
export function positionOf(waitlist: readonly WaitingParty[], userId: string): number | undefined {
  const index = waitlist.findIndex((p) => p.userId === userId)
  return index < 0 ? undefined : index + 1
}

export function waitingPeople(waitlist: readonly WaitingParty[]): number {
  return waitlist.reduce((n, p) => n + p.partySize, 0)
}
