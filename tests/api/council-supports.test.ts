import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { TestClock } from '../support/clock'
import { expectError, expectUnchanged, verifiedResident } from '../support/api-expect'
import { openVote, raiseMatter } from '../support/council'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

interface Listed {
  matterId: string
  supportCount: number
  supportedByMyHousehold: boolean
}

describe('council: +1 (附议) on a matter, once per household', () => {
  const clock = new TestClock()
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let wang: ApiClient
  let otherResident: ApiClient

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    otherResident = await t.login('demo-resident-11')
  })
  afterAll(() => t.close())

  const listed = async (client: ApiClient, matterId: string): Promise<Listed> =>
    (await client.ok('council', 'overview', { buildingId: 'jsh-5' })).matters.find(
      (m: Listed) => m.matterId === matterId,
    ) as Listed

  test('when residents of two households say +1, then the matter counts two and each household sees its own', async () => {
    const matterId = await raiseMatter(wang, '大堂放一个共享书架')
    expect(await listed(leader, matterId)).toMatchObject({ supportCount: 0, supportedByMyHousehold: false })
    expect(await wang.ok('council', 'supportMatter', { matterId })).toEqual({ matterId, supportCount: 1 })
    expect(await leader.ok('council', 'supportMatter', { matterId })).toEqual({ matterId, supportCount: 2 })
    expect(await listed(wang, matterId)).toMatchObject({ supportCount: 2, supportedByMyHousehold: true })
    expect(await listed(admin, matterId)).toMatchObject({ supportCount: 2, supportedByMyHousehold: false })
  })

  test('when a second member of the same household says +1, then it is refused and the count stays', async () => {
    const matterId = await raiseMatter(wang, '楼道装感应灯')
    const husband = await verifiedResident(t, admin, 't-support-husband', 'jsh-5', '502')
    await wang.ok('council', 'supportMatter', { matterId })
    expect(await listed(husband.client, matterId)).toMatchObject({ supportCount: 1, supportedByMyHousehold: true })
    await expectUnchanged(t, async () => {
      expectError(await husband.client.call('council', 'supportMatter', { matterId }), 409, 'COUNCIL.ALREADY_SUPPORTED')
      expectError(await wang.call('council', 'supportMatter', { matterId }), 409, 'COUNCIL.ALREADY_SUPPORTED')
    })
    expect((await listed(wang, matterId)).supportCount).toBe(1)
  })

  test('when two members of one household say +1 at the same moment, then exactly one counts', async () => {
    const matterId = await raiseMatter(wang, '电梯里贴防诈骗提示')
    const daughter = await verifiedResident(t, admin, 't-support-daughter', 'jsh-5', '502')
    const replies = await Promise.all([
      wang.call('council', 'supportMatter', { matterId }),
      daughter.client.call('council', 'supportMatter', { matterId }),
    ])
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
    expect((await listed(leader, matterId)).supportCount).toBe(1)
  })

  test('when someone outside the building, unverified or the committee says +1, then it is refused and nothing changes', async () => {
    const matterId = await raiseMatter(wang, '垃圾分类时间调整')
    const newcomer = await t.login('demo-newcomer')
    await expectUnchanged(t, async () => {
      expectError(await otherResident.call('council', 'supportMatter', { matterId }), 404, 'NOT_FOUND')
      expectError(await newcomer.call('council', 'supportMatter', { matterId }), 403, 'AUTH.NOT_VERIFIED')
      expectError(await admin.call('council', 'supportMatter', { matterId }), 403, 'AUTH.NOT_VERIFIED')
      expectError(await wang.call('council', 'supportMatter', { matterId: 'no-such-matter' }), 404, 'NOT_FOUND')
      expectError(await wang.call('council', 'supportMatter', { matterId: '' }), 400, 'INPUT.INVALID', 'matterId')
    })
    expect((await listed(leader, matterId)).supportCount).toBe(0)
  })

  test('when a matter has been decided, then a +1 is refused and nothing changes', async () => {
    const matterId = await raiseMatter(wang, '已经表决过的议题')
    const vote = await openVote(leader, matterId, clock.now())
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await settleDueVotes(t.runtime.deps)
    expect((await listed(wang, matterId)) as unknown).toMatchObject({ status: 'decided' })
    await expectUnchanged(t, async () =>
      expectError(await wang.call('council', 'supportMatter', { matterId }), 409, 'COUNCIL.MATTER_DECIDED'),
    )
  })
})

