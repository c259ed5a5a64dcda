import { expectError, expectUnchanged, openidFactory, verifiedResident } from '../support/api-expect'
import { newBuddy } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Powers come from roles and memberships as the database holds them now, never from having once
 * had them: a leader who steps down, an organiser stood down, a columnist whose role ends or a
 * resident who moves away keeps no hold on what they made or saw in that capacity.
 */
describe('authorisation: roles that end take their powers with them', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('stale')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(61_000))

  async function leaderOf(buildingId: string, room = '201') {
    const leader = await verifiedResident(t, admin, fresh(), buildingId, room)
    await admin.ok('account', 'assignRole', { userId: leader.userId, role: 'leader', buildingId })
    return leader
  }
  const stepDown = (userId: string, buildingId: string) =>
    admin.ok('account', 'revokeRole', { userId, role: 'leader', buildingId })

  test('when a leader steps down, then their notices are no longer theirs to edit, withdraw or count; the committee still manages them and the new leader sees their reach', async () => {
    const leader = await leaderOf('jsh-7')
    const published = await leader.client.ok('announcements', 'publish', {
      audience: { buildingId: 'jsh-7' },
      title: '楼道堆物清理',
      body: '周末前请搬走楼道里的杂物。',
    })
    expect(published.canManage).toBe(true)
    await stepDown(leader.userId, 'jsh-7')
    const announcementId = published.announcementId
    for (const [action, data] of [
      ['edit', { announcementId, title: '改过的标题' }],
      ['unpublish', { announcementId }],
      ['reach', { announcementId }],
    ] as const) {
      expectError(
        await expectUnchanged(t, () => leader.client.call('announcements', action, data)),
        403,
        'AUTH.FORBIDDEN',
      )
    }
    // Still a resident: they read it like everyone else, without the manager's buttons.
    expect(await leader.client.ok('announcements', 'get', { announcementId })).toMatchObject({
      canManage: false,
      canSeeReach: false,
      mine: true,
    })
    const successor = await leaderOf('jsh-7', '202')
    expect((await successor.client.ok('announcements', 'reach', { announcementId })).households).toBe(36)
    expect((await admin.ok('announcements', 'edit', { announcementId, pinned: true })).pinned).toBe(true)
  })

  test('when a leader who asked for help on a household’s behalf steps down, then the room, the note, the updates and the request pass to whoever leads now', async () => {
    const leader = await leaderOf('jsh-8')
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-9', '301', { skills: ['代买代办'] })
    const asked = await leader.client.ok('buddies', 'requestHelp', {
      skill: '代买代办',
      when: '周四上午',
      note: '405 的老伯腿脚不便，请帮忙买降压药',
      onBehalfOf: { buildingId: 'jsh-8', room: '405' },
    })
    await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    await stepDown(leader.userId, 'jsh-8')

    const seen = await expectUnchanged(t, () =>
      leader.client.call('buddies', 'getHelpRequest', { requestId: asked.requestId }),
    )
    expectError(seen, 404, 'NOT_FOUND')
    expect(JSON.stringify(seen.body)).not.toContain('405')
    for (const action of ['acceptOffer', 'declineOffer', 'cancelHelp'] as const) {
      expectError(
        await expectUnchanged(t, () => leader.client.call('buddies', action, { requestId: asked.requestId })),
        404,
        'NOT_FOUND',
      )
    }
    const mine = await leader.client.ok('buddies', 'listHelpRequests', { scope: 'mine' })
    expect(mine.requests).toEqual([])
    expect(JSON.stringify(mine)).not.toContain('降压药')

    const successor = await leaderOf('jsh-8', '202')
    expect(await successor.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })).toMatchObject({
      status: 'accepted',
      room: '405',
    })
    // When the buddy drops out, the building's leader now hears of it; the one who stepped down does not.
    const unreadOf = async (client: ApiClient) => (await client.ok('notifications', 'list', {})).unread as number
    const [leaderUnread, successorUnread] = [await unreadOf(leader.client), await unreadOf(successor.client)]
    await buddy.client.ok('buddies', 'withdrawOffer', { requestId: asked.requestId })
    expect({ leader: await unreadOf(leader.client), successor: await unreadOf(successor.client) }).toEqual({
      leader: leaderUnread,
      successor: successorUnread + 1,
    })
  })

  test('when a leader steps down, then their events, the building chat’s moderation and the residents list are closed to them', async () => {
    const leader = await leaderOf('jsh-10')
    const start = clock.now() + 3 * 24 * 3600_000
    const { event } = await leader.client.ok('events', 'create', {
      title: '楼组议事',
      place: '一楼',
      startAt: start,
      endAt: start + 3600_000,
      capacity: 10,
      audience: { buildingId: 'jsh-10' },
    })
    const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-10', '301')
    await stepDown(leader.userId, 'jsh-10')

    const refusals: Array<[string, string, unknown]> = [
      [
        'events',
        'update',
        { eventId: event.eventId, title: '改过', place: '一楼', startAt: start, endAt: start + 3600_000, capacity: 10 },
      ],
      ['events', 'cancelEvent', { eventId: event.eventId, reason: '不办了' }],
      ['events', 'roster', { eventId: event.eventId }],
      ['events', 'checkInCode', { eventId: event.eventId }],
      ['chat', 'mute', { groupId: 'bg-jsh-10', userId: neighbour.userId, minutes: 10 }],
      ['account', 'listResidents', { buildingId: 'jsh-10' }],
      ['account', 'rotateJoinCode', { buildingId: 'jsh-10' }],
    ]
    for (const [fn, action, data] of refusals) {
      const result = await expectUnchanged(t, () => leader.client.call(fn, action, data))
      expect({ action, ok: result.body.ok, status: result.status }).toEqual({ action, ok: false, status: 403 })
    }
  })

  test('when an organiser is stood down, then they can no longer publish to the group or moderate its chat', async () => {
    const organiser = await newBuddy(t, admin, fresh(), 'jsh-12', '301')
    const member = await newBuddy(t, admin, fresh(), 'jsh-12', '302')
    const group = await admin.ok('buddies', 'createGroup', {
      name: '太极晨练组',
      description: '每天早上七点',
      interests: ['运动'],
    })
    await admin.ok('buddies', 'setOrganiser', { groupId: group.groupId, userId: organiser.userId, organiser: true })
    await member.client.ok('buddies', 'joinGroup', { groupId: group.groupId })
    await admin.ok('buddies', 'setOrganiser', { groupId: group.groupId, userId: organiser.userId, organiser: false })

    const start = clock.now() + 2 * 24 * 3600_000
    const create = {
      title: '晨练',
      place: '中心花园',
      startAt: start,
      endAt: start + 3600_000,
      capacity: null,
      audience: { groupId: group.groupId },
    }
    expectError(
      await expectUnchanged(t, () => organiser.client.call('events', 'create', create)),
      403,
      'AUTH.FORBIDDEN',
    )
    expectError(
      await expectUnchanged(t, () =>
        organiser.client.call('chat', 'mute', { groupId: group.groupId, userId: member.userId, minutes: 10 }),
      ),
      403,
      'AUTH.FORBIDDEN',
    )
    // Still a member: they talk like everyone else.
    await organiser.client.ok('chat', 'send', { groupId: group.groupId, clientId: 'stale-organiser-1', text: '明天见' })
  })

  test('when a columnist’s role ends, then the waiting questions are closed to them', async () => {
    const doctor = await verifiedResident(t, admin, fresh(), 'mc-4', '201')
    await admin.ok('account', 'assignRole', { userId: doctor.userId, role: 'columnist' })
    const asker = await verifiedResident(t, admin, fresh(), 'mc-4', '202')
    const { questionId } = await asker.client.ok('health', 'ask', {
      question: '最近总是失眠怎么办？',
      category: '睡眠',
      allowPublish: false,
    })
    expect((await doctor.client.ok('health', 'inboxItem', { questionId })).question).toBe('最近总是失眠怎么办？')
    await admin.ok('account', 'revokeRole', { userId: doctor.userId, role: 'columnist' })
    for (const [action, data] of [
      ['inbox', undefined],
      ['inboxItem', { questionId }],
      ['answer', { questionId, answer: '规律作息。', publish: false }],
    ] as const) {
      const result = await expectUnchanged(t, () => doctor.client.call('health', action, data))
      expectError(result, 403, 'AUTH.FORBIDDEN')
      expect(JSON.stringify(result.body)).not.toContain('失眠')
    }
  })

  test('when a resident moves to another building, then the old building’s chat, notices and events are closed to them at once', async () => {
    const leader = await leaderOf('hsgef-5')
    const mover = await verifiedResident(t, admin, fresh(), 'hsgef-5', '302')
    const notice = await leader.client.ok('announcements', 'publish', {
      audience: { buildingId: 'hsgef-5' },
      title: '停车位调整',
      body: '下周起地面车位重新划线。',
    })
    const start = clock.now() + 2 * 24 * 3600_000
    const { event } = await leader.client.ok('events', 'create', {
      title: '换届选举',
      place: '会议室',
      startAt: start,
      endAt: start + 3600_000,
      capacity: null,
      audience: { buildingId: 'hsgef-5' },
    })
    await mover.client.ok('chat', 'history', { groupId: 'bg-hsgef-5' })
    const { joinCode } = await admin.ok('account', 'joinPoster', { buildingId: 'hsgef-6' })
    await mover.client.ok('account', 'applyToBuilding', { buildingId: 'hsgef-6', room: '302', joinCode })

    expectError(await mover.client.call('chat', 'history', { groupId: 'bg-hsgef-5' }), 403, 'CHAT.NOT_MEMBER')
    expectError(
      await mover.client.call('announcements', 'get', { announcementId: notice.announcementId }),
      404,
      'NOT_FOUND',
    )
    expectError(await mover.client.call('events', 'rsvp', { eventId: event.eventId }), 403, 'AUTH.FORBIDDEN')
  })
})
