import { expectError, expectUnchanged, verifiedResident } from '../support/api-expect'
import { raiseMatter } from '../support/council'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

interface Listed {
  matterId: string
  supportCount: number
  supportedByMyHousehold: boolean
}

describe('council: +1 (附议) on a matter, once per household', () => {
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
})
