import type { CheckInCodeView, EventDetail, RosterView } from '../../contracts'
import { codeFor, windowOf } from '../../cloudfunctions/core/events/check-in-code'
import { expectError, expectUnchanged } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { createEvent, DAY, eventInput, HOUR, makeResidents, type Resident } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at as itemAt } from '../support/lists'

jest.setTimeout(60_000)

describe('events: check-in, attendance and rosters', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader5: ApiClient
  let leader6: ApiClient
  let wang: ApiClient
  let people: Resident[]
  let next = 0
  const person = () => itemAt(people, next++)
  const clock = new TestClock()
  const START_IN = 3 * DAY

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader5 = await t.login('demo-leader-5')
    leader6 = await t.login('seed-jsh-6-1')
    wang = await t.login('demo-resident-5')
    people = await makeResidents(t, admin, 'attend', 48, 'jsh-5')
  })
  afterAll(() => t.close())

  /** Run `work` with the clock moved to `offset` after now; the clock comes back after. */
  async function at<T>(offset: number, work: () => Promise<T>): Promise<T> {
    clock.advance(offset)
    try {
      return await work()
    } finally {
      clock.advance(-offset)
    }
  }

  /** A jsh-5 event with capacity 2: two confirmed, one waiting. */
  async function eventWithPeople() {
    const event = await createEvent(
      leader5,
      eventInput(clock.now(), {
        audience: { buildingId: 'jsh-5' },
        capacity: 2,
        questions: [{ kind: 'choice', text: '是否需要借书', options: ['需要', '不需要'] }],
      }),
    )
    const [a, b, c] = [person(), person(), person()]
    await a.client.ok('events', 'rsvp', { eventId: event.eventId, answers: { q1: '需要' } })
    await b.client.ok('events', 'rsvp', { eventId: event.eventId, answers: { q1: '不需要' } })
    await c.client.ok('events', 'rsvp', { eventId: event.eventId, answers: { q1: '需要' } })
    return { event, a, b, c }
  }

  const secretOf = async (eventId: string) => (await t.runtime.deps.store.get('events', eventId))!.checkInSecret

  describe('checkInCode', () => {
    test('when the organiser opens the check-in screen, then a six-digit code comes with when to refresh; it is not open before the hour before', async () => {
      const { event } = await eventWithPeople()
      const view = await leader5.ok<CheckInCodeView>('events', 'checkInCode', { eventId: event.eventId })
      expect(view).toMatchObject({
        eventId: event.eventId,
        code: expect.stringMatching(/^\d{6}$/),
        open: false,
        opensAt: event.startAt - HOUR,
        closesAt: event.endAt + HOUR,
      })
      expect(view.refreshAt).toBeGreaterThan(clock.now())
      const during = await at(START_IN, () =>
        admin.ok<CheckInCodeView>('events', 'checkInCode', { eventId: event.eventId }),
      )
      expect(during.open).toBe(true)
    })

    test('when anyone but the organiser or the committee asks for the code, then AUTH.FORBIDDEN', async () => {
      const { event, a } = await eventWithPeople()
      for (const who of [a.client, wang, leader6])
        expectError(await who.call('events', 'checkInCode', { eventId: event.eventId }), 403, 'AUTH.FORBIDDEN')
    })
  })

  describe('checkIn', () => {
    test('when a confirmed resident types the code on the screen during the event, then they are checked in; a second scan changes nothing', async () => {
      const { event, a } = await eventWithPeople()
      await at(START_IN - 30 * 60_000, async () => {
        const { code } = await leader5.ok<CheckInCodeView>('events', 'checkInCode', { eventId: event.eventId })
        const first = await a.client.ok<{ attendedAt: number; event: EventDetail }>('events', 'checkIn', {
          eventId: event.eventId,
          code,
        })
        expect(first).toMatchObject({
          attendedAt: clock.now(),
          event: { mine: { state: 'confirmed', attendedAt: clock.now() } },
        })
        clock.advance(1000)
        const again = await expectUnchanged(t, () => a.client.ok('events', 'checkIn', { eventId: event.eventId, code }))
        expect(again.attendedAt).toBe(first.attendedAt)
        clock.advance(-1000)
      })
    })

    test("when the code is last minute's, then it still works; two minutes old or wrong, then EVENT.CHECKIN_CODE_INVALID and nothing changes", async () => {
      const { event, a, b } = await eventWithPeople()
      const secret = await secretOf(event.eventId)
      await at(START_IN, async () => {
        const w = windowOf(clock.now())
        expectError(
          await expectUnchanged(t, () =>
            a.client.call('events', 'checkIn', { eventId: event.eventId, code: codeFor(secret, w - 2) }),
          ),
          400,
          'EVENT.CHECKIN_CODE_INVALID',
        )
        const wrong = codeFor(secret, w) === '000000' ? '111111' : '000000'
        expectError(
          await expectUnchanged(t, () => a.client.call('events', 'checkIn', { eventId: event.eventId, code: wrong })),
          400,
          'EVENT.CHECKIN_CODE_INVALID',
        )
        expect(
          await b.client.ok('events', 'checkIn', { eventId: event.eventId, code: codeFor(secret, w - 1) }),
        ).toMatchObject({ attendedAt: clock.now() })
      })
    })

    test('when a code from the screen is used after it expired, then it is refused', async () => {
      const { event, a } = await eventWithPeople()
      await at(START_IN, async () => {
        const { code, validUntil } = await leader5.ok<CheckInCodeView>('events', 'checkInCode', {
          eventId: event.eventId,
        })
        await at(validUntil - clock.now(), async () => {
          expectError(
            await expectUnchanged(t, () => a.client.call('events', 'checkIn', { eventId: event.eventId, code })),
            400,
            'EVENT.CHECKIN_CODE_INVALID',
          )
        })
      })
    })

    test('when someone waiting or not signed up checks in, then EVENT.NOT_CONFIRMED and nothing changes', async () => {
      const { event, c } = await eventWithPeople()
      const secret = await secretOf(event.eventId)
      await at(START_IN, async () => {
        const code = codeFor(secret, windowOf(clock.now()))
        expectError(
          await expectUnchanged(t, () => c.client.call('events', 'checkIn', { eventId: event.eventId, code })),
          409,
          'EVENT.NOT_CONFIRMED',
        )
        expectError(
          await expectUnchanged(t, () => wang.call('events', 'checkIn', { eventId: event.eventId, code })),
          409,
          'EVENT.NOT_CONFIRMED',
        )
      })
    })

    test('when it is too early or too late, then EVENT.CHECKIN_NOT_OPEN and nothing changes', async () => {
      const { event, a } = await eventWithPeople()
      const secret = await secretOf(event.eventId)
      for (const offset of [START_IN - 2 * HOUR, START_IN + 2 * HOUR + 61 * 60_000]) {
        await at(offset, async () => {
          const code = codeFor(secret, windowOf(clock.now()))
          expectError(
            await expectUnchanged(t, () => a.client.call('events', 'checkIn', { eventId: event.eventId, code })),
            409,
            'EVENT.CHECKIN_NOT_OPEN',
          )
        })
      }
    })

    test('when codes are guessed, then the eleventh try in a minute is RATE.LIMITED', async () => {
      const { event, a } = await eventWithPeople()
      await at(START_IN + DAY, async () => {
        for (let i = 0; i < 10; i++)
          expectError(
            await a.client.call('events', 'checkIn', { eventId: event.eventId, code: '123456' }),
            409,
            'EVENT.CHECKIN_NOT_OPEN',
          )
        expectError(
          await a.client.call('events', 'checkIn', { eventId: event.eventId, code: '123456' }),
          429,
          'RATE.LIMITED',
        )
      })
    })
  })

  describe('markAttendance', () => {
    test('when the organiser ticks someone off by hand, then they show as attended by the organiser, and unticking takes it back', async () => {
      const { event, a } = await eventWithPeople()
      await at(START_IN, async () => {
        const entry = await leader5.ok('events', 'markAttendance', {
          eventId: event.eventId,
          userId: a.userId,
          attended: true,
        })
        expect(entry).toMatchObject({
          userId: a.userId,
          state: 'confirmed',
          attendedAt: clock.now(),
          attendedVia: 'organiser',
          building: '金上海家园 5号楼',
        })
        expect((await a.client.ok('events', 'get', { eventId: event.eventId })).mine.attendedAt).toBe(clock.now())
        const back = await leader5.ok('events', 'markAttendance', {
          eventId: event.eventId,
          userId: a.userId,
          attended: false,
        })
        expect(back.attendedAt).toBeUndefined()
      })
    })

    test('when the person is waiting or not signed up, then EVENT.NOT_CONFIRMED and nothing changes; before the hour before, EVENT.CHECKIN_NOT_OPEN', async () => {
      const { event, a, c } = await eventWithPeople()
      await at(START_IN, async () => {
        expectError(
          await expectUnchanged(t, () =>
            leader5.call('events', 'markAttendance', { eventId: event.eventId, userId: c.userId, attended: true }),
          ),
          409,
          'EVENT.NOT_CONFIRMED',
        )
        expectError(
          await expectUnchanged(t, () =>
            leader5.call('events', 'markAttendance', { eventId: event.eventId, userId: 'u_nobody', attended: true }),
          ),
          409,
          'EVENT.NOT_CONFIRMED',
        )
      })
      expectError(
        await expectUnchanged(t, () =>
          leader5.call('events', 'markAttendance', { eventId: event.eventId, userId: a.userId, attended: true }),
        ),
        409,
        'EVENT.CHECKIN_NOT_OPEN',
      )
    })

    test('when anyone but the organiser or committee marks attendance, then AUTH.FORBIDDEN and nothing changes', async () => {
      const { event, a, b } = await eventWithPeople()
      await at(START_IN, async () => {
        for (const who of [a.client, b.client, leader6, wang]) {
          expectError(
            await expectUnchanged(t, () =>
              who.call('events', 'markAttendance', { eventId: event.eventId, userId: a.userId, attended: true }),
            ),
            403,
            'AUTH.FORBIDDEN',
          )
        }
        expect(
          await admin.ok('events', 'markAttendance', { eventId: event.eventId, userId: a.userId, attended: true }),
        ).toMatchObject({ attendedVia: 'organiser' })
      })
    })
  })

  describe('roster and rosterCsv', () => {
    test('when the organiser opens the roster, then it lists the confirmed with attendance and answers, and the waitlist in order', async () => {
      const { event, a, b, c } = await eventWithPeople()
      const secret = await secretOf(event.eventId)
      await at(START_IN, () =>
        b.client.ok('events', 'checkIn', { eventId: event.eventId, code: codeFor(secret, windowOf(clock.now())) }),
      )
      const roster = await leader5.ok<RosterView>('events', 'roster', { eventId: event.eventId })
      expect(roster).toMatchObject({
        eventId: event.eventId,
        capacity: 2,
        confirmedPeople: 2,
        attendedParties: 1,
        attendedPeople: 1,
      })
      expect(roster.confirmed).toEqual([
        expect.objectContaining({
          userId: a.userId,
          nickname: expect.stringMatching(/^邻居/),
          arrival: 1,
          answers: { q1: '需要' },
          building: '金上海家园 5号楼',
        }),
        expect.objectContaining({
          userId: b.userId,
          arrival: 2,
          answers: { q1: '不需要' },
          attendedVia: 'code',
          attendedAt: expect.any(Number),
        }),
      ])
      expect(itemAt(roster.confirmed, 0).attendedAt).toBeUndefined()
      expect(roster.waitlist).toEqual([expect.objectContaining({ userId: c.userId, position: 1, state: 'waitlisted' })])
    })

    test('when a confirmed resident deletes their account, then they leave the roster and the first waiting takes their place', async () => {
      const { event, a, c } = await eventWithPeople()
      await a.client.ok('account', 'deleteMe', { confirm: true })
      const roster = await leader5.ok<RosterView>('events', 'roster', { eventId: event.eventId })
      expect(roster.confirmed.map((e) => e.userId)).not.toContain(a.userId)
      expect(roster.confirmed.map((e) => e.userId)).toContain(c.userId)
      expect(roster.waitlist).toEqual([])
    })

    test('when the organiser exports the roster, then CSV text comes back with a header, one row per party, and the answers', async () => {
      const { event } = await eventWithPeople()
      const { filename, csv } = await leader5.ok('events', 'rosterCsv', { eventId: event.eventId })
      expect(filename).toMatch(/^活动名单_读书会_\d{4}-\d{2}-\d{2}\.csv$/)
      const lines = (csv as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      expect(lines[0]).toBe('状态,候补位置,报名顺序,称呼,楼组,人数,签到,签到时间,报名时间,是否需要借书')
      expect(lines).toHaveLength(4)
      expect(lines[1]).toMatch(/^已确认,,1,邻居\d+,金上海家园 5号楼,1,,,[\d-]+ [\d:]+,需要$/)
      expect(lines[3]).toMatch(/^候补,1,3,/)
    })

    test('when anyone but the organiser or committee asks for the roster, then AUTH.FORBIDDEN and nothing of it is shown', async () => {
      const { event, a } = await eventWithPeople()
      for (const who of [a.client, wang, leader6]) {
        for (const action of ['roster', 'rosterCsv']) {
          const result = await who.call('events', action, { eventId: event.eventId })
          expectError(result, 403, 'AUTH.FORBIDDEN')
          expect(JSON.stringify(result.body)).not.toContain(a.userId)
        }
      }
      expect((await admin.ok<RosterView>('events', 'roster', { eventId: event.eventId })).confirmed).toHaveLength(2)
    })
  })
})
