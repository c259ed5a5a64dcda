import { DELETED_USER_NAME } from '../../cloudfunctions/core/account/account.docs'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import {
  errorOf,
  expectUnchanged,
  openidFactory,
  pendingApplicant,
  userIdOf,
  verifiedResident,
} from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

describe('account: my data (export and deletion)', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('privacy')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store

  describe('exportMyData', () => {
    test('when a resident exports, then the profile, every membership with its room, and their notifications are in it', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '203')
      await applicant.client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
      await applicant.client.ok('account', 'updateProfile', {
        nickname: '钱阿姨',
        avatarUrl: 'https://example.com/q.png',
        largeText: true,
      })
      await admin.ok('account', 'reviewApplication', {
        membershipId: applicant.membershipId,
        decision: 'reject',
        reason: '请核对房号',
      })
      await applicant.client.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '204' })

      const exported = await expectUnchanged(t, () => applicant.client.ok('account', 'exportMyData'))
      expect(exported.exportedAt).toBe(clock.now())
      expect(exported.data.users.profile[0]).toMatchObject({
        _id: applicant.userId,
        nickname: '钱阿姨',
        avatarUrl: 'https://example.com/q.png',
        largeText: true,
        roles: [],
        privacyAcceptedVersion: PRIVACY_NOTICE_VERSION,
      })
      expect(exported.data.memberships.mine).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ buildingId: 'jsh-5', room: '203', status: 'rejected', reason: '请核对房号' }),
          expect.objectContaining({ buildingId: 'jsh-5', room: '204', status: 'pending' }),
        ]),
      )
      expect(exported.data.memberships.mine).toHaveLength(2)
      expect(exported.data.notifications.received).toEqual([
        expect.objectContaining({ kind: 'application', title: '入楼申请未通过' }),
      ])
    })

    test("when someone exports, then nobody else's data is in it", async () => {
      const user = await t.login(fresh())
      const exported = await user.ok('account', 'exportMyData')
      const raw = JSON.stringify(exported)
      expect(raw).not.toMatch(/王阿姨|张阿姨|502/)
      expect(exported.data.memberships.mine).toEqual([])
      expect(exported.data.notifications).toEqual({ received: [] })
      expect(exported.data.subscription_grants).toEqual({ wechatSubscriptions: [] })
      expect(exported.data.outbox).toEqual({ wechatMessages: [] })
    })
  })

  describe('deleteMe', () => {
    test('when a verified resident deletes their account, then memberships, room, notifications and grants are gone and the token is refused', async () => {
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-5', '205')
      await resident.client.ok('account', 'updateProfile', {
        nickname: '孙先生',
        avatarUrl: 'https://example.com/s.png',
      })
      await resident.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['application'] })
      // A notification and an outbox entry of their own.
      await resident.client.ok('account', 'applyToBuilding', { buildingId: 'jsh-6', room: '205' })
      await admin.ok('account', 'reviewApplication', {
        membershipId: (await resident.client.ok('account', 'me')).membership.membershipId,
        decision: 'approve',
      })
      expect(await store().count('outbox', { recipientId: resident.userId })).toBe(1)

      expect(await resident.client.ok('account', 'deleteMe', { confirm: true })).toEqual({ deleted: true })

      expect(errorOf(await resident.client.call('account', 'me')).code).toBe('ACCOUNT.DELETED')
      const { residents } = await admin.ok('account', 'listResidents', { buildingId: 'jsh-6' })
      expect(residents.some((r: { userId: string }) => r.userId === resident.userId)).toBe(false)

      expect(await store().find('memberships', { userId: resident.userId })).toEqual([])
      expect(await store().count('notifications', { recipientId: resident.userId })).toBe(0)
      expect(await store().find('subscription_grants', { userId: resident.userId })).toEqual([])
      expect(await store().find('outbox', { recipientId: resident.userId })).toEqual([])
      const tombstone = await store().get('users', resident.userId)
      expect(tombstone).toMatchObject({
        nickname: DELETED_USER_NAME,
        membership: null,
        roles: [],
        privacyAcceptedVersion: null,
      })
      expect(tombstone?.avatarUrl).toBeUndefined()
      expect(tombstone?.openid).not.toMatch(/^t-privacy-/)
      expect(JSON.stringify(tombstone)).not.toMatch(/孙先生|205|example\.com/)
    })

    test('when a deleted user logs in again with the same WeChat id, then they start afresh as a new account', async () => {
      const openid = fresh()
      const resident = await verifiedResident(t, admin, openid, 'jsh-5', '206')
      await resident.client.ok('account', 'deleteMe', { confirm: true })
      const again = await t.login(openid)
      const me = await again.ok('account', 'me')
      expect(me.userId).not.toBe(resident.userId)
      expect(me).toMatchObject({ nickname: '新邻居', membership: null, roles: [] })
    })

    test("when a pending applicant deletes their account, then the application disappears from the leader's list", async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '301')
      await applicant.client.ok('account', 'deleteMe', { confirm: true })
      const { applications } = await admin.ok('account', 'listApplications', { buildingId: 'jsh-5' })
      expect(applications.some((a: { membershipId: string }) => a.membershipId === applicant.membershipId)).toBe(false)
    })

    test('when a leader deletes their account, then their role grants go too: they are no longer staff nor notified', async () => {
      const leader = await verifiedResident(t, admin, fresh(), 'jsh-12', '101')
      await admin.ok('account', 'assignRole', { userId: leader.userId, role: 'leader', buildingId: 'jsh-12' })
      await leader.client.ok('account', 'deleteMe', { confirm: true })

      expect(await store().find('role_grants', { userId: leader.userId })).toEqual([])
      const { staff } = await admin.ok('account', 'listStaff')
      expect(staff.some((s: { userId: string }) => s.userId === leader.userId)).toBe(false)
      await pendingApplicant(t, fresh(), 'jsh-12', '102')
      expect(await store().find('notifications', { recipientId: leader.userId })).toEqual([])
    })

    test('when a deleted account is given a role, then NOT_FOUND and nothing changes', async () => {
      const user = await t.login(fresh())
      const userId = await userIdOf(user)
      await user.ok('account', 'deleteMe', { confirm: true })
      const result = await expectUnchanged(t, () => admin.call('account', 'assignRole', { userId, role: 'columnist' }))
      expect(result.status).toBe(404)
    })
  })
})
