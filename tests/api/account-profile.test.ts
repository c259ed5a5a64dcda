import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { expectError, expectUnchanged, openidFactory } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

describe('account: me, privacy, profile, buildings', () => {
  let t: TestRuntime
  const clock = new TestClock()
  const fresh = openidFactory('profile')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
  })
  afterAll(() => t.close())

  describe('me', () => {
    test('when the leader asks, then me shows their profile, role, verified membership and settings', async () => {
      const leader = await t.login('demo-leader-5')
      const me = await leader.ok('account', 'me')
      expect(me).toMatchObject({
        nickname: '张阿姨',
        settings: { largeText: false },
        privacyAcceptedVersion: PRIVACY_NOTICE_VERSION,
        roles: [{ role: 'leader', buildingId: 'jsh-5' }],
        membership: {
          buildingId: 'jsh-5',
          buildingName: '5号楼',
          estateName: '金上海家园',
          room: '101',
          status: 'verified',
        },
      })
      expect(me.userId).toMatch(/^u_/)
    })

    test('when the doctor asks, then me shows the columnist role and their building', async () => {
      const doctor = await t.login('demo-doctor')
      const me = await doctor.ok('account', 'me')
      expect(me.roles).toEqual([{ role: 'columnist' }])
      expect(me.membership).toMatchObject({ buildingId: 'jsh-11', status: 'verified' })
    })

    test('when the newcomer asks, then me shows no building, no roles and no consent yet', async () => {
      const newcomer = await t.login('demo-newcomer')
      expect(await newcomer.ok('account', 'me')).toMatchObject({
        membership: null,
        roles: [],
        privacyAcceptedVersion: null,
      })
    })

    test('when me is called, then nothing is written', async () => {
      const resident = await t.login('demo-resident-5')
      await expectUnchanged(t, () => resident.ok('account', 'me'))
    })
  })

  describe('acceptPrivacy', () => {
    test('when a new user accepts the current notice, then me records the version', async () => {
      const user = await t.login(fresh())
      const me = await user.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
      expect(me.privacyAcceptedVersion).toBe(PRIVACY_NOTICE_VERSION)
      expect((await user.ok('account', 'me')).privacyAcceptedVersion).toBe(PRIVACY_NOTICE_VERSION)
      const doc = await t.runtime.deps.store.get('users', me.userId)
      expect(doc).toMatchObject({ privacyAcceptedVersion: PRIVACY_NOTICE_VERSION, privacyAcceptedAt: clock.now() })
    })
  })

  describe('updateProfile', () => {
    test('when a user sets nickname, avatar and large text, then me shows all three', async () => {
      const user = await t.login(fresh())
      const me = await user.ok('account', 'updateProfile', {
        nickname: '  刘师傅  ',
        avatarUrl: 'https://example.com/a.png',
        largeText: true,
      })
      expect(me).toMatchObject({
        nickname: '刘师傅',
        avatarUrl: 'https://example.com/a.png',
        settings: { largeText: true },
      })
      expect(await user.ok('account', 'me')).toMatchObject({
        nickname: '刘师傅',
        avatarUrl: 'https://example.com/a.png',
        settings: { largeText: true },
      })
    })

    test('when only the nickname is sent, then avatar and large text keep their values', async () => {
      const user = await t.login(fresh())
      await user.ok('account', 'updateProfile', {
        nickname: '刘师傅',
        avatarUrl: 'https://example.com/a.png',
        largeText: true,
      })
      const me = await user.ok('account', 'updateProfile', { nickname: '刘叔叔买菜' })
      expect(me).toMatchObject({
        nickname: '刘叔叔买菜',
        avatarUrl: 'https://example.com/a.png',
        settings: { largeText: true },
      })
    })

    test('when a nickname of exactly 20 characters is sent, then it is accepted', async () => {
      const user = await t.login(fresh())
      const nickname = '王'.repeat(20)
      expect((await user.ok('account', 'updateProfile', { nickname })).nickname).toBe(nickname)
    })

    test('when the nickname contains a blocked phrase, then CONTENT.REJECTED and nothing is stored', async () => {
      const user = await t.login(fresh())
      const result = await expectUnchanged(t, () =>
        user.call('account', 'updateProfile', { nickname: '我是违禁测试词', largeText: true }),
      )
      expectError(result, 400, 'CONTENT.REJECTED')
      expect(await user.ok('account', 'me')).toMatchObject({ nickname: '新邻居', settings: { largeText: false } })
    })

    test.each([
      ['spaces', '违 禁 测 试 词'],
      ['a zero-width space', '违禁\u200B测试词'],
    ])('when the blocked phrase is disguised with %s, then it is still rejected', async (_how, nickname) => {
      const user = await t.login(fresh())
      const result = await expectUnchanged(t, () => user.call('account', 'updateProfile', { nickname }))
      expectError(result, 400, 'CONTENT.REJECTED')
    })

    test('when a user changes their nickname, then the leader sees the new name on their application', async () => {
      const user = await t.login(fresh())
      const application = await user.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '303' })
      await user.ok('account', 'updateProfile', { nickname: '孙阿婆' })
      const leader = await t.login('demo-leader-5')
      const { applications } = await leader.ok('account', 'listApplications', { buildingId: 'jsh-5' })
      expect(
        applications.find((a: { membershipId: string }) => a.membershipId === application.membershipId),
      ).toMatchObject({ nickname: '孙阿婆', room: '303' })
    })
  })

  describe('listBuildings', () => {
    test('when anyone signed in lists buildings, then the three estates and 35 buildings come in order with 1,101 households', async () => {
      const newcomer = await t.login('demo-newcomer')
      const { estates } = await newcomer.ok('account', 'listBuildings')
      expect(estates.map((e: { name: string }) => e.name)).toEqual(['金上海家园', '合生高尔夫', '梅村'])
      const buildings = estates.flatMap(
        (e: { buildings: Array<{ buildingId: string; householdCount: number }> }) => e.buildings,
      )
      expect(buildings).toHaveLength(35)
      expect(buildings.reduce((sum: number, b: { householdCount: number }) => sum + b.householdCount, 0)).toBe(1101)
      expect(estates[0].buildings.slice(0, 3).map((b: { buildingId: string }) => b.buildingId)).toEqual([
        'jsh-1',
        'jsh-2',
        'jsh-3',
      ])
      expect(estates[0].buildings[4]).toEqual({
        buildingId: 'jsh-5',
        name: '5号楼',
        estateId: 'jsh',
        estateName: '金上海家园',
        householdCount: 36,
      })
    })

    test('when buildings are listed, then no join code, room or resident is revealed', async () => {
      const newcomer = await t.login('demo-newcomer')
      const raw = JSON.stringify(await newcomer.ok('account', 'listBuildings'))
      expect(raw).not.toMatch(/joinCode|room|userId|"code"/)
    })
  })
})
