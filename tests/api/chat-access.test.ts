import { expectError, expectUnchanged, openidFactory, pendingApplicant, verifiedResident } from '../support/api-expect'
import { historyOf, interestGroup, newClientId, say } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { firstOf } from '../support/lists'

/**
 * Who may not touch a building group: everyone but its verified residents, its leader and the
 * committee. Each refusal is 403 CHAT.NOT_MEMBER with a Chinese message, and changes nothing.
 */
describe('chat: who may read and write a group', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let resident: ApiClient
  let residentId: string
  let messageId: string
  const clock = new TestClock()
  const fresh = openidFactory('chat-access')
  const refused: Array<[string, ApiClient]> = []

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    resident = await t.login('demo-resident-5')
    residentId = (await resident.ok('account', 'me')).userId
    messageId = (await say(leader, 'bg-jsh-5', '请大家下午收好晾在外面的衣服')).messageId
    // A report the refused callers will try to resolve: the resident reports the leader's message.
    await resident.ok('chat', 'report', { messageId, reason: '其他' })

    const rejected = await pendingApplicant(t, fresh(), 'jsh-5', '201')
    await leader.ok('account', 'reviewApplication', { membershipId: rejected.membershipId, decision: 'reject' })
    const movedAway = await verifiedResident(t, admin, fresh(), 'jsh-5', '202')
    await movedAway.client.ok('account', 'applyToBuilding', { buildingId: 'jsh-6', room: '101' })
    const removed = await verifiedResident(t, admin, fresh(), 'jsh-5', '203')
    await leader.ok('account', 'removeResident', { membershipId: removed.membershipId })

    refused.push(
      ['a verified resident of another building', await t.login('demo-resident-11')],
      ['the leader of another building', await t.login('seed-jsh-6-1')],
      ['an applicant still waiting for review', (await pendingApplicant(t, fresh(), 'jsh-5', '204')).client],
      ['an applicant who was turned down', rejected.client],
      ['a resident who moved to another building', movedAway.client],
      ['a resident the leader removed', removed.client],
      ['a newcomer with no building', await t.login('demo-newcomer')],
    )
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(11_000))

  const ACTIONS: Array<[string, () => Record<string, unknown>]> = [
    ['send', () => ({ groupId: 'bg-jsh-5', clientId: newClientId(), text: '你好' })],
    ['history', () => ({ groupId: 'bg-jsh-5' })],
    ['updates', () => ({ groupId: 'bg-jsh-5', since: 0 })],
    ['recall', () => ({ messageId })],
    ['markRead', () => ({ groupId: 'bg-jsh-5', upTo: 1 })],
    ['report', () => ({ messageId, reason: '广告推销' })],
    ['listReports', () => ({ groupId: 'bg-jsh-5' })],
    ['resolveReport', () => ({ reportId: messageId, decision: 'hide' })],
    ['mute', () => ({ groupId: 'bg-jsh-5', userId: residentId, minutes: 10 })],
    ['unmute', () => ({ groupId: 'bg-jsh-5', userId: residentId })],
    ['listMembers', () => ({ groupId: 'bg-jsh-5' })],
  ]

  describe.each(ACTIONS)('%s', (action, data) => {
    test('when someone outside the group calls it, then 403 CHAT.NOT_MEMBER and nothing changes', async () => {
      for (const [who, client] of refused) {
        const result = await expectUnchanged(t, () => client.call('chat', action, data()))
        try {
          expectError(result, 403, 'CHAT.NOT_MEMBER')
        } catch (error) {
          throw new Error(`${who}: ${(error as Error).message}`)
        }
      }
    })

    test('when there is no token, then 401 and nothing changes', async () => {
      const result = await expectUnchanged(t, () => t.anonymous.call('chat', action, data()))
      expectError(result, 401, 'AUTH.UNAUTHENTICATED')
    })
  })

  test('when the group does not exist, then the reply is the same CHAT.NOT_MEMBER (nothing to learn from it)', async () => {
    expectError(await resident.call('chat', 'history', { groupId: 'bg-nowhere' }), 403, 'CHAT.NOT_MEMBER')
  })

  test('when outsiders list their groups, then this building group is not among them', async () => {
    for (const [, client] of refused) {
      const { groups } = await client.ok('chat', 'listGroups')
      expect(groups.map((g: { groupId: string }) => g.groupId)).not.toContain('bg-jsh-5')
    }
  })

  test('when a resident is removed, then their very next call is refused', async () => {
    const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-5', '301')
    await say(neighbour.client, 'bg-jsh-5', '我来了')
    await leader.ok('account', 'removeResident', { membershipId: neighbour.membershipId })
    expectError(await neighbour.client.call('chat', 'history', { groupId: 'bg-jsh-5' }), 403, 'CHAT.NOT_MEMBER')
    expectError(
      await neighbour.client.call('chat', 'send', { groupId: 'bg-jsh-5', clientId: newClientId(), text: '还在吗' }),
      403,
      'CHAT.NOT_MEMBER',
    )
  })

  test('when an account is deleted, then its token is refused with 401 ACCOUNT.DELETED', async () => {
    const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-5', '302')
    await neighbour.client.ok('account', 'deleteMe', { confirm: true })
    expectError(await neighbour.client.call('chat', 'history', { groupId: 'bg-jsh-5' }), 401, 'ACCOUNT.DELETED')
  })

  test('when a leader moves out of the building they led, then they lose the group with the role', async () => {
    const exLeader = await verifiedResident(t, admin, fresh(), 'mc-8', '102')
    await admin.ok('account', 'assignRole', { userId: exLeader.userId, role: 'leader', buildingId: 'mc-8' })
    await historyOf(exLeader.client, 'bg-mc-8')
    await exLeader.client.ok('account', 'applyToBuilding', { buildingId: 'mc-7', room: '101' })
    expectError(await exLeader.client.call('chat', 'history', { groupId: 'bg-mc-8' }), 403, 'CHAT.NOT_MEMBER')
  })

  describe('moderation is for moderators only', () => {
    const MODERATOR_ONLY: Array<[string, () => Record<string, unknown>]> = [
      ['listReports', () => ({ groupId: 'bg-jsh-5' })],
      ['listReports', () => ({})],
      ['resolveReport', () => ({ reportId: messageId, decision: 'keep' })],
      ['mute', () => ({ groupId: 'bg-jsh-5', userId: residentId, minutes: 10 })],
      ['unmute', () => ({ groupId: 'bg-jsh-5', userId: residentId })],
    ]
    test.each(MODERATOR_ONLY)(
      'when an ordinary member calls %s, then 403 AUTH.FORBIDDEN and nothing changes',
      async (action, data) => {
        const member = await verifiedResident(t, admin, fresh(), 'jsh-5', '303')
        const result = await expectUnchanged(t, () => member.client.call('chat', action, data()))
        expectError(result, 403, 'AUTH.FORBIDDEN')
      },
    )

    test("when a member tries to recall someone else's message, then 403 AUTH.FORBIDDEN and it stays", async () => {
      const result = await expectUnchanged(t, () => resident.call('chat', 'recall', { messageId }))
      expectError(result, 403, 'AUTH.FORBIDDEN')
    })
  })

  describe('interest groups', () => {
    test('when people belong to an interest group, then members read and write, and a neighbour of the same building who is not a member is refused', async () => {
      const organiser = await verifiedResident(t, admin, fresh(), 'hsgef-1', '101')
      const member = await verifiedResident(t, admin, fresh(), 'hsgef-2', '101')
      const sameBuilding = await verifiedResident(t, admin, fresh(), 'hsgef-1', '102')
      const groupId = await interestGroup(
        t,
        [
          { userId: organiser.userId, role: 'organiser' },
          { userId: member.userId, role: 'member' },
        ],
        '摄影小组',
      )
      const hello = await say(member.client, groupId, '周末去公园拍银杏')
      expect(firstOf((await historyOf(organiser.client, groupId)).items).messageId).toBe(hello.messageId)
      for (const [action, data] of [
        ['history', { groupId }],
        ['send', { groupId, clientId: newClientId(), text: '我也想去' }],
        ['listMembers', { groupId }],
      ] as const) {
        expectError(
          await expectUnchanged(t, () => sameBuilding.client.call('chat', action, data)),
          403,
          'CHAT.NOT_MEMBER',
        )
      }
      // The committee oversees every group, interest groups included.
      expect((await historyOf(admin, groupId)).items).toHaveLength(1)
    })

    test('when an organiser moderates their group, then they may mute a member and recall any message; a member may not', async () => {
      const organiser = await verifiedResident(t, admin, fresh(), 'hsgef-1', '103')
      const member = await verifiedResident(t, admin, fresh(), 'hsgef-2', '102')
      const groupId = await interestGroup(t, [
        { userId: organiser.userId, role: 'organiser' },
        { userId: member.userId, role: 'member' },
      ])
      const message = await say(member.client, groupId, '卖保健品，便宜')
      expectError(
        await member.client.call('chat', 'mute', { groupId, userId: organiser.userId, minutes: 10 }),
        403,
        'AUTH.FORBIDDEN',
      )
      clock.advance(10 * 60_000)
      expect((await organiser.client.ok('chat', 'recall', { messageId: message.messageId })).state).toBe('recalled')
      expect((await organiser.client.ok('chat', 'mute', { groupId, userId: member.userId, minutes: 10 })).until).toBe(
        clock.now() + 10 * 60_000,
      )
      expectError(
        await member.client.call('chat', 'send', { groupId, clientId: newClientId(), text: '为什么' }),
        403,
        'CHAT.MUTED',
      )
    })

    test('when a member leaves the interest group, then they lose it at once', async () => {
      const member = await verifiedResident(t, admin, fresh(), 'hsgef-2', '103')
      const groupId = await interestGroup(t, [{ userId: member.userId, role: 'member' }])
      await historyOf(member.client, groupId)
      await t.runtime.deps.store.delete('group_members', `${groupId}:${member.userId}`)
      expectError(await member.client.call('chat', 'history', { groupId }), 403, 'CHAT.NOT_MEMBER')
    })
  })
})
