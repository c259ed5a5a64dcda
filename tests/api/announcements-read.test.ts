import { DELETED_USER_NAME } from '../../cloudfunctions/core/account/account.docs'
import type { AnnouncementSummary } from '../../contracts'
import {
  errorOf,
  expectError,
  expectUnchanged,
  openidFactory,
  pendingApplicant,
  verifiedResident,
} from '../support/api-expect'
import { feed, freshLeader, notice, onlyOurs, publish, reachOf } from '../support/announcements'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf } from '../support/lists'

const HOUR = 3600_000

describe('announcements: reading, reach and personal data', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('ann-read')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  /** Publish with the clock moved on a little, so publication order is unambiguous. */
  async function publishLater(client: ApiClient, data: Record<string, unknown>) {
    clock.advance(1000)
    return publish(client, data)
  }
  const open = (client: ApiClient, announcementId: string) => client.ok('announcements', 'get', { announcementId })

  describe('list', () => {
    test('when a building has pinned and ordinary notices, then pinned ones come first, each group newest first', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-1')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-1', '101')
      const older = await publishLater(leader.client, notice('jsh-1', { title: '较早的通知' }))
      const pinnedOld = await publishLater(leader.client, notice('jsh-1', { title: '置顶一', pinned: true }))
      const newer = await publishLater(leader.client, notice('jsh-1', { title: '较新的通知' }))
      const pinnedNew = await publishLater(leader.client, notice('jsh-1', { title: '置顶二', pinned: true }))
      const ours = [older, pinnedOld, newer, pinnedNew].map((a) => a.announcementId)

      const items = await feed(resident.client)
      expect(onlyOurs(items, ours)).toEqual([pinnedNew, pinnedOld, newer, older].map((a) => a.announcementId))
      // Every pinned notice of the feed comes before every ordinary one.
      const firstOrdinary = items.findIndex((i) => !i.pinned)
      expect(items.slice(firstOrdinary).some((i) => i.pinned)).toBe(false)
    })

    test('when an urgent notice is unread, then it is above even pinned ones, and after reading it drops back to its place', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-2')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-2', '101')
      const urgent = await publishLater(leader.client, notice('jsh-2', { title: '今晚停水', urgent: true }))
      const pinned = await publishLater(leader.client, notice('jsh-2', { title: '置顶', pinned: true }))
      const ordinary = await publishLater(leader.client, notice('jsh-2', { title: '普通' }))
      const ours = [urgent, pinned, ordinary].map((a) => a.announcementId)

      const before = await resident.client.ok('announcements', 'list', {})
      expect(before.items[0]).toMatchObject({ announcementId: urgent.announcementId, urgent: true, read: false })
      expect(onlyOurs(before.items, ours)).toEqual([urgent, pinned, ordinary].map((a) => a.announcementId))

      await open(resident.client, urgent.announcementId)
      const after = await resident.client.ok('announcements', 'list', {})
      expect(onlyOurs(after.items, ours)).toEqual([pinned, ordinary, urgent].map((a) => a.announcementId))
      expect(after.items.find((i: AnnouncementSummary) => i.announcementId === urgent.announcementId)).toMatchObject({
        read: true,
      })
      // Someone who has not read it still has it on top.
      const other = await verifiedResident(t, admin, fresh(), 'jsh-2', '102')
      expect((await other.client.ok('announcements', 'list', {})).items[0].announcementId).toBe(urgent.announcementId)
    })

    test('when a notice expires (TestClock), then it leaves the feed, residents cannot open it, and its manager still can', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-4')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-4', '101')
      const expiring = await publishLater(
        leader.client,
        notice('jsh-4', { title: '明早停电', expiresAt: clock.now() + 2 * HOUR, pinned: true }),
      )
      expect(onlyOurs(await feed(resident.client), [expiring.announcementId])).toEqual([expiring.announcementId])

      clock.advance(2 * HOUR)
      expect(onlyOurs(await feed(resident.client), [expiring.announcementId])).toEqual([])
      expectError(
        await expectUnchanged(t, () =>
          resident.client.call('announcements', 'get', { announcementId: expiring.announcementId }),
        ),
        404,
        'NOT_FOUND',
      )

      expect(await open(leader.client, expiring.announcementId)).toMatchObject({ expired: true })
      const managed = await feed(leader.client, { buildingId: 'jsh-4', includeExpired: true })
      expect(managed.find((i) => i.announcementId === expiring.announcementId)).toMatchObject({ expired: true })
      expect(onlyOurs(await feed(leader.client), [expiring.announcementId])).toEqual([])
    })

    test('when a resident of another building lists or opens a building notice, then they neither see it nor learn it exists', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-7')
      const outsider = await verifiedResident(t, admin, fresh(), 'jsh-8', '102')
      const published = await publishLater(leader.client, notice('jsh-7'))

      expect(onlyOurs(await feed(outsider.client), [published.announcementId])).toEqual([])
      expectError(
        await expectUnchanged(t, () => outsider.client.call('announcements', 'list', { buildingId: 'jsh-7' })),
        403,
        'AUTH.FORBIDDEN',
      )
      const onReal = errorOf(
        await expectUnchanged(t, () =>
          outsider.client.call('announcements', 'get', { announcementId: published.announcementId }),
        ),
      )
      const onUnknown = errorOf(
        await outsider.client.call('announcements', 'get', { announcementId: 'a_doesnotexist' }),
      )
      expect(onReal.code).toBe('NOT_FOUND')
      expect(onReal).toEqual(onUnknown)
      expect(await store().count('announcement_reads', { announcementId: published.announcementId })).toBe(0)
    })

    test('when the committee publishes neighbourhood-wide, then residents of every building see it, and a building list shows it too', async () => {
      const a = await verifiedResident(t, admin, fresh(), 'hsgef-7', '101')
      const b = await verifiedResident(t, admin, fresh(), 'mc-4', '101')
      const published = await publishLater(admin, {
        audience: 'neighbourhood',
        title: '居委会办公时间调整',
        body: '周六上午有人值班。',
      })
      for (const client of [a.client, b.client])
        expect(onlyOurs(await feed(client), [published.announcementId])).toEqual([published.announcementId])
      expect(onlyOurs(await feed(a.client, { buildingId: 'hsgef-7' }), [published.announcementId])).toEqual([
        published.announcementId,
      ])
    })

    test('when a leader lists a building they lead but do not live in, then they see its notices; the committee may list any building', async () => {
      const author = await freshLeader(t, admin, fresh(), 'hsgef-8')
      const published = await publishLater(author.client, notice('hsgef-8'))
      const coLeader = await freshLeader(t, admin, fresh(), 'hsgef-8')
      expect(onlyOurs(await feed(coLeader.client), [published.announcementId])).toEqual([published.announcementId])
      expect(onlyOurs(await feed(admin, { buildingId: 'hsgef-8' }), [published.announcementId])).toEqual([
        published.announcementId,
      ])
      // The committee's own feed is the neighbourhood's (and their building's), not every building's.
      expect(onlyOurs(await feed(admin), [published.announcementId])).toEqual([])
    })

    test('when the feed is paged, then every notice appears exactly once, in order', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'mc-5')
      const resident = await verifiedResident(t, admin, fresh(), 'mc-5', '101')
      const ours: string[] = []
      for (let i = 0; i < 5; i++)
        ours.push((await publishLater(leader.client, notice('mc-5', { title: `第 ${i + 1} 条` }))).announcementId)
      const seen: string[] = []
      let before: string | undefined
      let pages = 0
      do {
        const page = await resident.client.ok('announcements', 'list', before ? { limit: 2, before } : { limit: 2 })
        seen.push(...page.items.map((i: AnnouncementSummary) => i.announcementId))
        before = page.nextBefore
        pages++
      } while (before)
      expect(pages).toBeGreaterThan(2)
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen.filter((id) => ours.includes(id))).toEqual([...ours].reverse())
    })

    test('when a resident opens a notice, then the unread count drops by one', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'mc-6')
      const resident = await verifiedResident(t, admin, fresh(), 'mc-6', '101')
      const published = await publishLater(leader.client, notice('mc-6'))
      const before = (await resident.client.ok('announcements', 'list', {})).unread
      expect(before).toBeGreaterThan(0)
      await open(resident.client, published.announcementId)
      expect((await resident.client.ok('announcements', 'list', {})).unread).toBe(before - 1)
    })

    test('when someone who is not a verified resident, leader or committee lists, then AUTH.NOT_VERIFIED', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '304')
      expectError(await applicant.client.call('announcements', 'list', {}), 403, 'AUTH.NOT_VERIFIED')
      expectError(await (await t.login('demo-newcomer')).call('announcements', 'list', {}), 403, 'AUTH.NOT_VERIFIED')
    })

    test('when a resident asks for expired notices, then AUTH.FORBIDDEN; without a building, INPUT.INVALID on buildingId', async () => {
      const resident = await t.login('demo-resident-5')
      expectError(
        await resident.call('announcements', 'list', { buildingId: 'jsh-5', includeExpired: true }),
        403,
        'AUTH.FORBIDDEN',
      )
      expectError(
        await (await t.login('demo-leader-5')).call('announcements', 'list', { includeExpired: true }),
        400,
        'INPUT.INVALID',
        'buildingId',
      )
    })

    test.each([
      ['a limit over 50', { limit: 51 }, 'limit'],
      ['a limit of 0', { limit: 0 }, 'limit'],
      ['a cursor that is not an id', { before: 'a b' }, 'before'],
      ['includeExpired as a string', { includeExpired: 'yes' }, 'includeExpired'],
      ['a malformed building', { buildingId: '' }, 'buildingId'],
      ['an unknown field', { unreadOnly: true }, 'unreadOnly'],
    ])('when list is given %s, then INPUT.INVALID names the field', async (_what, data, field) => {
      const resident = await t.login('demo-resident-5')
      expectError(
        await expectUnchanged(t, () => resident.call('announcements', 'list', data)),
        400,
        'INPUT.INVALID',
        field,
      )
    })
  })

  describe('get', () => {
    test('when residents open a notice, then it is read for them once each, its notification is read, and the count says so', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-9')
      const first = await verifiedResident(t, admin, fresh(), 'hsgef-9', '101')
      const second = await verifiedResident(t, admin, fresh(), 'hsgef-9', '102')
      const published = await publishLater(leader.client, notice('hsgef-9'))
      const unreadBefore = (await first.client.ok('notifications', 'unreadCount')).unread

      clock.advance(5000)
      const opened = await open(first.client, published.announcementId)
      expect(opened).toMatchObject({
        announcementId: published.announcementId,
        read: true,
        readCount: 1,
        mine: false,
        canManage: false,
        canSeeReach: false,
      })
      expect(opened.body).toBe(published.body)
      expect(await store().get('announcement_reads', `${published.announcementId}:${first.userId}`)).toEqual({
        _id: `${published.announcementId}:${first.userId}`,
        announcementId: published.announcementId,
        userId: first.userId,
        householdId: 'hsgef-9~101',
        buildingId: 'hsgef-9',
        readAt: clock.now(),
      })
      expect((await first.client.ok('notifications', 'unreadCount')).unread).toBe(unreadBefore - 1)

      // Opening again changes nothing; the first reading stands.
      clock.advance(5000)
      expect(await expectUnchanged(t, () => open(first.client, published.announcementId))).toMatchObject({
        readCount: 1,
      })
      expect((await open(second.client, published.announcementId)).readCount).toBe(2)
      // The author opening their own notice is not a reading.
      expect((await open(leader.client, published.announcementId)).readCount).toBe(2)
    })

    test('when a pending applicant opens a notice of the building they applied to, then NOT_FOUND', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-10')
      const published = await publishLater(leader.client, notice('hsgef-10'))
      const applicant = await pendingApplicant(t, fresh(), 'hsgef-10', '201')
      expectError(
        await expectUnchanged(t, () =>
          applicant.client.call('announcements', 'get', { announcementId: published.announcementId }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test.each([
      ['no id', {}, 'announcementId'],
      ['a malformed id', { announcementId: '../etc' }, 'announcementId'],
      ['an unknown field', { announcementId: 'a_x', markRead: false }, 'markRead'],
    ])('when get is given %s, then INPUT.INVALID names the field and nothing changes', async (_what, data, field) => {
      const resident = await t.login('demo-resident-5')
      expectError(
        await expectUnchanged(t, () => resident.call('announcements', 'get', data)),
        400,
        'INPUT.INVALID',
        field,
      )
    })
  })

  describe('reach', () => {
    test('when residents read a building notice, then households read go 0 → 1 → 2, a second person of the same household does not count twice, and read rooms leave the door-knock list', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-10')
      const published = await publishLater(leader.client, notice('jsh-10'))
      const wife = await verifiedResident(t, admin, fresh(), 'jsh-10', '302')
      const husband = await verifiedResident(t, admin, fresh(), 'jsh-10', '302')
      const upstairs = await verifiedResident(t, admin, fresh(), 'jsh-10', '402')

      const start = await reachOf(leader.client, published.announcementId)
      expect(start).toMatchObject({
        announcementId: published.announcementId,
        audienceName: '金上海家园 10号楼',
        households: 36,
        householdsRead: 0,
        scope: 'all',
      })
      expect(start.buildings).toHaveLength(1)
      expect(at(start.buildings, 0).unreadRooms).toHaveLength(36)
      expect(at(start.buildings, 0).unreadRooms.slice(0, 7)).toEqual(['101', '102', '103', '104', '105', '106', '201'])

      await open(wife.client, published.announcementId)
      const one = await reachOf(leader.client, published.announcementId)
      expect(one.householdsRead).toBe(1)
      expect(at(one.buildings, 0).unreadRooms).not.toContain('302')
      expect(at(one.buildings, 0).unreadRooms).toHaveLength(35)

      await open(husband.client, published.announcementId)
      expect((await reachOf(leader.client, published.announcementId)).householdsRead).toBe(1)

      await open(upstairs.client, published.announcementId)
      const two = await reachOf(leader.client, published.announcementId)
      expect(two.householdsRead).toBe(2)
      expect(at(two.buildings, 0).unreadRooms).not.toContain('402')
    })

    test('when some rooms have registered residents who have not read it and others have nobody registered, then the door-knock list tells the two apart', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-13')
      const published = await publishLater(leader.client, notice('jsh-13'))
      await verifiedResident(t, admin, fresh(), 'jsh-13', '203')
      const reader = await verifiedResident(t, admin, fresh(), 'jsh-13', '204')
      await open(reader.client, published.announcementId)

      const building = firstOf((await reachOf(leader.client, published.announcementId)).buildings)
      expect(building.unreadRooms).toContain('203')
      expect(building.unreadRooms).not.toContain('204')
      expect(building.unregisteredRooms).not.toContain('203')
      expect(building.unregisteredRooms).toContain('101')
      expect(building.unregisteredRooms.every((room) => building.unreadRooms.includes(room))).toBe(true)
      expect(building.unreadRooms.length - building.unregisteredRooms.length).toBeGreaterThanOrEqual(1)
    })

    test('when someone outside the building reads it (the committee), then no household of the building is counted for it', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-11')
      const published = await publishLater(leader.client, notice('jsh-11'))
      const staff = await verifiedResident(t, admin, fresh(), 'jsh-12', '101')
      await admin.ok('account', 'assignRole', { userId: staff.userId, role: 'admin' })
      await open(staff.client, published.announcementId)
      expect((await reachOf(leader.client, published.announcementId)).householdsRead).toBe(0)
    })

    test('when another leader of the building or the committee asks, then they see the reach; the author who no longer leads does not', async () => {
      const author = await freshLeader(t, admin, fresh(), 'jsh-13')
      const published = await publishLater(author.client, notice('jsh-13'))
      const coLeader = await freshLeader(t, admin, fresh(), 'jsh-13')
      expect((await reachOf(coLeader.client, published.announcementId)).households).toBe(36)
      expect((await reachOf(admin, published.announcementId)).households).toBe(36)
      await admin.ok('account', 'revokeRole', { userId: author.userId, role: 'leader', buildingId: 'jsh-13' })
      // Which rooms have not read it is the building's leaders' business, not a former leader's.
      expectError(
        await expectUnchanged(t, () =>
          author.client.call('announcements', 'reach', { announcementId: published.announcementId }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when an ordinary resident asks for the reach, then AUTH.FORBIDDEN, the same as for an id that does not exist, and nothing changes', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-14')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-14', '101')
      const published = await publishLater(leader.client, notice('jsh-14'))
      const onReal = await expectUnchanged(t, () =>
        resident.client.call('announcements', 'reach', { announcementId: published.announcementId }),
      )
      const onUnknown = await expectUnchanged(t, () =>
        resident.client.call('announcements', 'reach', { announcementId: 'a_doesnotexist' }),
      )
      expectError(onReal, 403, 'AUTH.FORBIDDEN')
      expect(onReal).toEqual(onUnknown)
      expect(JSON.stringify(onReal.body)).not.toMatch(/101|households|unreadRooms/)
    })

    test.each([
      ['the leader of another building', 'demo-leader-5'],
      ['the health columnist', 'demo-doctor'],
      ['a newcomer', 'demo-newcomer'],
    ])(
      'when %s asks for the reach of a building notice, then AUTH.FORBIDDEN and nothing changes',
      async (_who, openid) => {
        const leader = await freshLeader(t, admin, fresh(), 'jsh-15')
        const published = await publishLater(leader.client, notice('jsh-15'))
        const client = await t.login(openid)
        expectError(
          await expectUnchanged(t, () =>
            client.call('announcements', 'reach', { announcementId: published.announcementId }),
          ),
          403,
          'AUTH.FORBIDDEN',
        )
      },
    )

    test('when a neighbourhood-wide notice is read, then the committee sees all 35 buildings and a leader only their own part', async () => {
      const published = await publishLater(admin, {
        audience: 'neighbourhood',
        title: '消防演练',
        body: '请每户至少一人参加。',
      })
      const reader = await verifiedResident(t, admin, fresh(), 'mc-2', '203')
      await open(reader.client, published.announcementId)

      const all = await reachOf(admin, published.announcementId)
      expect(all).toMatchObject({ audience: 'neighbourhood', audienceName: '全居民区', households: 1101, scope: 'all' })
      expect(all.buildings).toHaveLength(35)
      expect(all.buildings.map((b) => b.buildingId).slice(0, 3)).toEqual(['jsh-1', 'jsh-2', 'jsh-3'])
      const mc2 = all.buildings.find((b) => b.buildingId === 'mc-2')
      expect(mc2).toMatchObject({ buildingName: '梅村 2号楼', households: 20 })
      expect(mc2?.householdsRead).toBeGreaterThanOrEqual(1)
      expect(mc2?.unreadRooms).not.toContain('203')
      expect(all.householdsRead).toBe(all.buildings.reduce((n, b) => n + b.householdsRead, 0))

      const leader = await freshLeader(t, admin, fresh(), 'mc-2')
      const part = await reachOf(leader.client, published.announcementId)
      expect(part).toMatchObject({ scope: 'part', households: 20 })
      expect(part.buildings.map((b) => b.buildingId)).toEqual(['mc-2'])
      expect(part.buildings[0]).toEqual(mc2)
    })

    test('when a resident reads and then moves to another building, then the household they read for still counts (reads are kept as they were)', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-16')
      const published = await publishLater(leader.client, notice('jsh-16'))
      const mover = await verifiedResident(t, admin, fresh(), 'jsh-16', '505')
      await open(mover.client, published.announcementId)
      const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-17' })
      await mover.client.ok('account', 'applyToBuilding', {
        buildingId: 'jsh-17',
        room: '505',
        joinCode: poster.joinCode,
      })
      expect(firstOf((await reachOf(leader.client, published.announcementId)).buildings).unreadRooms).not.toContain(
        '505',
      )
      // …but they can no longer open their old building's notices.
      expectError(
        await mover.client.call('announcements', 'get', { announcementId: published.announcementId }),
        404,
        'NOT_FOUND',
      )
    })

    test.each([
      ['no id', {}, 'announcementId'],
      ['a malformed id', { announcementId: 'a x' }, 'announcementId'],
      ['an unknown field', { announcementId: 'a_x', buildingId: 'jsh-5' }, 'buildingId'],
    ])('when reach is given %s, then INPUT.INVALID names the field', async (_what, data, field) => {
      expectError(
        await expectUnchanged(t, () => admin.call('announcements', 'reach', data)),
        400,
        'INPUT.INVALID',
        field,
      )
    })
  })

  test.each([
    ['list', {}],
    ['get', { announcementId: 'a_x' }],
    ['reach', { announcementId: 'a_x' }],
  ])('when %s is called without a token, then AUTH.UNAUTHENTICATED and nothing changes', async (action, data) => {
    expectError(
      await expectUnchanged(t, () => t.anonymous.call('announcements', action, data)),
      401,
      'AUTH.UNAUTHENTICATED',
    )
  })

  describe('personal data', () => {
    test('when a leader exports, then what they published and what they read are in it, and nobody else’s reading', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-3')
      const published = await publishLater(leader.client, notice('hsgef-3', { title: '我发的通知' }))
      const other = await publishLater(admin, { audience: 'neighbourhood', title: '居委会通知', body: '内容' })
      await open(leader.client, other.announcementId)
      const neighbour = await verifiedResident(t, admin, fresh(), 'hsgef-3', '201')
      await open(neighbour.client, published.announcementId)

      const exported = await leader.client.ok('account', 'exportMyData')
      expect(exported.data.announcements.published).toEqual([
        expect.objectContaining({
          _id: published.announcementId,
          title: '我发的通知',
          audienceKey: 'hsgef-3',
          status: 'published',
        }),
      ])
      expect(exported.data.announcement_reads.read).toEqual([
        expect.objectContaining({ announcementId: other.announcementId, announcement: { title: '居委会通知' } }),
      ])
      expect(JSON.stringify(exported.data)).not.toContain(neighbour.userId)
    })

    test('when a resident deletes their account, then their readings are erased (their household drops back onto the door-knock list) and notices they wrote stay, signed 已注销用户', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-4')
      const resident = await verifiedResident(t, admin, fresh(), 'hsgef-4', '301')
      await admin.ok('account', 'assignRole', { userId: resident.userId, role: 'leader', buildingId: 'hsgef-4' })
      const theirs = await publishLater(resident.client, notice('hsgef-4', { title: '我写的通知' }))
      const published = await publishLater(leader.client, notice('hsgef-4'))
      await open(resident.client, published.announcementId)
      expect(firstOf((await reachOf(leader.client, published.announcementId)).buildings).unreadRooms).not.toContain(
        '301',
      )

      await resident.client.ok('account', 'deleteMe', { confirm: true })

      expect(await store().count('announcement_reads', { userId: resident.userId })).toBe(0)
      expect(firstOf((await reachOf(leader.client, published.announcementId)).buildings).unreadRooms).toContain('301')
      const neighbour = await verifiedResident(t, admin, fresh(), 'hsgef-4', '302')
      expect(await open(neighbour.client, theirs.announcementId)).toMatchObject({
        title: '我写的通知',
        authorName: DELETED_USER_NAME,
      })
      expect(JSON.stringify(await open(neighbour.client, theirs.announcementId))).not.toContain(resident.userId)
    })
  })

  test('when a neighbourhood-wide notice goes out, then a leader who also lives in their building is notified once, not twice', async () => {
    const published = await publishLater(admin, { audience: 'neighbourhood', title: '一次一条', body: '内容' })
    const leader5 = await t.login('demo-leader-5')
    const { items } = await leader5.ok('notifications', 'list', { limit: 50 })
    expect(items.filter((n: { link?: string }) => n.link?.endsWith(published.announcementId))).toHaveLength(1)
  })
})
