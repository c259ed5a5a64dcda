import { resolveCaller } from '../../cloudfunctions/core/account/identity'
import { groupAccess } from '../../cloudfunctions/core/groups/access'
import { expectError, expectUnchanged, openidFactory, userIdOf, verifiedResident } from '../support/api-expect'
import { newBuddy, profileInput, roomFactory } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { firstOf } from '../support/lists'

type Summary = {
  groupId: string
  name: string
  section: string
  matched: string[]
  memberCount: number
  myRole: string | null
}

describe('buddies: the directory order (recommendations)', () => {
  let t: TestRuntime
  let admin: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  test('when a buddy likes 运动, 拳操 and 摄影, then the directory has a fixed order that the rule explains', async () => {
    // Seeded member counts: 健身拳操 23, 读书会 18, 摄影小组 18, 舞蹈队 14, 亲子小组 13, 合唱团 9, 志愿服务队 9
    // (created in the order 读书会, 合唱团, 舞蹈队, 摄影小组, 健身拳操, 亲子小组, 志愿服务队).
    const buddy = await newBuddy(t, admin, 't-rank-1', 'jsh-14', '202', { interests: ['摄影', '运动', '拳操'] })
    const { groups } = await buddy.client.ok('buddies', 'listGroups')
    expect(groups.map((g: Summary) => [g.name, g.section, g.matched, g.memberCount])).toEqual([
      // 推荐: most shared interests first — 健身拳操 shares two …
      ['健身拳操', 'recommended', ['运动', '拳操'], 23],
      // … 摄影小组 one.
      ['摄影小组', 'recommended', ['摄影'], 18],
      // 其他: more members first; 读书会 and 摄影小组 would tie on 18, but 摄影小组 is recommended.
      ['读书会', 'other', [], 18],
      ['舞蹈队', 'other', [], 14],
      ['亲子小组', 'other', [], 13],
      // A tie on 9 members: the older group (合唱团) first.
      ['合唱团', 'other', [], 9],
      ['志愿服务队', 'other', [], 9],
    ])

    // Joining moves a group from 推荐 to 我加入的, after the recommendations.
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-fitness' })
    const after = (await buddy.client.ok('buddies', 'listGroups')).groups as Summary[]
    expect(after.slice(0, 3).map((g) => [g.name, g.section, g.myRole])).toEqual([
      ['摄影小组', 'recommended', null],
      ['健身拳操', 'mine', 'member'],
      ['读书会', 'other', null],
    ])
  })

  test('when a buddy likes 读书 and 摄影, then the two groups tie on shared interests and members, and the older one (读书会) comes first', async () => {
    const buddy = await newBuddy(t, admin, 't-rank-3', 'jsh-14', '203', { interests: ['读书', '摄影'] })
    const { groups } = await buddy.client.ok('buddies', 'listGroups')
    expect(groups.slice(0, 2).map((g: Summary) => [g.name, g.section, g.memberCount])).toEqual([
      ['读书会', 'recommended', 18],
      ['摄影小组', 'recommended', 18],
    ])
  })

  test('when two recommended groups share as many interests and have as many members, then the older group comes first', async () => {
    const one = await admin.ok('buddies', 'createGroup', {
      name: '园艺角',
      description: '种花种菜',
      interests: ['园艺'],
    })
    const two = await admin.ok('buddies', 'createGroup', {
      name: '阳台花园',
      description: '阳台种植交流',
      interests: ['园艺'],
    })
    const buddy = await newBuddy(t, admin, 't-rank-2', 'jsh-14', '204', { interests: ['园艺'] })
    const { groups } = await buddy.client.ok('buddies', 'listGroups')
    expect(groups.slice(0, 2).map((g: Summary) => g.groupId)).toEqual([one.groupId, two.groupId])
  })

  test('when a verified resident who is not a buddy opens the directory, then nothing is recommended and they may not join', async () => {
    const resident = await t.login('demo-resident-5')
    const { groups } = await resident.ok('buddies', 'listGroups')
    expect(groups.every((g: Summary) => g.section === 'other' && g.matched.length === 0)).toBe(true)
    const detail = await resident.ok('buddies', 'getGroup', { groupId: 'ig-reading' })
    expect(detail.canJoin).toBe(false)
  })
})

