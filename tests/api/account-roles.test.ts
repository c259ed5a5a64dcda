import { expectError, expectUnchanged, openidFactory, pendingApplicant, userIdOf } from '../support/api-expect'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

const REFUSED = [
  ['a building leader', 'demo-leader-5'],
  ['a verified resident', 'demo-resident-5'],
  ['the health columnist', 'demo-doctor'],
  ['a newcomer', 'demo-newcomer'],
] as const

describe('account: roles', () => {
  let t: TestRuntime
  let admin: ApiClient
  const fresh = openidFactory('roles')
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const grantsOf = (userId: string) => t.runtime.deps.store.find('role_grants', { userId })

  test('when the committee makes someone leader of a building, then they may manage it and get its new applications', async () => {
    const user = await t.login(fresh())
    const userId = await userIdOf(user)
    expectError(await user.call('account', 'listApplications', { buildingId: 'jsh-7' }), 403, 'AUTH.FORBIDDEN')

    const result = await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId: 'jsh-7' })
    expect(result).toEqual({ userId, roles: [{ role: 'leader', buildingId: 'jsh-7' }] })
    expect((await user.ok('account', 'me')).roles).toEqual([{ role: 'leader', buildingId: 'jsh-7' }])
    expect(await grantsOf(userId)).toEqual([
      expect.objectContaining({ role: 'leader', buildingId: 'jsh-7', grantedBy: await userIdOf(admin) }),
    ])

    const applicant = await pendingApplicant(t, fresh(), 'jsh-7', '202')
    const { applications } = await user.ok('account', 'listApplications', { buildingId: 'jsh-7' })
    expect(applications.map((a: { membershipId: string }) => a.membershipId)).toContain(applicant.membershipId)
    const { items } = await user.ok('notifications', 'list', {})
    expect(items[0]).toMatchObject({ kind: 'application', title: '新的入楼申请' })
    // Still no say over other buildings.
    expectError(await user.call('account', 'listApplications', { buildingId: 'jsh-8' }), 403, 'AUTH.FORBIDDEN')
  })

  test('when the same role is assigned twice, then it is held once', async () => {
    const userId = await userIdOf(await t.login(fresh()))
    await admin.ok('account', 'assignRole', { userId, role: 'columnist' })
    const again = await expectUnchanged(t, () => admin.ok('account', 'assignRole', { userId, role: 'columnist' }))
    expect(again.roles).toEqual([{ role: 'columnist' }])
    expect(await grantsOf(userId)).toHaveLength(1)
  })

  test('when the committee grants admin, then the new admin may assign roles too', async () => {
    const user = await t.login(fresh())
    await admin.ok('account', 'assignRole', { userId: await userIdOf(user), role: 'admin' })
    const other = await userIdOf(await t.login(fresh()))
    expect((await user.ok('account', 'assignRole', { userId: other, role: 'columnist' })).roles).toEqual([
      { role: 'columnist' },
    ])
  })

  test('when a role is revoked, then it is gone from me, from the grants and from what they may do', async () => {
    const user = await t.login(fresh())
    const userId = await userIdOf(user)
    await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId: 'jsh-9' })
    await admin.ok('account', 'assignRole', { userId, role: 'columnist' })
    const result = await admin.ok('account', 'revokeRole', { userId, role: 'leader', buildingId: 'jsh-9' })
    expect(result).toEqual({ userId, roles: [{ role: 'columnist' }] })
    expect((await user.ok('account', 'me')).roles).toEqual([{ role: 'columnist' }])
    expect((await grantsOf(userId)).map((g) => g.role)).toEqual(['columnist'])
    expectError(await user.call('account', 'listResidents', { buildingId: 'jsh-9' }), 403, 'AUTH.FORBIDDEN')
  })

  test('when a role the user does not hold is revoked, then NOT_FOUND and nothing changes', async () => {
    const userId = await userIdOf(await t.login(fresh()))
    await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId: 'jsh-9' })
    const result = await expectUnchanged(t, () =>
      admin.call('account', 'revokeRole', { userId, role: 'leader', buildingId: 'jsh-10' }),
    )
    expectError(result, 404, 'NOT_FOUND')
  })

  test('when the role is for a user or building that does not exist, then NOT_FOUND and nothing changes', async () => {
    expectError(
      await expectUnchanged(t, () => admin.call('account', 'assignRole', { userId: 'u_nobody', role: 'columnist' })),
      404,
      'NOT_FOUND',
    )
    const userId = await userIdOf(await t.login(fresh()))
    expectError(
      await expectUnchanged(t, () =>
        admin.call('account', 'assignRole', { userId, role: 'leader', buildingId: 'jsh-99' }),
      ),
      404,
      'NOT_FOUND',
    )
  })

  test('when an admin revokes their own admin role, then CONFLICT: the committee cannot lock itself out', async () => {
    const self = await userIdOf(admin)
    expectError(
      await expectUnchanged(t, () => admin.call('account', 'revokeRole', { userId: self, role: 'admin' })),
      409,
      'CONFLICT',
    )
  })

  test('when leaders of 10号楼, 2号楼 and 1号楼 are listed, then their buildings come in number order (1, 2, … 10), not text order', async () => {
    for (const buildingId of ['jsh-10', 'jsh-2', 'jsh-1']) {
      const userId = await userIdOf(await t.login(fresh()))
      await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId })
    }
    const { staff } = await admin.ok<{ staff: Array<{ role: string; buildingId?: string }> }>('account', 'listStaff')
    const jshLeaders = staff
      .filter((s) => s.role === 'leader' && s.buildingId?.startsWith('jsh-'))
      .map((s) => Number(s.buildingId?.slice(4)))
    expect(jshLeaders).toContain(10)
    expect(jshLeaders).toEqual([...jshLeaders].sort((a, b) => a - b))
  })

  test('when the committee lists staff, then every role holder appears with their building', async () => {
    const { staff } = await admin.ok('account', 'listStaff')
    expect(staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nickname: '陈老师', role: 'admin' }),
        expect.objectContaining({ nickname: '张阿姨', role: 'leader', buildingId: 'jsh-5' }),
        expect.objectContaining({ nickname: '李医生', role: 'columnist' }),
      ]),
    )
  })

  const matrix = (['assignRole', 'revokeRole', 'listStaff'] as const).flatMap((action) =>
    REFUSED.map(([who, openid]) => [action, who, openid] as const),
  )
  test.each(matrix)(
    'when %s is called by %s, then AUTH.FORBIDDEN and nothing changes',
    async (action, _who, openid) => {
      const client = await t.login(openid)
      const target = await userIdOf(await t.login('demo-resident-11'))
      const data = action === 'listStaff' ? undefined : { userId: target, role: 'admin' }
      const result = await expectUnchanged(t, () => client.call('account', action, data))
      expectError(result, 403, 'AUTH.FORBIDDEN')
    },
  )

  test('when a leader tries to make themselves admin, then AUTH.FORBIDDEN and their roles are unchanged', async () => {
    const leader = await t.login('demo-leader-5')
    const self = await userIdOf(leader)
    expectError(await leader.call('account', 'assignRole', { userId: self, role: 'admin' }), 403, 'AUTH.FORBIDDEN')
    expect((await leader.ok('account', 'me')).roles).toEqual([{ role: 'leader', buildingId: 'jsh-5' }])
  })
})