describe('council: the leader merges a duplicate matter into another', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let wang: ApiClient
  let otherResident: ApiClient

  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    otherResident = await t.login('demo-resident-11')
  })
  afterAll(() => t.close())

  const listed = async (client: ApiClient, matterId: string) =>
    (await client.ok('council', 'overview', { buildingId: 'jsh-5' })).matters.find(
      (m: { matterId: string }) => m.matterId === matterId,
    )

  test('when the leader merges a duplicate, then it closes with a link to the survivor and its +1s count there once per household', async () => {
    const survivor = await raiseMatter(wang, '楼道不堆物')
    const duplicate = await raiseMatter(wang, '楼道堆物太多了')
    const neighbour = await verifiedResident(t, admin, 't-merge-neighbour', 'jsh-5', '601')
    await wang.ok('council', 'supportMatter', { matterId: survivor })
    await wang.ok('council', 'supportMatter', { matterId: duplicate })
    await neighbour.client.ok('council', 'supportMatter', { matterId: duplicate })
    await leader.ok('council', 'supportMatter', { matterId: duplicate })

    const merged = await leader.ok('council', 'mergeMatter', { matterId: duplicate, intoMatterId: survivor })
    // 502 supported both: once. 601 and the leader's household: moved over.
    expect(merged).toEqual({ matterId: duplicate, intoMatterId: survivor, supportCount: 3 })
    expect(await listed(wang, survivor)).toMatchObject({ supportCount: 3, supportedByMyHousehold: true })
    expect(await listed(neighbour.client, survivor)).toMatchObject({ supportedByMyHousehold: true })
    expect(await listed(wang, duplicate)).toMatchObject({
      status: 'merged',
      mergedInto: { matterId: survivor, title: '楼道不堆物' },
    })
    await expectUnchanged(t, async () => {
      expectError(
        await neighbour.client.call('council', 'supportMatter', { matterId: duplicate }),
        409,
        'COUNCIL.MATTER_MERGED',
      )
      expectError(
        await leader.call('council', 'mergeMatter', { matterId: duplicate, intoMatterId: survivor }),
        409,
        'COUNCIL.MATTER_NOT_OPEN',
      )
      expectError(
        await leader.call('council', 'openVote', {
          matterId: duplicate,
          kind: 'yesNo',
          secret: false,
          closesAt: Date.now() + 3600_000,
          quorumPercent: 0,
          threshold: 'majority',
        }),
        409,
        'COUNCIL.MATTER_MERGED',
      )
      const another = (await listed(wang, survivor)) as { matterId: string }
      expectError(
        await leader.call('council', 'mergeMatter', { matterId: another.matterId, intoMatterId: duplicate }),
        400,
        'INPUT.INVALID',
        'intoMatterId',
      )
    })
  })

  test("when anyone but the building's leader merges, or across buildings, into itself or a matter under vote, then it is refused and nothing changes", async () => {
    const survivor = await raiseMatter(wang, '装修时间')
    const duplicate = await raiseMatter(wang, '装修噪音')
    const elsewhere = await raiseMatter(otherResident, '11号楼的议题')
    const voting = await raiseMatter(wang, '正在表决的议题')
    await openVote(leader, voting, Date.now())
    const input = { matterId: duplicate, intoMatterId: survivor }
    await expectUnchanged(t, async () => {
      expectError(await wang.call('council', 'mergeMatter', input), 403, 'AUTH.FORBIDDEN')
      expectError(await admin.call('council', 'mergeMatter', input), 403, 'AUTH.FORBIDDEN')
      expectError(await otherResident.call('council', 'mergeMatter', input), 404, 'NOT_FOUND')
      expectError(
        await leader.call('council', 'mergeMatter', { matterId: duplicate, intoMatterId: elsewhere }),
        400,
        'INPUT.INVALID',
        'intoMatterId',
      )
      expectError(
        await leader.call('council', 'mergeMatter', { matterId: duplicate, intoMatterId: duplicate }),
        400,
        'INPUT.INVALID',
        'intoMatterId',
      )
      expectError(
        await leader.call('council', 'mergeMatter', { matterId: voting, intoMatterId: survivor }),
        409,
        'COUNCIL.MATTER_NOT_OPEN',
      )
    })
  })
})
