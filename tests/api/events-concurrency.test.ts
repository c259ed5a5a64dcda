import type { RosterView, RsvpResult } from '../../contracts'
import { TestClock } from '../support/clock'
import { createEvent, eventInput, makeResidents, type Resident } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at } from '../support/lists'

jest.setTimeout(120_000)

/**
 * The acceptance test, over real HTTP: 200 residents RSVP at once for 30 seats; exactly
 * the first 30 accepted are confirmed and the other 170 wait in the order the runtime accepted
 * them; then 5 cancellations promote exactly the next 5. Once per party size.
 */
describe('events: capacity and waitlist under concurrency', () => {
  let t: TestRuntime
  let admin: ApiClient
  let residents: Resident[]
  const clock = new TestClock()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    residents = await makeResidents(t, admin, 'crowd', 200)
  })
  afterAll(() => t.close())

  const rsvpDoc = (eventId: string, userId: string) => t.runtime.deps.store.get('event_rsvps', `${eventId}:${userId}`)

  test.each([1, 2, 3])(
    'when 200 residents RSVP at once for 30 seats in parties of %i, then exactly the first to arrive are confirmed, the rest wait in arrival order, and 5 cancellations promote exactly the next 5',
    async (partySize) => {
      const event = await createEvent(admin, eventInput(clock.now(), { title: `大合唱 ${partySize}`, capacity: 30 }))
      const seatsFor = Math.floor(30 / partySize)

      const results = await Promise.all(
        residents.map((r) => r.client.call<RsvpResult>('events', 'rsvp', { eventId: event.eventId, partySize })),
      )
      for (const result of results) expect(result.status).toBe(200)
      const replies = results.map((r, i) => ({
        resident: at(residents, i),
        reply: (r.body as { ok: true; data: RsvpResult }).data,
      }))

      // What each resident was told agrees with the arrival order the runtime recorded.
      const arrivals = await Promise.all(
        replies.map(async ({ resident }) => (await rsvpDoc(event.eventId, resident.userId))!.seq),
      )
      expect([...arrivals].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      const byArrival = replies
        .map((r, i) => ({ ...r, arrival: at(arrivals, i) }))
        .sort((a, b) => a.arrival - b.arrival)
      const confirmed = byArrival.filter((r) => r.reply.state === 'confirmed')
      const waiting = byArrival.filter((r) => r.reply.state === 'waitlisted')
      expect(confirmed.map((r) => r.arrival)).toEqual(Array.from({ length: seatsFor }, (_, i) => i + 1))
      expect(waiting.map((r) => r.reply.position)).toEqual(Array.from({ length: 200 - seatsFor }, (_, i) => i + 1))
      expect(waiting.map((r) => r.arrival)).toEqual(Array.from({ length: 200 - seatsFor }, (_, i) => seatsFor + i + 1))

      const stored = await t.runtime.deps.store.get('events', event.eventId)
      expect(stored).toMatchObject({ confirmedSeats: seatsFor * partySize, nextSeq: 201 })
      expect(stored!.confirmedSeats).toBeLessThanOrEqual(30)
      expect(stored).toMatchObject({
        waitingParties: 200 - seatsFor,
        waitingPeople: (200 - seatsFor) * partySize,
        seatsHeld: false,
      })
      const queue = await t.runtime.deps.store.get('event_waitlists', event.eventId)
      expect(queue!.parties.map((p) => p.userId)).toEqual(waiting.map((r) => r.resident.userId))

      // Five confirmed residents (not the first five) cancel at once.
      const leaving = [1, 3, 4, 6, seatsFor - 1].map((i) => at(confirmed, i))
      const cancels = await Promise.all(
        leaving.map((r) => r.resident.client.call('events', 'cancelRsvp', { eventId: event.eventId })),
      )
      for (const c of cancels) expect(c.status).toBe(200)

      const roster = await admin.ok<RosterView>('events', 'roster', { eventId: event.eventId })
      const next5 = waiting.slice(0, 5).map((r) => r.resident.userId)
      const stayed = confirmed.filter((r) => !leaving.includes(r)).map((r) => r.resident.userId)
      expect(roster.confirmed.map((e) => e.userId).sort()).toEqual([...stayed, ...next5].sort())
      expect(roster.confirmedPeople).toBe(seatsFor * partySize)
      expect(roster.waitlist.map((e) => e.userId)).toEqual(waiting.slice(5).map((r) => r.resident.userId))
      expect(roster.waitlist.map((e) => e.position)).toEqual(
        Array.from({ length: 200 - seatsFor - 5 }, (_, i) => i + 1),
      )

      // Each promoted resident sees it and is told.
      for (const { resident } of waiting.slice(0, 5)) {
        expect((await resident.client.ok('events', 'get', { eventId: event.eventId })).mine).toMatchObject({
          state: 'confirmed',
        })
        const { items } = await resident.client.ok('notifications', 'list', {})
        const aboutThis = items.filter((n: { link?: string }) => n.link?.endsWith(`id=${event.eventId}`))
        expect(aboutThis).toEqual([expect.objectContaining({ kind: 'event', title: `候补成功：${event.title}` })])
      }
      // The sixth in line is now first.
      expect((await at(waiting, 5).resident.client.ok('events', 'get', { eventId: event.eventId })).mine).toMatchObject(
        {
          state: 'waitlisted',
          position: 1,
        },
      )
    },
  )
})
