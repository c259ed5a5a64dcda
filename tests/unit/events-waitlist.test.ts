import fc from 'fast-check'
import type { WaitingParty } from '../../cloudfunctions/core/events/events.docs'
import { openSeats, positionOf, settle, type SeatState } from '../../cloudfunctions/core/events/waitlist'
import { at, cycle } from '../support/lists'

const party = (userId: string, partySize: number, seq: number, passedOver?: boolean): WaitingParty => ({
  userId,
  partySize,
  seq,
  ...(passedOver ? { passedOver } : {}),
})
const ids = (parties: readonly WaitingParty[]) => parties.map((p) => p.userId)

describe('the waitlist rule', () => {
  test('when there is room, then every party that fits is confirmed in arrival order', () => {
    const out = settle({
      capacity: 10,
      confirmedSeats: 4,
      waitlist: [party('a', 2, 1), party('b', 3, 2), party('c', 1, 3)],
    })
    expect(ids(out.promoted)).toEqual(['a', 'b', 'c'])
    expect(out.confirmedSeats).toBe(10)
    expect(out.waitlist).toEqual([])
  })

  test('when the event is unlimited, then everyone waiting is confirmed', () => {
    const out = settle({ capacity: null, confirmedSeats: 40, waitlist: [party('a', 3, 1, true), party('b', 1, 2)] })
    expect(ids(out.promoted)).toEqual(['a', 'b'])
    expect(at(out.promoted, 0).passedOver).toBeUndefined()
    expect(out.confirmedSeats).toBe(44)
  })

  test('when the first party does not fit, then a later one that fits is confirmed and the first is marked passed over, keeping its place', () => {
    const out = settle({
      capacity: 30,
      confirmedSeats: 28,
      waitlist: [party('three', 3, 1), party('one', 1, 2), party('two', 2, 3)],
    })
    expect(ids(out.promoted)).toEqual(['one'])
    expect(out.waitlist).toEqual([party('three', 3, 1, true), party('two', 2, 3)])
    expect(out.confirmedSeats).toBe(29)
  })

  test('when a party already passed over does not fit, then the walk stops and the free seats are held for it', () => {
    const out = settle({ capacity: 30, confirmedSeats: 28, waitlist: [party('three', 3, 1, true), party('one', 1, 2)] })
    expect(out.promoted).toEqual([])
    expect(ids(out.waitlist)).toEqual(['three', 'one'])
    expect(openSeats({ capacity: 30, confirmedSeats: 28, waitlist: out.waitlist })).toBe(0)
  })

  test('when enough seats free up for a held party, then it is confirmed first and the rest continue in order', () => {
    const out = settle({
      capacity: 30,
      confirmedSeats: 26,
      waitlist: [party('three', 3, 1, true), party('one', 1, 2), party('two', 2, 3)],
    })
    expect(ids(out.promoted)).toEqual(['three', 'one'])
    expect(ids(out.waitlist)).toEqual(['two'])
    expect(at(out.waitlist, 0).passedOver).toBeUndefined()
  })

  test('when nobody behind a blocked party fits, then it is not marked (it was not passed over)', () => {
    const out = settle({ capacity: 30, confirmedSeats: 29, waitlist: [party('three', 3, 1), party('two', 2, 2)] })
    expect(out.promoted).toEqual([])
    expect(out.waitlist.every((p) => !p.passedOver)).toBe(true)
    expect(openSeats({ capacity: 30, confirmedSeats: 29, waitlist: out.waitlist })).toBe(1)
  })

  test('when parties ahead of a blocked one are confirmed, then the blocked one is not marked', () => {
    const out = settle({ capacity: 30, confirmedSeats: 27, waitlist: [party('one', 1, 1), party('three', 3, 2)] })
    expect(ids(out.promoted)).toEqual(['one'])
    expect(out.waitlist).toEqual([party('three', 3, 2)])
  })

  test('when a party waits, then its position is its place in the waitlist', () => {
    const waitlist = [party('a', 1, 4), party('b', 2, 7), party('c', 1, 9)]
    expect(positionOf(waitlist, 'a')).toBe(1)
    expect(positionOf(waitlist, 'c')).toBe(3)
    expect(positionOf(waitlist, 'z')).toBeUndefined()
  })

  test('when seats are shown to a newcomer, then it is the free seats unless someone is waiting with seats held', () => {
    expect(openSeats({ capacity: null, confirmedSeats: 3, waitlist: [] })).toBeNull()
    expect(openSeats({ capacity: 30, confirmedSeats: 27, waitlist: [] })).toBe(3)
    expect(openSeats({ capacity: 30, confirmedSeats: 30, waitlist: [party('a', 1, 1)] })).toBe(0)
  })

  /** A random history of arrivals, cancellations and capacity changes, played through the rule. */
  type Step =
    | { kind: 'arrive'; size: number }
    | { kind: 'cancelConfirmed'; pick: number }
    | { kind: 'cancelWaiting'; pick: number }
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('arrive' as const), size: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('cancelConfirmed' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('cancelWaiting' as const), pick: fc.nat() }),
  )

  test('when any history is played, then capacity is never exceeded, positions never go up, and a passed-over party is passed at most once by fewer seats than it needs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 80 }), (capacity, steps) => {
        let state: SeatState = { capacity, confirmedSeats: 0, waitlist: [] }
        const confirmed = new Map<string, WaitingParty>()
        const lostTo = new Map<string, number>() // seats later arrivals took past a waiting party
        let seq = 0
        const apply = (next: SeatState) => {
          const before = new Map(state.waitlist.map((p, i) => [p.userId, i + 1]))
          const out = settle(next)
          for (const p of out.promoted) {
            confirmed.set(p.userId, p)
            for (const w of out.waitlist)
              if (w.seq < p.seq) lostTo.set(w.userId, (lostTo.get(w.userId) ?? 0) + p.partySize)
          }
          state = { capacity, confirmedSeats: out.confirmedSeats, waitlist: out.waitlist }
          expect(state.confirmedSeats).toBeLessThanOrEqual(capacity)
          expect(state.confirmedSeats).toBe([...confirmed.values()].reduce((n, p) => n + p.partySize, 0))
          // Positions only go down; the waitlist stays in arrival order.
          state.waitlist.forEach((p, i) => {
            if (before.has(p.userId)) expect(i + 1).toBeLessThanOrEqual(before.get(p.userId) as number)
            if (i > 0) expect(p.seq).toBeGreaterThan(at(state.waitlist, i - 1).seq)
          })
          // After a walk nobody waiting could be confirmed without breaking the rule.
          for (const p of state.waitlist) {
            const held = state.waitlist.some((q) => q.passedOver && q.seq <= p.seq)
            if (!held) expect(p.partySize).toBeGreaterThan(capacity - state.confirmedSeats)
          }
          for (const [userId, seats] of lostTo) {
            const waiting = state.waitlist.find((p) => p.userId === userId)
            if (waiting) expect(seats).toBeLessThan(waiting.partySize)
          }
        }
        for (const s of steps) {
          if (s.kind === 'arrive') {
            seq++
            apply({ ...state, waitlist: [...state.waitlist, party(`p${seq}`, s.size, seq)] })
          } else if (s.kind === 'cancelConfirmed' && confirmed.size) {
            const victim = cycle([...confirmed.values()], s.pick)
            confirmed.delete(victim.userId)
            apply({ ...state, confirmedSeats: state.confirmedSeats - victim.partySize })
          } else if (s.kind === 'cancelWaiting' && state.waitlist.length) {
            const victim = cycle(state.waitlist, s.pick)
            lostTo.delete(victim.userId)
            apply({ ...state, waitlist: state.waitlist.filter((p) => p.userId !== victim.userId) })
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
