import type { EventDetail, GroupSummary, RsvpResult } from '../../contracts'
import { expectError, expectUnchanged, openidFactory } from '../support/api-expect'
import { newBuddy, profileInput, roomFactory } from '../support/buddies'

/** A buddy profile as `buddies.update` takes it (no consent: that was given on signing up). */
const profileFields = (overrides: Record<string, unknown>) => {
  const { consent: _consent, ...fields } = profileInput(overrides)
  return fields
}
import { historyOf, newClientId, say } from '../support/chat'
import { TestClock } from '../support/clock'
import { createEvent, DAY, eventInput, HOUR } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

type Summary = {
  groupId: string
  name: string
  myRole: string | null
  nextEvent?: { eventId: string; title: string; startAt: number }
}

/**
 * Phase 2: an interest group's chat and events follow its membership through the chat and events
 * functions themselves — joining opens both at once, leaving (or withdrawing) closes both and
 * hands the leaver's seats on — and the directory shows each group's next session.
 */
describe('buddies: a group’s chat and events follow its membership', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('buddy-life')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  // Chat sends are rate-limited per person; every test starts in a fresh window.
  beforeEach(() => clock.advance(11_000))

  const buddy = (buildingId = 'jsh-9') => newBuddy(t, admin, fresh(), buildingId, room(buildingId))
  const chatGroups = async (client: ApiClient) =>
    ((await client.ok('chat', 'listGroups')).groups as GroupSummary[]).map((g) => g.groupId)
  const rsvp = (client: ApiClient, eventId: string) => client.ok<RsvpResult>('events', 'rsvp', { eventId })
  const getEvent = (client: ApiClient, eventId: string) => client.ok<EventDetail>('events', 'get', { eventId })
  /** A new group with its own session, so each test owns its seats. */
  const groupWithSession = async (name: string, capacity: number) => {
    const group = await admin.ok('buddies', 'createGroup', { name, description: '测试用小组', interests: ['读书'] })
    const event = await createEvent(
      admin,
      eventInput(clock.now(), { title: `${name}活动`, capacity, audience: { groupId: group.groupId } }),
    )
    return { groupId: group.groupId as string, event }
  }

  // First, while the clock still stands where the seed put things.
  describe('the demo seed', () => {
    test('when the committee opens the demo directory, then the seeded groups show their organisers’ coming sessions', async () => {
      const { groups } = await admin.ok('buddies', 'listGroups')
      const byId = new Map((groups as Summary[]).map((g) => [g.groupId, g]))
      expect(byId.get('ig-reading')?.nextEvent?.title).toBe('读书会 · 《繁花》交流会')
      expect(byId.get('ig-photo')?.nextEvent?.title).toBe('小区四季 · 外拍活动')
      expect(byId.get('ig-choir')?.nextEvent?.title).toBe('合唱团排练')
      const reading = await getEvent(admin, byId.get('ig-reading')?.nextEvent?.eventId ?? '')
      expect(reading).toMatchObject({ audience: { kind: 'group', groupId: 'ig-reading' }, capacity: 12, seatsLeft: 8 })
    })
  })

  describe('chat', () => {
    test('when a buddy joins a group, then its chat is theirs at once: listed, readable, and what they write reaches the other members', async () => {
      const [newcomer, member] = [await buddy(), await buddy()]
      await member.client.ok('buddies', 'joinGroup', { groupId: 'ig-photo' })
      expect(await chatGroups(newcomer.client)).not.toContain('ig-photo')
      expectError(
        await expectUnchanged(t, () =>
          newcomer.client.call('chat', 'send', { groupId: 'ig-photo', clientId: newClientId(), text: '你好' }),
        ),
        403,
        'CHAT.NOT_MEMBER',
      )

      await newcomer.client.ok('buddies', 'joinGroup', { groupId: 'ig-photo' })
      expect(await chatGroups(newcomer.client)).toContain('ig-photo')
      // The group's talk so far (the seed's) is there to read.
      expect((await historyOf(newcomer.client, 'ig-photo')).items.length).toBeGreaterThan(0)
      const sent = await say(newcomer.client, 'ig-photo', '大家好，我是新来的，喜欢拍街景')
      const seen = (await historyOf(member.client, 'ig-photo')).items
      expect(seen[0]).toMatchObject({
        messageId: sent.messageId,
        senderId: newcomer.userId,
        text: '大家好，我是新来的，喜欢拍街景',
      })
      expect(
        ((await member.client.ok('chat', 'listGroups')).groups as GroupSummary[]).find((g) => g.groupId === 'ig-photo')
          ?.unread,
      ).toBeGreaterThanOrEqual(1)
    })

    test('when a buddy goes by another nickname than their account name, then the group chat names them by it, as the group page does', async () => {
      const [speaker, listener] = [await buddy(), await buddy()]
      await speaker.client.ok('account', 'updateProfile', { nickname: '周明' })
      await speaker.client.ok('buddies', 'update', profileFields({ nickname: '摄影小周' }))
      for (const b of [speaker, listener]) await b.client.ok('buddies', 'joinGroup', { groupId: 'ig-photo' })

      const sent = await say(speaker.client, 'ig-photo', '周六一起去外拍吗')

      expect((await historyOf(listener.client, 'ig-photo')).items[0]).toMatchObject({
        messageId: sent.messageId,
        senderName: '摄影小周',
      })
      const { members } = await listener.client.ok('chat', 'listMembers', { groupId: 'ig-photo' })
      expect((members as Array<{ userId: string; name: string }>).find((m) => m.userId === speaker.userId)?.name).toBe(
        '摄影小周',
      )
      const page = await listener.client.ok('buddies', 'getGroup', { groupId: 'ig-photo' })
      expect(JSON.stringify(page)).toContain('摄影小周')
      expect(JSON.stringify(page)).not.toContain('周明')
    })

    test('when a member leaves the group, then the chat is closed to them at once and stays with the others, their words included', async () => {
      const [leaver, member] = [await buddy(), await buddy()]
      for (const who of [leaver, member]) await who.client.ok('buddies', 'joinGroup', { groupId: 'ig-dance' })
      const said = await say(leaver.client, 'ig-dance', '下周二的排练我来')
      await leaver.client.ok('buddies', 'leaveGroup', { groupId: 'ig-dance' })

      expect(await chatGroups(leaver.client)).not.toContain('ig-dance')
      expectError(
        await expectUnchanged(t, () =>
          leaver.client.call('chat', 'send', { groupId: 'ig-dance', clientId: newClientId(), text: '还能说吗' }),
        ),
        403,
        'CHAT.NOT_MEMBER',
      )
      expectError(await leaver.client.call('chat', 'history', { groupId: 'ig-dance' }), 403, 'CHAT.NOT_MEMBER')
      expectError(
        await leaver.client.call('chat', 'updates', { groupId: 'ig-dance', since: 0 }),
        403,
        'CHAT.NOT_MEMBER',
      )
      expect((await historyOf(member.client, 'ig-dance')).items.map((m) => m.messageId)).toContain(said.messageId)
    })

    test('when a buddy withdraws, then every group chat of theirs closes at once', async () => {
      const leaver = await buddy()
      for (const groupId of ['ig-reading', 'ig-family']) await leaver.client.ok('buddies', 'joinGroup', { groupId })
      expect(await chatGroups(leaver.client)).toEqual(expect.arrayContaining(['ig-reading', 'ig-family']))
      await leaver.client.ok('buddies', 'withdraw', { confirm: true })
      const left = await chatGroups(leaver.client)
      expect(left).not.toContain('ig-reading')
      expect(left).not.toContain('ig-family')
      expectError(await leaver.client.call('chat', 'history', { groupId: 'ig-reading' }), 403, 'CHAT.NOT_MEMBER')
    })
  })

  describe('events', () => {
    test('when a buddy joins a group, then they may RSVP its session and the seats left drop; before joining they may not', async () => {
      const { groupId, event } = await groupWithSession('周末读诗会', 5)
      const joiner = await buddy()
      expectError(
        await expectUnchanged(t, () => joiner.client.call('events', 'rsvp', { eventId: event.eventId })),
        403,
        'AUTH.FORBIDDEN',
      )
      expectError(await joiner.client.call('events', 'get', { eventId: event.eventId }), 403, 'AUTH.FORBIDDEN')

      await joiner.client.ok('buddies', 'joinGroup', { groupId })
      expect((await getEvent(joiner.client, event.eventId)).seatsLeft).toBe(5)
      expect(await rsvp(joiner.client, event.eventId)).toMatchObject({ state: 'confirmed', event: { seatsLeft: 4 } })
    })

    test('when a member with a seat leaves the group, then the seat goes back: the first on the waitlist gets it and is told', async () => {
      const { groupId, event } = await groupWithSession('夜跑小队', 1)
      const [leaver, waiting] = [await buddy(), await buddy()]
      for (const who of [leaver, waiting]) await who.client.ok('buddies', 'joinGroup', { groupId })
      await rsvp(leaver.client, event.eventId)
      expect(await rsvp(waiting.client, event.eventId)).toMatchObject({ state: 'waitlisted', position: 1 })

      clock.advance(HOUR)
      await leaver.client.ok('buddies', 'leaveGroup', { groupId })
      expect(await getEvent(waiting.client, event.eventId)).toMatchObject({
        seatsLeft: 0,
        confirmedPeople: 1,
        waitingPeople: 0,
        mine: { state: 'confirmed' },
      })
      const told = (await waiting.client.ok('notifications', 'list', {})).items as Array<{ title: string }>
      expect(told.map((n) => n.title)).toContain('候补成功：夜跑小队活动')
      // Their own list no longer holds a seat they could not open any more.
      expect((await leaver.client.ok('events', 'mine')).upcoming).toEqual([])
    })

    test('when a member leaves after the session has begun, then their RSVP stays as a record of that session', async () => {
      const { groupId, event } = await groupWithSession('晨读会', 5)
      const member = await buddy()
      await member.client.ok('buddies', 'joinGroup', { groupId })
      await rsvp(member.client, event.eventId)
      clock.advance(3 * DAY + 30 * 60_000)
      await member.client.ok('buddies', 'leaveGroup', { groupId })
      const stored = await t.runtime.deps.store.get('event_rsvps', `${event.eventId}:${member.userId}`)
      expect(stored?.state).toBe('confirmed')
    })

    test('when a buddy withdraws, then their seats in group sessions go back and their neighbourhood RSVPs stay', async () => {
      const { groupId, event } = await groupWithSession('手机摄影课', 3)
      const neighbourhood = await createEvent(admin, eventInput(clock.now(), { title: '小区清洁日', capacity: 30 }))
      const leaver = await buddy()
      await leaver.client.ok('buddies', 'joinGroup', { groupId })
      await rsvp(leaver.client, event.eventId)
      await rsvp(leaver.client, neighbourhood.eventId)

      await leaver.client.ok('buddies', 'withdraw', { confirm: true })
      expect((await getEvent(admin, event.eventId)).seatsLeft).toBe(3)
      expect((await getEvent(leaver.client, neighbourhood.eventId)).mine).toMatchObject({ state: 'confirmed' })
    })
  })

  describe('the next session in the directory', () => {
    test('when a group has sessions, then its members and the committee see the soonest one not over or cancelled, in the directory and on the page alike; others do not', async () => {
      const group = await admin.ok('buddies', 'createGroup', {
        name: '书法小组',
        description: '写写毛笔字',
        interests: ['手工'],
      })
      const groupId = group.groupId as string
      const [member, outsider] = [await buddy(), await buddy()]
      await member.client.ok('buddies', 'joinGroup', { groupId })
      const directoryEntry = async (client: ApiClient) =>
        ((await client.ok('buddies', 'listGroups')).groups as Summary[]).find((g) => g.groupId === groupId)
      expect(await directoryEntry(member.client)).not.toHaveProperty('nextEvent')

      const later = await createEvent(admin, eventInput(clock.now(), { title: '临帖练习', audience: { groupId } }, 6))
      const sooner = await createEvent(
        admin,
        eventInput(clock.now(), { title: '第一次见面', audience: { groupId } }, 2),
      )
      const expected = { eventId: sooner.eventId, title: '第一次见面', startAt: sooner.startAt }
      expect((await directoryEntry(member.client))?.nextEvent).toEqual(expected)
      expect((await member.client.ok('buddies', 'getGroup', { groupId })).nextEvent).toEqual(expected)
      expect((await directoryEntry(admin))?.nextEvent).toEqual(expected)
      expect(await directoryEntry(outsider.client)).not.toHaveProperty('nextEvent')

      // Cancelled: the next one takes its place.
      await admin.ok('events', 'cancelEvent', { eventId: sooner.eventId, reason: '改期' })
      expect((await directoryEntry(member.client))?.nextEvent).toMatchObject({ eventId: later.eventId })
      // Over: none left.
      clock.advance(7 * DAY)
      expect(await directoryEntry(member.client)).not.toHaveProperty('nextEvent')
    })
  })
})
