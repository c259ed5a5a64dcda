import type { EventDetail, EventSummary, MyEventsView, RsvpResult } from '../../contracts'
import { expectError, expectUnchanged, pendingApplicant } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { createEvent, DAY, eventInput, HOUR, makeInterestGroup, makeResidents, type Resident } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at } from '../support/lists'

jest.setTimeout(60_000)

describe('events: RSVPs, waitlist and what residents see', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader5: ApiClient
  let wang: ApiClient // verified resident of jsh-5
  let zhao: ApiClient // verified resident of jsh-11
  let newcomer: ApiClient
  let people: Resident[]
  const clock = new TestClock()
  let nextPerson = 0
  /** A resident no earlier test has used (each test arranges its own RSVPs). */
  const person = () => at(people, nextPerson++)

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader5 = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    zhao = await t.login('demo-resident-11')
    newcomer = await t.login('demo-newcomer')
    people = await makeResidents(t, admin, 'rsvp', 60)
  })
  afterAll(() => t.close())

  const neighbourhoodEvent = (overrides: Record<string, unknown> = {}) =>
    createEvent(admin, eventInput(clock.now(), overrides))
  const get = (client: ApiClient, eventId: string) => client.ok<EventDetail>('events', 'get', { eventId })
  const rsvp = (client: ApiClient, eventId: string, extra: Record<string, unknown> = {}) =>
    client.ok<RsvpResult>('events', 'rsvp', { eventId, ...extra })
  const stored = (eventId: string) => t.runtime.deps.store.get('events', eventId)

  describe('rsvp', () => {
    test('when a resident RSVPs to an event with seats, then they are confirmed and the seats left drop by their party', async () => {
      const event = await neighbourhoodEvent({ capacity: 10 })
      expect(event).toMatchObject({ seatsLeft: 10, confirmedPeople: 0, mine: null })
      const a = person()
      const result = await rsvp(a.client, event.eventId, { partySize: 3 })
      expect(result).toMatchObject({
        state: 'confirmed',
        event: {
          seatsLeft: 7,
          confirmedPeople: 3,
          mine: { state: 'confirmed', partySize: 3, arrival: 1, confirmedAt: clock.now() },
        },
      })
      expect(result.position).toBeUndefined()
      // Everyone sees the seats drop, without seeing who.
      const seen = await get(person().client, event.eventId)
      expect(seen).toMatchObject({ seatsLeft: 7, confirmedPeople: 3, waitingPeople: 0, mine: null })
      expect(JSON.stringify(seen)).not.toContain(a.userId)
    })

    test('when the event is full, then the next resident is waitlisted with a position and the list says 已满 with the waiting count', async () => {
      const event = await neighbourhoodEvent({ capacity: 2 })
      await rsvp(person().client, event.eventId, { partySize: 2 })
      const b = person()
      const c = person()
      expect(await rsvp(b.client, event.eventId)).toMatchObject({
        state: 'waitlisted',
        position: 1,
        event: { seatsLeft: 0, waitingParties: 1, waitingPeople: 1 },
      })
      expect(await rsvp(c.client, event.eventId, { partySize: 2 })).toMatchObject({
        state: 'waitlisted',
        position: 2,
        event: { waitingPeople: 3 },
      })
      const { events } = await c.client.ok<{ events: EventSummary[] }>('events', 'list', {})
      expect(events.find((e) => e.eventId === event.eventId)).toMatchObject({
        seatsLeft: 0,
        waitingParties: 2,
        waitingPeople: 3,
        mine: { state: 'waitlisted', position: 2, arrival: 3 },
      })
    })

    test('when a resident RSVPs twice, then EVENT.ALREADY_RSVPED and nothing changes, whether confirmed or waiting', async () => {
      const event = await neighbourhoodEvent({ capacity: 1 })
      const a = person()
      const b = person()
      await rsvp(a.client, event.eventId)
      await rsvp(b.client, event.eventId)
      for (const who of [a, b]) {
        const result = await expectUnchanged(t, () =>
          who.client.call('events', 'rsvp', { eventId: event.eventId, partySize: 1 }),
        )
        expectError(result, 409, 'EVENT.ALREADY_RSVPED')
      }
    })

    test('when two RSVPs from the same person race, then exactly one is recorded', async () => {
      const event = await neighbourhoodEvent({ capacity: 5 })
      const a = person()
      const results = await Promise.all(
        [1, 2, 3].map(() => a.client.call('events', 'rsvp', { eventId: event.eventId })),
      )
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
      expect(await stored(event.eventId)).toMatchObject({ confirmedSeats: 1, nextSeq: 2 })
    })

    test('when someone cancels and RSVPs again, then they join at the end with a new arrival number', async () => {
      const event = await neighbourhoodEvent({ capacity: 1 })
      const [a, b, c] = [person(), person(), person()]
      await rsvp(a.client, event.eventId)
      await rsvp(b.client, event.eventId)
      await rsvp(c.client, event.eventId)
      await b.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect((await get(c.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 1 })
      expect(await rsvp(b.client, event.eventId)).toMatchObject({
        state: 'waitlisted',
        position: 2,
        event: { mine: { arrival: 4 } },
      })
    })

    test('when a party is larger than the whole event, then INPUT.INVALID names partySize and nothing changes', async () => {
      const event = await neighbourhoodEvent({ capacity: 2 })
      const result = await expectUnchanged(t, () =>
        person().client.call('events', 'rsvp', { eventId: event.eventId, partySize: 3 }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'partySize')
    })

    test('when the event has questions, then required answers are enforced and given answers are kept', async () => {
      const event = await neighbourhoodEvent({
        questions: [
          { kind: 'choice', text: '是否需要借书', options: ['需要', '不需要'] },
          { kind: 'text', text: '想分享的书', required: false },
        ],
      })
      const a = person()
      expectError(
        await expectUnchanged(t, () => a.client.call('events', 'rsvp', { eventId: event.eventId })),
        400,
        'INPUT.INVALID',
        'answers.q1',
      )
      expectError(
        await expectUnchanged(t, () =>
          a.client.call('events', 'rsvp', { eventId: event.eventId, answers: { q1: '也许' } }),
        ),
        400,
        'INPUT.INVALID',
        'answers.q1',
      )
      expectError(
        await expectUnchanged(t, () =>
          a.client.call('events', 'rsvp', { eventId: event.eventId, answers: { q1: '需要', q5: 'x' } }),
        ),
        400,
        'INPUT.INVALID',
        'answers.q5',
      )
      expectError(
        await expectUnchanged(t, () =>
          a.client.call('events', 'rsvp', { eventId: event.eventId, answers: { q1: '需要', q2: '书'.repeat(101) } }),
        ),
        400,
        'INPUT.INVALID',
        'answers.q2',
      )
      expectError(
        await expectUnchanged(t, () =>
          a.client.call('events', 'rsvp', { eventId: event.eventId, answers: { q1: '需要', q2: '违禁测试词' } }),
        ),
        400,
        'CONTENT.REJECTED',
      )
      const result = await rsvp(a.client, event.eventId, { answers: { q1: '需要', q2: ' 《繁花》 ' } })
      expect(result.event.mine?.answers).toEqual({ q1: '需要', q2: '《繁花》' })
    })

    test('when a building event is RSVPed by someone outside the building, then AUTH.FORBIDDEN and nothing changes', async () => {
      const event = await createEvent(leader5, eventInput(clock.now(), { audience: { buildingId: 'jsh-5' } }))
      const applicant = await pendingApplicant(t, 't-rsvp-pending-1', 'jsh-5', '305')
      for (const outsider of [zhao, newcomer, applicant.client, admin]) {
        const result = await expectUnchanged(t, () => outsider.call('events', 'rsvp', { eventId: event.eventId }))
        expectError(result, 403, 'AUTH.FORBIDDEN')
      }
      expect(await rsvp(wang, event.eventId)).toMatchObject({ state: 'confirmed' })
      expect(await rsvp(leader5, event.eventId)).toMatchObject({ state: 'confirmed' })
    })

    test('when a neighbourhood event is RSVPed by someone not yet verified, then AUTH.FORBIDDEN', async () => {
      const event = await neighbourhoodEvent()
      const applicant = await pendingApplicant(t, 't-rsvp-pending-2', 'jsh-6', '305')
      for (const outsider of [newcomer, applicant.client]) {
        expectError(
          await expectUnchanged(t, () => outsider.call('events', 'rsvp', { eventId: event.eventId })),
          403,
          'AUTH.FORBIDDEN',
        )
      }
      expect(await rsvp(zhao, event.eventId)).toMatchObject({ state: 'confirmed' })
    })

    test("when an interest group's event is RSVPed, then members may and other residents may not", async () => {
      const [organiser, member, outsider] = [person(), person(), person()]
      await makeInterestGroup(t, 'ig-rsvp', organiser.userId, [member.userId], clock.now())
      const event = await createEvent(organiser.client, eventInput(clock.now(), { audience: { groupId: 'ig-rsvp' } }))
      expect(event).toMatchObject({
        audience: { kind: 'group', groupId: 'ig-rsvp' },
        audienceLabel: '兴趣小组ig-rsvp',
        canManage: true,
      })
      expect(await rsvp(member.client, event.eventId)).toMatchObject({ state: 'confirmed' })
      expectError(
        await expectUnchanged(t, () => outsider.client.call('events', 'rsvp', { eventId: event.eventId })),
        403,
        'AUTH.FORBIDDEN',
      )
      expectError(await outsider.client.call('events', 'get', { eventId: event.eventId }), 403, 'AUTH.FORBIDDEN')
    })

    test('when the signup deadline has passed, then EVENT.CLOSED and nothing changes; after the start too', async () => {
      const event = await neighbourhoodEvent({ signupDeadline: clock.now() + DAY })
      const a = person()
      clock.advance(DAY + 1)
      try {
        expect(await get(a.client, event.eventId)).toMatchObject({ closed: true })
        expectError(
          await expectUnchanged(t, () => a.client.call('events', 'rsvp', { eventId: event.eventId })),
          409,
          'EVENT.CLOSED',
        )
      } finally {
        clock.advance(-(DAY + 1))
      }
      const started = await neighbourhoodEvent()
      clock.advance(3 * DAY)
      try {
        expectError(
          await expectUnchanged(t, () => a.client.call('events', 'rsvp', { eventId: started.eventId })),
          409,
          'EVENT.CLOSED',
        )
      } finally {
        clock.advance(-3 * DAY)
      }
    })

    test('when the event was cancelled, then RSVPs are refused with EVENT.CANCELLED', async () => {
      const event = await neighbourhoodEvent()
      await admin.ok('events', 'cancelEvent', { eventId: event.eventId, reason: '下雨' })
      expectError(
        await expectUnchanged(t, () => person().client.call('events', 'rsvp', { eventId: event.eventId })),
        409,
        'EVENT.CANCELLED',
      )
    })

    test('when the event does not exist, then NOT_FOUND', async () => {
      expectError(await expectUnchanged(t, () => wang.call('events', 'rsvp', { eventId: 'ev_nope' })), 404, 'NOT_FOUND')
    })
  })

  describe('cancelRsvp and the waitlist', () => {
    test('when a confirmed resident cancels, then the first waiting is confirmed and told, and everyone behind moves up one', async () => {
      const event = await neighbourhoodEvent({ capacity: 1 })
      const [a, b, c, d] = [person(), person(), person(), person()]
      for (const who of [a, b, c, d]) await rsvp(who.client, event.eventId)
      await b.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['eventUpdate'] })
      const reply = await a.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect(reply).toMatchObject({
        state: 'cancelled',
        event: { mine: { state: 'cancelled' }, seatsLeft: 0, waitingParties: 2 },
      })
      expect((await get(b.client, event.eventId)).mine).toMatchObject({ state: 'confirmed' })
      expect((await get(c.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 1 })
      expect((await get(d.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 2 })
      await t.runtime.drainOutbox()
      const [note] = (await b.client.ok('notifications', 'list', {})).items
      expect(note).toMatchObject({
        kind: 'event',
        title: `候补成功：${event.title}`,
        wechat: 'sent',
        link: `/packages/events/pages/detail/index?id=${event.eventId}`,
      })
      // Nobody else is told anything.
      expect((await c.client.ok('notifications', 'list', {})).items).toEqual([])
    })

    test('when a waiting resident cancels, then nobody is promoted and those behind move up', async () => {
      const event = await neighbourhoodEvent({ capacity: 1 })
      const [a, b, c] = [person(), person(), person()]
      for (const who of [a, b, c]) await rsvp(who.client, event.eventId)
      await b.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect((await get(a.client, event.eventId)).mine).toMatchObject({ state: 'confirmed' })
      expect((await get(c.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 1 })
      expect(await stored(event.eventId)).toMatchObject({ confirmedSeats: 1 })
    })

    test('when parties of different sizes wait, then the first that fits is confirmed, a passed-over party is held for next, and nobody overtakes it twice', async () => {
      const event = await neighbourhoodEvent({ capacity: 5 })
      const [a, b, c, d, e, f] = [person(), person(), person(), person(), person(), person()]
      await rsvp(a.client, event.eventId, { partySize: 3 })
      await rsvp(b.client, event.eventId, { partySize: 2 })
      expect(await rsvp(c.client, event.eventId, { partySize: 3 })).toMatchObject({ state: 'waitlisted', position: 1 })
      expect(await rsvp(d.client, event.eventId, { partySize: 1 })).toMatchObject({ state: 'waitlisted', position: 2 })
      expect(await rsvp(e.client, event.eventId, { partySize: 2 })).toMatchObject({ state: 'waitlisted', position: 3 })

      // 2 seats free: C (3) does not fit and keeps its place; D (1) fits and is confirmed past it; E (2) no longer fits.
      await b.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect((await get(d.client, event.eventId)).mine).toMatchObject({ state: 'confirmed' })
      expect((await get(c.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 1 })
      expect((await get(e.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 2 })
      // The free seat is now held for C: a newcomer of 1 waits, though one seat is empty.
      const held = await rsvp(f.client, event.eventId)
      expect(held).toMatchObject({ state: 'waitlisted', position: 3, event: { confirmedPeople: 4, seatsLeft: 0 } })
      // D leaves: 2 seats free, still not enough for C, and E (2) may not overtake C a second time.
      await d.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect((await get(e.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 2 })
      expect(await stored(event.eventId)).toMatchObject({ confirmedSeats: 3 })
      // A leaves: 5 free, C first, then E; F stays first in line.
      await a.client.ok('events', 'cancelRsvp', { eventId: event.eventId })
      expect((await get(c.client, event.eventId)).mine).toMatchObject({ state: 'confirmed', partySize: 3 })
      expect((await get(e.client, event.eventId)).mine).toMatchObject({ state: 'confirmed', partySize: 2 })
      expect((await get(f.client, event.eventId)).mine).toMatchObject({ state: 'waitlisted', position: 1 })
      expect(await stored(event.eventId)).toMatchObject({ confirmedSeats: 5 })
    })

    test('when someone who did not RSVP cancels, then NOT_FOUND and nothing changes', async () => {
      const event = await neighbourhoodEvent()
      expectError(
        await expectUnchanged(t, () => person().client.call('events', 'cancelRsvp', { eventId: event.eventId })),
        404,
        'NOT_FOUND',
      )
    })

    test('when the event has started, then cancelling is refused with EVENT.CLOSED', async () => {
      const event = await neighbourhoodEvent()
      const a = person()
      await rsvp(a.client, event.eventId)
      clock.advance(3 * DAY + HOUR)
      try {
        expectError(
          await expectUnchanged(t, () => a.client.call('events', 'cancelRsvp', { eventId: event.eventId })),
          409,
          'EVENT.CLOSED',
        )
      } finally {
        clock.advance(-(3 * DAY + HOUR))
      }
    })
  })

  describe('list, get and mine', () => {
    test('when a resident lists events, then they see their building, their groups and the neighbourhood, and the filters narrow it', async () => {
      const [member] = [person()]
      await makeInterestGroup(t, 'ig-list', member.userId, [], clock.now())
      const mine5 = await createEvent(
        leader5,
        eventInput(clock.now(), { title: '五号楼茶话会', audience: { buildingId: 'jsh-5' } }),
      )
      const other6 = await createEvent(
        admin,
        eventInput(clock.now(), { title: '六号楼茶话会', audience: { buildingId: 'jsh-6' } }),
      )
      const all = await neighbourhoodEvent({ title: '全体大会' })
      const group = await createEvent(
        member.client,
        eventInput(clock.now(), { title: '小组活动', audience: { groupId: 'ig-list' } }),
      )

      const ids = async (client: ApiClient, data: Record<string, unknown> = {}) =>
        (await client.ok<{ events: EventSummary[] }>('events', 'list', data)).events.map((e) => e.eventId)
      const wangAll = await ids(wang)
      expect(wangAll).toEqual(expect.arrayContaining([mine5.eventId, all.eventId]))
      expect(wangAll).not.toContain(other6.eventId)
      expect(wangAll).not.toContain(group.eventId)
      expect(await ids(wang, { audience: 'building' })).toContain(mine5.eventId)
      expect(await ids(wang, { audience: 'building' })).not.toContain(all.eventId)
      expect(await ids(member.client, { audience: 'groups' })).toEqual([group.eventId])
      // The committee sees every building's.
      expect(await ids(admin, { audience: 'building' })).toEqual(
        expect.arrayContaining([mine5.eventId, other6.eventId]),
      )
      // A newcomer with no building sees nothing.
      expect(await ids(newcomer)).toEqual([])
    })

    test('when listed, then sessions come soonest first within the window asked for', async () => {
      const later = await createEvent(admin, eventInput(clock.now(), { title: '十天后' }, 10))
      const sooner = await neighbourhoodEvent({ title: '三天后' })
      const { events } = await zhao.ok<{ events: EventSummary[] }>('events', 'list', {
        from: clock.now(),
        to: clock.now() + 5 * DAY,
      })
      expect(events.map((e) => e.eventId)).toContain(sooner.eventId)
      expect(events.map((e) => e.eventId)).not.toContain(later.eventId)
      const starts = events.map((e) => e.startAt)
      expect(starts).toEqual([...starts].sort((x, y) => x - y))
    })

    test('when get is asked for an event the caller may not see, then AUTH.FORBIDDEN reveals nothing of it', async () => {
      const event = await createEvent(
        leader5,
        eventInput(clock.now(), { title: '五号楼秘密会议', audience: { buildingId: 'jsh-5' } }),
      )
      const result = await zhao.call('events', 'get', { eventId: event.eventId })
      expectError(result, 403, 'AUTH.FORBIDDEN')
      expect(JSON.stringify(result.body)).not.toContain('秘密')
      expectError(await zhao.call('events', 'get', { eventId: 'ev_missing' }), 404, 'NOT_FOUND')
      // The committee may see every event.
      expect(await get(admin, event.eventId)).toMatchObject({
        title: '五号楼秘密会议',
        canManage: true,
        organiserName: '张阿姨',
        audienceLabel: '金上海家园 5号楼',
      })
      expect(await get(wang, event.eventId)).toMatchObject({ canManage: false })
    })

    test('when a resident opens 我的活动, then it lists what they go to or wait for, and past sessions with attendance', async () => {
      const a = person()
      const going = await neighbourhoodEvent({ capacity: 5, title: '要去的' })
      const full = await createEvent(admin, eventInput(clock.now(), { capacity: 1, title: '候补的' }, 4))
      const soon = await createEvent(admin, eventInput(clock.now(), { title: '已经去过的' }, 0.5))
      await rsvp(person().client, full.eventId)
      await rsvp(a.client, going.eventId)
      await rsvp(a.client, full.eventId)
      await rsvp(a.client, soon.eventId)
      // The past session: attended by code during the event.
      clock.advance(0.5 * DAY + 10 * 60_000)
      try {
        const { code } = await admin.ok('events', 'checkInCode', { eventId: soon.eventId })
        await a.client.ok('events', 'checkIn', { eventId: soon.eventId, code })
        clock.advance(3 * HOUR)
        const mine = await a.client.ok<MyEventsView>('events', 'mine')
        expect(mine.upcoming.map((e) => [e.title, e.mine?.state, e.mine?.position])).toEqual([
          ['要去的', 'confirmed', undefined],
          ['候补的', 'waitlisted', 1],
        ])
        expect(mine.past).toEqual([
          expect.objectContaining({
            title: '已经去过的',
            mine: expect.objectContaining({ state: 'confirmed', attendedAt: expect.any(Number) }),
          }),
        ])
        expect(mine.organising).toEqual([])
      } finally {
        clock.advance(-(0.5 * DAY + 10 * 60_000 + 3 * HOUR))
      }
    })

    test('when an organiser opens 我的活动, then the sessions they published are listed', async () => {
      const event = await createEvent(
        leader5,
        eventInput(clock.now(), { title: '楼组长组织的', audience: { buildingId: 'jsh-5' } }),
      )
      const mine = await leader5.ok<MyEventsView>('events', 'mine')
      expect(mine.organising.map((e) => e.eventId)).toContain(event.eventId)
    })
  })

  describe('personal data', () => {
    test('when a resident exports their data, then their RSVPs and answers are in it', async () => {
      const a = person()
      const event = await neighbourhoodEvent({ title: '导出测试', questions: [{ kind: 'text', text: '想说的话' }] })
      await rsvp(a.client, event.eventId, { answers: { q1: '谢谢组织' } })
      const exported = await a.client.ok('account', 'exportMyData')
      expect(exported.data.event_rsvps.mine).toEqual([
        expect.objectContaining({
          state: 'confirmed',
          answers: { q1: '谢谢组织' },
          event: expect.objectContaining({
            title: '导出测试',
            questions: [expect.objectContaining({ questionId: 'q1', text: '想说的话' })],
          }),
        }),
      ])
    })

    test('when a confirmed resident deletes their account, then their seat goes to the first waiting and their RSVPs are gone', async () => {
      const event = await neighbourhoodEvent({ capacity: 1 })
      const [a, b] = [person(), person()]
      await rsvp(a.client, event.eventId)
      await rsvp(b.client, event.eventId)
      await a.client.ok('account', 'deleteMe', { confirm: true })
      expect((await get(b.client, event.eventId)).mine).toMatchObject({ state: 'confirmed' })
      expect(await t.runtime.deps.store.find('event_rsvps', { userId: a.userId })).toEqual([])
      expect(await stored(event.eventId)).toMatchObject({ confirmedSeats: 1, waitingParties: 0, waitingPeople: 0 })
      expect((await t.runtime.deps.store.get('event_waitlists', event.eventId))?.parties).toEqual([])
    })
  })
})
