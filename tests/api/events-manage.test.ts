import type { AudienceOption, EventDetail, RsvpResult } from '../../contracts'
import type { EventDoc } from '../../cloudfunctions/core/events/events.docs'
import { expectError, expectUnchanged, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { createEvent, DAY, eventInput, HOUR, makeInterestGroup, makeResidents, type Resident } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf } from '../support/lists'

jest.setTimeout(60_000)

/** The editable part of an event, as the edit form sends it. */
function editable(event: EventDetail, changes: Record<string, unknown> = {}) {
  return {
    eventId: event.eventId,
    title: event.title,
    description: event.description,
    place: event.place,
    startAt: event.startAt,
    endAt: event.endAt,
    capacity: event.capacity,
    ...(event.signupDeadline !== null ? { signupDeadline: event.signupDeadline } : {}),
    questions: event.questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      ...(q.options ? { options: q.options } : {}),
      required: q.required,
    })),
    ...changes,
  }
}

describe('events: publishing and organising', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader5: ApiClient
  let leader6: ApiClient
  let wang: ApiClient
  let doctor: ApiClient
  let newcomer: ApiClient
  let people: Resident[]
  let next = 0
  const person = () => at(people, next++)
  const clock = new TestClock()

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader5 = await t.login('demo-leader-5')
    leader6 = await t.login('seed-jsh-6-1')
    wang = await t.login('demo-resident-5')
    doctor = await t.login('demo-doctor')
    newcomer = await t.login('demo-newcomer')
    people = await makeResidents(t, admin, 'manage', 30)
  })
  afterAll(() => t.close())

  const stored = (eventId: string) => t.runtime.deps.store.get('events', eventId)
  const notes = async (client: ApiClient) =>
    (await client.ok('notifications', 'list', {})).items as Array<{
      title: string
      body: string
      urgent: boolean
      link?: string
    }>

  describe('create', () => {
    test("when a leader publishes for their own building, then the event is theirs to manage and shows the building's name", async () => {
      const { eventIds, event } = await leader5.ok(
        'events',
        'create',
        eventInput(clock.now(), { audience: { buildingId: 'jsh-5' }, signupDeadline: clock.now() + 2 * DAY }),
      )
      expect(eventIds).toEqual([event.eventId])
      expect(event).toMatchObject({
        title: '读书会',
        audience: { kind: 'building', buildingId: 'jsh-5' },
        audienceLabel: '金上海家园 5号楼',
        organiserName: '张阿姨',
        organiserId: await userIdOf(leader5),
        canManage: true,
        capacity: 20,
        seatsLeft: 20,
        status: 'scheduled',
        sessionIndex: 1,
        sessionCount: 1,
        signupDeadline: clock.now() + 2 * DAY,
        closed: false,
        createdAt: clock.now(),
      })
      expect(JSON.stringify(event)).not.toContain('checkInSecret')
    })

    test("when a building's own group is named as the audience, then it is stored as that building", async () => {
      const { event } = await leader5.ok(
        'events',
        'create',
        eventInput(clock.now(), { audience: { groupId: 'bg-jsh-5' } }),
      )
      expect(event.audience).toEqual({ kind: 'building', buildingId: 'jsh-5' })
    })

    test('when someone publishes where they may not, then AUTH.FORBIDDEN and nothing is stored', async () => {
      const cases: Array<[ApiClient, unknown]> = [
        [leader5, { buildingId: 'jsh-6' }],
        [leader5, 'neighbourhood'],
        [leader5, { groupId: 'bg-jsh-6' }],
        [wang, { buildingId: 'jsh-5' }],
        [doctor, 'neighbourhood'],
        [newcomer, { buildingId: 'jsh-5' }],
      ]
      for (const [who, audience] of cases) {
        const result = await expectUnchanged(t, () =>
          who.call('events', 'create', eventInput(clock.now(), { audience })),
        )
        expectError(result, 403, 'AUTH.FORBIDDEN')
      }
    })

    test("when an interest group's organiser publishes for the group, then it works, and its members and other groups' organisers may not", async () => {
      const [organiser, member, otherOrganiser] = [person(), person(), person()]
      await makeInterestGroup(t, 'ig-manage', organiser.userId, [member.userId], clock.now())
      await makeInterestGroup(t, 'ig-other', otherOrganiser.userId, [], clock.now())
      const event = await createEvent(organiser.client, eventInput(clock.now(), { audience: { groupId: 'ig-manage' } }))
      expect(event).toMatchObject({ audience: { kind: 'group', groupId: 'ig-manage' }, canManage: true })
      for (const who of [member.client, otherOrganiser.client]) {
        expectError(
          await expectUnchanged(t, () =>
            who.call('events', 'create', eventInput(clock.now(), { audience: { groupId: 'ig-manage' } })),
          ),
          403,
          'AUTH.FORBIDDEN',
        )
      }
    })

    test("when a group's organiser publishes, then the group's page shows its members the next session, and not outsiders", async () => {
      const [organiser, member, outsider] = [person(), person(), person()]
      await makeInterestGroup(t, 'ig-next', organiser.userId, [member.userId], clock.now())
      const later = await createEvent(
        organiser.client,
        eventInput(clock.now(), { title: '第二次排练', audience: { groupId: 'ig-next' } }, 10),
      )
      const sooner = await createEvent(
        organiser.client,
        eventInput(clock.now(), { title: '第一次排练', audience: { groupId: 'ig-next' } }, 2),
      )
      expect((await member.client.ok('buddies', 'getGroup', { groupId: 'ig-next' })).nextEvent).toEqual({
        eventId: sooner.eventId,
        title: '第一次排练',
        startAt: sooner.startAt,
      })
      expect((await outsider.client.ok('buddies', 'getGroup', { groupId: 'ig-next' })).nextEvent).toBeUndefined()
      await organiser.client.ok('events', 'cancelEvent', { eventId: sooner.eventId, reason: '改期' })
      expect((await member.client.ok('buddies', 'getGroup', { groupId: 'ig-next' })).nextEvent).toMatchObject({
        eventId: later.eventId,
      })
    })

    test('when the committee publishes, then any audience works, and one that does not exist is INPUT.INVALID', async () => {
      await createEvent(admin, eventInput(clock.now(), { audience: { buildingId: 'mc-3' } }))
      await createEvent(admin, eventInput(clock.now(), { audience: 'neighbourhood' }))
      expectError(
        await expectUnchanged(t, () =>
          admin.call('events', 'create', eventInput(clock.now(), { audience: { buildingId: 'jsh-99' } })),
        ),
        400,
        'INPUT.INVALID',
        'audience.buildingId',
      )
      expectError(
        await expectUnchanged(t, () =>
          admin.call('events', 'create', eventInput(clock.now(), { audience: { groupId: 'ig-none' } })),
        ),
        400,
        'INPUT.INVALID',
        'audience.groupId',
      )
    })

    test('when an event repeats weekly, then each session is a week apart with its own seats and RSVPs', async () => {
      const { eventIds } = await admin.ok(
        'events',
        'create',
        eventInput(clock.now(), {
          capacity: 1,
          recurrence: { every: 'week', count: 4 },
          signupDeadline: clock.now() + 2 * DAY,
        }),
      )
      expect(eventIds).toHaveLength(4)
      const sessions = (await Promise.all(eventIds.map((id: string) => stored(id)))) as EventDoc[]
      expect(sessions.map((s) => s.startAt - at(sessions, 0).startAt)).toEqual([0, 7 * DAY, 14 * DAY, 21 * DAY])
      expect(sessions.map((s) => s.signupDeadline! - s.startAt)).toEqual(
        Array(4).fill(at(sessions, 0).signupDeadline! - at(sessions, 0).startAt),
      )
      expect(new Set(sessions.map((s) => s.seriesId)).size).toBe(1)
      const a = person()
      await a.client.ok('events', 'rsvp', { eventId: at(eventIds, 1) })
      expect(await a.client.ok('events', 'get', { eventId: at(eventIds, 0) })).toMatchObject({
        seatsLeft: 1,
        mine: null,
        sessionIndex: 1,
        sessionCount: 4,
      })
      const second = await a.client.ok<EventDetail>('events', 'get', { eventId: at(eventIds, 1) })
      expect(second).toMatchObject({ seatsLeft: 0, mine: { state: 'confirmed' }, sessionIndex: 2 })
      expect(second.sessions.map((s) => s.eventId)).toEqual(eventIds)
    })

    test('when an event repeats monthly, then sessions fall on the same day and time of the following months', async () => {
      const start = Date.UTC(2027, 0, 31, 6) // 2027-01-31 14:00 in Shanghai
      const { eventIds } = await admin.ok('events', 'create', {
        ...eventInput(clock.now()),
        startAt: start,
        endAt: start + 2 * HOUR,
        recurrence: { every: 'month', count: 3 },
      })
      const starts = (await Promise.all(eventIds.map((id: string) => stored(id)))).map((s) => (s as EventDoc).startAt)
      expect(starts).toEqual([start, Date.UTC(2027, 1, 28, 6), Date.UTC(2027, 2, 31, 6)])
    })

    test('when the start is in the past, then INPUT.INVALID names startAt and nothing is stored', async () => {
      const result = await expectUnchanged(t, () =>
        admin.call('events', 'create', {
          ...eventInput(clock.now()),
          startAt: clock.now() - HOUR,
          endAt: clock.now() + HOUR,
        }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'startAt')
    })

    test('when a question asks for an ID or phone number, then INPUT.INVALID names that question and nothing is stored', async () => {
      const result = await expectUnchanged(t, () =>
        leader5.call(
          'events',
          'create',
          eventInput(clock.now(), {
            audience: { buildingId: 'jsh-5' },
            questions: [
              { kind: 'text', text: '想读的书' },
              { kind: 'text', text: '联系电话' },
            ],
          }),
        ),
      )
      const error = expectError(result, 400, 'INPUT.INVALID', 'questions.1.text')
      expect(error.message).toContain('联系电话')
    })

    test('when the title holds a blocked phrase, then CONTENT.REJECTED and nothing is stored', async () => {
      expectError(
        await expectUnchanged(t, () =>
          admin.call('events', 'create', eventInput(clock.now(), { title: '违禁测试词' })),
        ),
        400,
        'CONTENT.REJECTED',
      )
      expectError(
        await expectUnchanged(t, () =>
          admin.call(
            'events',
            'create',
            eventInput(clock.now(), { questions: [{ kind: 'choice', text: '选一个', options: ['好', '违禁测试词'] }] }),
          ),
        ),
        400,
        'CONTENT.REJECTED',
      )
    })
  })

  describe('update', () => {
    test('when the organiser moves the time and place, then RSVPs stay and everyone confirmed or waiting is told', async () => {
      const event = await createEvent(
        leader5,
        eventInput(clock.now(), { audience: { buildingId: 'jsh-5' }, capacity: 1 }),
      )
      await wang.ok('events', 'rsvp', { eventId: event.eventId })
      const waiting = await makeResidents(t, admin, 'manage-5', 1, 'jsh-5')
      await at(waiting, 0).client.ok('events', 'rsvp', { eventId: event.eventId })
      const moved = await leader5.ok<EventDetail>(
        'events',
        'update',
        editable(event, { startAt: event.startAt + DAY, endAt: event.endAt + DAY, place: '小区会所' }),
      )
      expect(moved).toMatchObject({
        place: '小区会所',
        startAt: event.startAt + DAY,
        confirmedPeople: 1,
        waitingParties: 1,
      })
      for (const who of [wang, at(waiting, 0).client]) {
        expect((await notes(who)).filter((n) => n.link?.endsWith(event.eventId))).toEqual([
          expect.objectContaining({ title: `活动有变动：${event.title}` }),
        ])
      }
    })

    test('when the organiser adds seats, then the waitlist is let in in order and told', async () => {
      const event = await createEvent(admin, eventInput(clock.now(), { capacity: 1 }))
      const [a, b, c] = [person(), person(), person()]
      for (const who of [a, b, c]) await who.client.ok('events', 'rsvp', { eventId: event.eventId })
      const bigger = await admin.ok<EventDetail>('events', 'update', editable(event, { capacity: 2 }))
      expect(bigger).toMatchObject({ capacity: 2, confirmedPeople: 2, waitingParties: 1 })
      expect((await b.client.ok('events', 'get', { eventId: event.eventId })).mine).toMatchObject({
        state: 'confirmed',
      })
      expect((await c.client.ok('events', 'get', { eventId: event.eventId })).mine).toMatchObject({
        state: 'waitlisted',
        position: 1,
      })
      expect((await notes(b.client))[0]).toMatchObject({ title: `候补成功：${event.title}` })
      // No limit: everyone in.
      await admin.ok('events', 'update', editable(event, { capacity: null }))
      expect((await c.client.ok('events', 'get', { eventId: event.eventId })).mine).toMatchObject({
        state: 'confirmed',
      })
    })

    test('when seats are cut below those confirmed, then INPUT.INVALID names capacity and nothing changes', async () => {
      const event = await createEvent(admin, eventInput(clock.now(), { capacity: 5 }))
      await person().client.ok('events', 'rsvp', { eventId: event.eventId, partySize: 3 })
      expectError(
        await expectUnchanged(t, () => admin.call('events', 'update', editable(event, { capacity: 2 }))),
        400,
        'INPUT.INVALID',
        'capacity',
      )
      await admin.ok('events', 'update', editable(event, { capacity: 3 }))
    })

    test('when someone has already answered the questions, then they can no longer be changed', async () => {
      const event = await createEvent(
        admin,
        eventInput(clock.now(), { questions: [{ kind: 'text', text: '想说的话', required: false }] }),
      )
      // Before anyone answers, they can.
      const changed = await admin.ok<EventDetail>(
        'events',
        'update',
        editable(event, { questions: [{ kind: 'text', text: '想读的书', required: false }] }),
      )
      expect(changed.questions).toEqual([{ questionId: 'q1', kind: 'text', text: '想读的书', required: false }])
      await person().client.ok('events', 'rsvp', { eventId: event.eventId })
      const result = await expectUnchanged(t, () =>
        admin.call('events', 'update', editable(changed, { questions: [] })),
      )
      expectError(result, 400, 'INPUT.INVALID', 'questions')
      // Other fields still can.
      expect(await admin.ok('events', 'update', editable(changed, { title: '读书会（改期）' }))).toMatchObject({
        title: '读书会（改期）',
      })
    })

    test('when someone other than the organiser edits, then AUTH.FORBIDDEN and nothing changes', async () => {
      const event = await createEvent(leader5, eventInput(clock.now(), { audience: { buildingId: 'jsh-5' } }))
      for (const who of [wang, leader6, doctor, newcomer]) {
        expectError(
          await expectUnchanged(t, () => who.call('events', 'update', editable(event, { title: '改了' }))),
          403,
          'AUTH.FORBIDDEN',
        )
      }
      expect(await admin.ok('events', 'update', editable(event, { title: '居委会改的' }))).toMatchObject({
        title: '居委会改的',
        organiserName: '张阿姨',
      })
    })

    test('when a cancelled or finished event is edited, then it is refused and nothing changes', async () => {
      const event = await createEvent(admin, eventInput(clock.now()))
      await admin.ok('events', 'cancelEvent', { eventId: event.eventId, reason: '场地维修' })
      expectError(
        await expectUnchanged(t, () => admin.call('events', 'update', editable(event))),
        409,
        'EVENT.CANCELLED',
      )
      const done = await createEvent(admin, eventInput(clock.now()))
      clock.advance(4 * DAY)
      try {
        expectError(await expectUnchanged(t, () => admin.call('events', 'update', editable(done))), 409, 'EVENT.CLOSED')
      } finally {
        clock.advance(-4 * DAY)
      }
    })
  })

  describe('cancelEvent', () => {
    test('when the organiser cancels, then everyone confirmed or waiting is told why, urgently, and the event shows as cancelled', async () => {
      const event = await createEvent(admin, eventInput(clock.now(), { capacity: 1 }))
      const [a, b, bystander] = [person(), person(), person()]
      await a.client.ok('events', 'rsvp', { eventId: event.eventId })
      await b.client.ok('events', 'rsvp', { eventId: event.eventId })
      expect(await admin.ok('events', 'cancelEvent', { eventId: event.eventId, reason: '天气预报有暴雨' })).toEqual({
        cancelled: [event.eventId],
      })
      for (const who of [a, b]) {
        const note = firstOf(await notes(who.client))
        expect(note).toMatchObject({ title: `活动取消：${event.title}`, urgent: true })
        expect(note.body).toContain('天气预报有暴雨')
      }
      expect(await notes(bystander.client)).toEqual([])
      expect(await a.client.ok('events', 'get', { eventId: event.eventId })).toMatchObject({
        status: 'cancelled',
        cancelReason: '天气预报有暴雨',
        closed: true,
      })
      expectError(
        await expectUnchanged(t, () =>
          admin.call('events', 'cancelEvent', { eventId: event.eventId, reason: '再取消一次' }),
        ),
        409,
        'EVENT.CANCELLED',
      )
    })

    test('when the whole series is cancelled, then every session still to come is cancelled', async () => {
      const { eventIds } = await admin.ok(
        'events',
        'create',
        eventInput(clock.now(), { recurrence: { every: 'week', count: 3 } }),
      )
      expect(
        await admin.ok('events', 'cancelEvent', { eventId: eventIds[1], reason: '老师生病', wholeSeries: true }),
      ).toEqual({ cancelled: eventIds })
      for (const id of eventIds) expect((await stored(id))?.status).toBe('cancelled')
    })

    test('when someone other than the organiser cancels, then AUTH.FORBIDDEN and nothing changes', async () => {
      const event = await createEvent(leader5, eventInput(clock.now(), { audience: { buildingId: 'jsh-5' } }))
      for (const who of [wang, leader6, doctor]) {
        expectError(
          await expectUnchanged(t, () =>
            who.call('events', 'cancelEvent', { eventId: event.eventId, reason: '不想办了' }),
          ),
          403,
          'AUTH.FORBIDDEN',
        )
      }
    })
  })

  describe('audiences', () => {
    const labels = async (client: ApiClient) =>
      ((await client.ok('events', 'audiences')).options as AudienceOption[]).map((o) => o.label)

    test('when asked where one may publish, then a leader gets their building, an organiser their group, the committee everything, a resident nothing', async () => {
      expect(await labels(leader5)).toEqual(['金上海家园 5号楼'])
      expect(await labels(wang)).toEqual([])
      const organiser = person()
      await makeInterestGroup(t, 'ig-aud', organiser.userId, [], clock.now())
      expect(await labels(organiser.client)).toEqual(['兴趣小组ig-aud'])
      const all = await labels(admin)
      expect(all[0]).toBe('全居民区')
      expect(all).toContain('梅村 8号楼')
      expect(all).toContain('兴趣小组ig-aud')
      expect(all.filter((l) => /号楼$/.test(l))).toHaveLength(35)
    })
  })

  test('when the organiser changed the questions after the resident opened the page, then answers to the old ones are refused with INPUT.INVALID', async () => {
    const event = await createEvent(
      admin,
      eventInput(clock.now(), { questions: [{ kind: 'text', text: '想说的话', required: false }] }),
    )
    // Changed after the resident opened the page (nobody had answered yet).
    await admin.ok(
      'events',
      'update',
      editable(event, { questions: [{ kind: 'choice', text: '午饭', options: ['吃', '不吃'] }] }),
    )
    const result = await person().client.call<RsvpResult>('events', 'rsvp', {
      eventId: event.eventId,
      answers: { q1: '好' },
    })
    expectError(result, 400, 'INPUT.INVALID', 'answers.q1')
  })
})