describe('buddies: interest groups', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('buddy-groups')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const accessOf = async (openid: string, groupId: string) =>
    groupAccess(store(), await resolveCaller(t.runtime.deps, { openid }), groupId)
  const notificationsOf = async (client: ApiClient) =>
    (await client.ok('notifications', 'list', {})).items as Array<{
      kind: string
      title: string
      body: string
      link?: string
    }>

  describe('joining and leaving', () => {
    test('when a buddy joins a group, then they are a member, the count grows, and group chat access follows', async () => {
      const openid = fresh()
      const buddy = await newBuddy(t, admin, openid, 'hsgef-3', room('hsgef-3'), { nickname: '小赵' })
      const before = await buddy.client.ok('buddies', 'getGroup', { groupId: 'ig-photo' })
      expect(before).toMatchObject({ myRole: null, canJoin: true })
      expect(before).not.toHaveProperty('members')
      expect(await accessOf(openid, 'ig-photo')).toBeNull()

      clock.advance(1000)
      const joined = await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-photo' })
      expect(joined).toMatchObject({
        groupId: 'ig-photo',
        name: '摄影小组',
        myRole: 'member',
        memberCount: before.memberCount + 1,
        canJoin: false,
        section: 'mine',
      })
      expect(joined.members).toEqual(
        expect.arrayContaining([{ userId: buddy.userId, nickname: '小赵', role: 'member' }]),
      )
      expect(await accessOf(openid, 'ig-photo')).toMatchObject({ standing: 'member' })
      expect((await buddy.client.ok('buddies', 'myProfile')).groups).toEqual([
        { groupId: 'ig-photo', name: '摄影小组', role: 'member', joinedAt: clock.now() },
      ])

      const left = await buddy.client.ok('buddies', 'leaveGroup', { groupId: 'ig-photo' })
      expect(left).toMatchObject({ myRole: null, memberCount: before.memberCount, canJoin: true })
      expect(await accessOf(openid, 'ig-photo')).toBeNull()
    })

    test('when a buddy taps join twice, then they are a member once', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'hsgef-3', room('hsgef-3'))
      await Promise.all([
        buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-dance' }),
        buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-dance' }),
      ])
      expect(await store().count('group_members', { userId: buddy.userId, groupId: 'ig-dance' })).toBe(1)
      const again = await expectUnchanged(t, () => buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-dance' }))
      expect(again.myRole).toBe('member')
    })

    test('when someone leaves a group they are not in, then nothing changes', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'hsgef-3', room('hsgef-3'))
      const result = await expectUnchanged(t, () => buddy.client.ok('buddies', 'leaveGroup', { groupId: 'ig-dance' }))
      expect(result.myRole).toBeNull()
    })

    test('when a member moves away, then they are out of the group at once; leaving after that, like for anyone neither member nor verified, is refused', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'hsgef-3', room('hsgef-3'))
      await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-choir' })
      await admin.ok('account', 'removeResident', { membershipId: buddy.membershipId })
      expect(await t.runtime.deps.store.get('group_members', `ig-choir:${buddy.userId}`)).toBeNull()
      expectError(
        await expectUnchanged(t, () => buddy.client.call('buddies', 'leaveGroup', { groupId: 'ig-choir' })),
        403,
        'AUTH.NOT_VERIFIED',
      )
      const newcomer = await t.login('demo-newcomer')
      expectError(
        await expectUnchanged(t, () => newcomer.call('buddies', 'leaveGroup', { groupId: 'ig-choir' })),
        403,
        'AUTH.NOT_VERIFIED',
      )
    })

    test('when a verified resident who has not signed up joins, then BUDDY.NOT_SIGNED_UP and nothing changes', async () => {
      const resident = await verifiedResident(t, admin, fresh(), 'hsgef-3', room('hsgef-3'))
      expectError(
        await expectUnchanged(t, () => resident.client.call('buddies', 'joinGroup', { groupId: 'ig-reading' })),
        403,
        'BUDDY.NOT_SIGNED_UP',
      )
    })

    test('when a buddy joins a building group or a group that does not exist, then NOT_FOUND and nothing changes', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'hsgef-3', room('hsgef-3'))
      for (const groupId of ['bg-hsgef-4', 'ig-nothing']) {
        expectError(
          await expectUnchanged(t, () => buddy.client.call('buddies', 'joinGroup', { groupId })),
          404,
          'NOT_FOUND',
        )
        expectError(await buddy.client.call('buddies', 'getGroup', { groupId }), 404, 'NOT_FOUND')
      }
    })
  })

  describe('seeing a group', () => {
    test('when anyone opens a group, then they see its organisers; only members and the committee see who else is in it', async () => {
      const outsider = await t.login('demo-resident-11')
      const group = await outsider.ok('buddies', 'getGroup', { groupId: 'ig-reading' })
      expect(group.organisers).toHaveLength(1)
      expect(group.organisers[0]).toMatchObject({ role: 'organiser' })
      expect(group).not.toHaveProperty('members')
      expect(group.canManage).toBe(false)
      const asCommittee = await admin.ok('buddies', 'getGroup', { groupId: 'ig-reading' })
      expect(asCommittee.members).toHaveLength(asCommittee.memberCount)
      expect(asCommittee.canManage).toBe(true)
    })

    test('when the group page is read, then it never carries rooms or buildings of its members', async () => {
      const group = await admin.ok('buddies', 'getGroup', { groupId: 'ig-fitness' })
      expect(Object.keys(group.members[0]).sort()).toEqual(['nickname', 'role', 'userId'])
    })
  })

  describe('creating groups', () => {
    test('when the committee creates a group, then it is an interest group in the directory with no members yet', async () => {
      const created = await admin.ok('buddies', 'createGroup', {
        name: '电影沙龙',
        description: '每月放一部老电影，看完聊一聊。',
        interests: ['电影', '时政'],
      })
      expect(created).toMatchObject({
        name: '电影沙龙',
        interests: ['电影', '时政'],
        memberCount: 0,
        organisers: [],
        members: [],
        canManage: true,
      })
      expect(await store().get('groups', created.groupId)).toMatchObject({
        kind: 'interest',
        buildingId: null,
        createdBy: await userIdOf(admin),
      })
      const resident = await t.login('demo-resident-5')
      expect((await resident.ok('buddies', 'listGroups')).groups.map((g: Summary) => g.name)).toContain('电影沙龙')
    })

    test('when a group of the same name exists, then CONFLICT and nothing changes', async () => {
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'createGroup', { name: '读书会', description: '又一个', interests: ['读书'] }),
        ),
        409,
        'CONFLICT',
      )
    })

    test('when the name or description fails the content check, then CONTENT.REJECTED and nothing changes', async () => {
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'createGroup', { name: '六合彩小组', description: '…', interests: ['棋牌'] }),
        ),
        400,
        'CONTENT.REJECTED',
      )
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'createGroup', { name: '棋友会', description: '一起聊博彩', interests: ['棋牌'] }),
        ),
        400,
        'CONTENT.REJECTED',
      )
    })
  })

  describe('proposals', () => {
    test('when a buddy proposes a group and the committee approves, then the group exists and the proposer organises it', async () => {
      const openid = fresh()
      const buddy = await newBuddy(t, admin, openid, 'mc-2', room('mc-2'), { nickname: '小钱' })
      const proposal = await buddy.client.ok('buddies', 'proposeGroup', {
        name: '手工坊',
        description: '编织、剪纸、做香囊。',
        interests: ['手工'],
      })
      expect(proposal).toMatchObject({
        name: '手工坊',
        status: 'pending',
        proposerId: buddy.userId,
        proposerName: '小钱',
      })
      expect((await notificationsOf(admin))[0]).toMatchObject({ kind: 'buddyProposal', title: '新的兴趣小组申请' })
      // Not a group until approved.
      expect((await buddy.client.ok('buddies', 'listGroups')).groups.map((g: Summary) => g.name)).not.toContain(
        '手工坊',
      )

      const reviewed = await admin.ok('buddies', 'reviewProposal', {
        proposalId: proposal.proposalId,
        decision: 'approve',
      })
      expect(reviewed).toMatchObject({ status: 'approved', groupId: `ig-${proposal.proposalId}` })
      const group = await buddy.client.ok('buddies', 'getGroup', { groupId: reviewed.groupId })
      expect(group).toMatchObject({
        name: '手工坊',
        memberCount: 1,
        myRole: 'organiser',
        organisers: [{ userId: buddy.userId, nickname: '小钱', role: 'organiser' }],
      })
      // An organiser moderates the group's chat (and, with events, publishes its events).
      expect(await accessOf(openid, reviewed.groupId)).toMatchObject({ standing: 'moderator' })
      expect((await notificationsOf(buddy.client))[0]).toMatchObject({
        kind: 'buddyProposal',
        title: '兴趣小组申请已通过',
      })
    })

    test('when the committee rejects a proposal, then no group is made and the proposer hears why', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'mc-2', room('mc-2'))
      const proposal = await buddy.client.ok('buddies', 'proposeGroup', {
        name: '夜跑团',
        description: '晚上绕小区跑步',
        interests: ['运动'],
      })
      const groupsBefore = await store().count('groups', {})
      const reviewed = await admin.ok('buddies', 'reviewProposal', {
        proposalId: proposal.proposalId,
        decision: 'reject',
        reason: '和健身拳操合并吧',
      })
      expect(reviewed).toMatchObject({ status: 'rejected', reason: '和健身拳操合并吧' })
      expect(reviewed).not.toHaveProperty('groupId')
      expect(await store().count('groups', {})).toBe(groupsBefore)
      expect(firstOf(await notificationsOf(buddy.client)).body).toContain('和健身拳操合并吧')
    })

    test('when a proposal is reviewed twice, then BUDDY.ALREADY_REVIEWED and nothing changes', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'mc-2', room('mc-2'))
      const proposal = await buddy.client.ok('buddies', 'proposeGroup', {
        name: '象棋角',
        description: '楼下下象棋',
        interests: ['棋牌'],
      })
      await admin.ok('buddies', 'reviewProposal', { proposalId: proposal.proposalId, decision: 'approve' })
      for (const decision of ['approve', 'reject']) {
        expectError(
          await expectUnchanged(t, () =>
            admin.call('buddies', 'reviewProposal', { proposalId: proposal.proposalId, decision }),
          ),
          409,
          'BUDDY.ALREADY_REVIEWED',
        )
      }
    })

    test('when the proposer has withdrawn before approval, then the pending proposal went with them', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'mc-2', room('mc-2'))
      const proposal = await buddy.client.ok('buddies', 'proposeGroup', {
        name: '烘焙社',
        description: '周末一起烤面包',
        interests: ['烹饪'],
      })
      await buddy.client.ok('buddies', 'withdraw', { confirm: true })
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'reviewProposal', { proposalId: proposal.proposalId, decision: 'approve' }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test('when a proposal names an existing group, then CONFLICT and nothing changes', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'mc-2', room('mc-2'))
      expectError(
        await expectUnchanged(t, () =>
          buddy.client.call('buddies', 'proposeGroup', {
            name: '合唱团',
            description: '再来一个',
            interests: ['合唱'],
          }),
        ),
        409,
        'CONFLICT',
      )
    })

    test('when proposals are listed, then the committee sees all, pending first, and a buddy sees only their own', async () => {
      const mine = await newBuddy(t, admin, fresh(), 'mc-4', room('mc-4'))
      const other = await newBuddy(t, admin, fresh(), 'mc-4', room('mc-4'))
      const a = await mine.client.ok('buddies', 'proposeGroup', {
        name: '英语角',
        description: '周末说英语',
        interests: ['读书'],
      })
      const b = await other.client.ok('buddies', 'proposeGroup', {
        name: '围棋社',
        description: '黑白之间',
        interests: ['棋牌'],
      })
      const own = (await mine.client.ok('buddies', 'listProposals', {})).proposals
      expect(own.map((p: { proposalId: string }) => p.proposalId)).toEqual([a.proposalId])
      const all = (await admin.ok('buddies', 'listProposals', { status: 'pending' })).proposals.map(
        (p: { proposalId: string }) => p.proposalId,
      )
      expect(all).toEqual(expect.arrayContaining([a.proposalId, b.proposalId, 'gp-seed-boardgames']))
      const everything = (await admin.ok('buddies', 'listProposals', {})).proposals as Array<{ status: string }>
      const firstDecided = everything.findIndex((p) => p.status !== 'pending')
      expect(everything.slice(firstDecided).every((p) => p.status !== 'pending')).toBe(true)
    })

    test('when someone who has not signed up proposes, then BUDDY.NOT_SIGNED_UP and nothing changes', async () => {
      const resident = await verifiedResident(t, admin, fresh(), 'mc-4', room('mc-4'))
      expectError(
        await expectUnchanged(t, () =>
          resident.client.call('buddies', 'proposeGroup', { name: '新小组', description: '…', interests: ['读书'] }),
        ),
        403,
        'BUDDY.NOT_SIGNED_UP',
      )
    })
  })

  describe('organisers', () => {
    test('when the committee makes a member organiser and stands them down, then their role and chat standing follow', async () => {
      const openid = fresh()
      const buddy = await newBuddy(t, admin, openid, 'mc-5', room('mc-5'))
      await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-family' })
      const promoted = await admin.ok('buddies', 'setOrganiser', {
        groupId: 'ig-family',
        userId: buddy.userId,
        organiser: true,
      })
      expect(promoted.organisers.map((o: { userId: string }) => o.userId)).toContain(buddy.userId)
      expect(await accessOf(openid, 'ig-family')).toMatchObject({ standing: 'moderator' })
      expect((await notificationsOf(buddy.client))[0]).toMatchObject({
        kind: 'buddyGroup',
        title: '您成为了兴趣小组的组织者',
      })

      const demoted = await admin.ok('buddies', 'setOrganiser', {
        groupId: 'ig-family',
        userId: buddy.userId,
        organiser: false,
      })
      expect(demoted.organisers.map((o: { userId: string }) => o.userId)).not.toContain(buddy.userId)
      expect(demoted.members).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: buddy.userId, role: 'member' })]),
      )
      expect(await accessOf(openid, 'ig-family')).toMatchObject({ standing: 'member' })
    })

    test('when the committee makes a buddy who is not in the group organiser, then they join it as organiser', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'mc-5', room('mc-5'))
      const result = await admin.ok('buddies', 'setOrganiser', {
        groupId: 'ig-volunteer',
        userId: buddy.userId,
        organiser: true,
      })
      expect(result.members).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: buddy.userId, role: 'organiser' })]),
      )
      // Again: nothing more to do, no second notification.
      await expectUnchanged(t, () =>
        admin.ok('buddies', 'setOrganiser', { groupId: 'ig-volunteer', userId: buddy.userId, organiser: true }),
      )
    })

    test('when the person is not a buddy, or not in the group, then NOT_FOUND and nothing changes', async () => {
      const resident = await verifiedResident(t, admin, fresh(), 'mc-5', room('mc-5'))
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'setOrganiser', { groupId: 'ig-volunteer', userId: resident.userId, organiser: true }),
        ),
        404,
        'NOT_FOUND',
      )
      const buddy = await newBuddy(t, admin, fresh(), 'mc-5', room('mc-5'))
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'setOrganiser', { groupId: 'ig-volunteer', userId: buddy.userId, organiser: false }),
        ),
        404,
        'NOT_FOUND',
      )
      expectError(
        await expectUnchanged(t, () =>
          admin.call('buddies', 'setOrganiser', { groupId: 'bg-mc-5', userId: buddy.userId, organiser: true }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test('when an organiser (not the committee) tries to name another organiser, then AUTH.FORBIDDEN', async () => {
      const organiser = await newBuddy(t, admin, fresh(), 'mc-6', room('mc-6'))
      await admin.ok('buddies', 'setOrganiser', { groupId: 'ig-choir', userId: organiser.userId, organiser: true })
      const other = await newBuddy(t, admin, fresh(), 'mc-6', room('mc-6'), profileInput())
      expectError(
        await expectUnchanged(t, () =>
          organiser.client.call('buddies', 'setOrganiser', {
            groupId: 'ig-choir',
            userId: other.userId,
            organiser: true,
          }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
    })
  })
})
