import {
  errorOf,
  expectError,
  expectUnchanged,
  openidFactory,
  pendingApplicant,
  userIdOf,
  verifiedResident,
} from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

type Application = {
  membershipId: string
  userId: string
  nickname: string
  room: string
  status: string
  reason?: string
}
type Resident = { userId: string; nickname: string; room: string; membershipId: string; isLeader: boolean }

/** Everyone who is not the leader of jsh-5 nor the committee. */
const REFUSED = [
  ['a verified resident of the same building', 'demo-resident-5'],
  ['the leader of another building', 'seed-jsh-6-1'],
  ['the health columnist', 'demo-doctor'],
  ['a newcomer with no building', 'demo-newcomer'],
] as const

describe('account: joining a building', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('member')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
  })
  afterAll(() => t.close())

  const membershipDoc = (id: string) => t.runtime.deps.store.get('memberships', id)
  const applicationsOf = async (client: ApiClient, buildingId: string, status?: string): Promise<Application[]> =>
    (await client.ok('account', 'listApplications', status ? { buildingId, status } : { buildingId })).applications
  const residentsOf = async (client: ApiClient, buildingId: string): Promise<Resident[]> =>
    (await client.ok('account', 'listResidents', { buildingId })).residents

  describe('applyToBuilding', () => {
    test('when a newcomer applies without a join code, then the membership is pending and the leader sees it with the room', async () => {
      const user = await t.login(fresh())
      const membership = await user.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '302' })
      expect(membership).toMatchObject({
        buildingId: 'jsh-5',
        buildingName: '5号楼',
        estateName: '金上海家园',
        room: '302',
        status: 'pending',
        appliedAt: clock.now(),
      })
      expect(membership.verifiedBy).toBeUndefined()
      expect((await user.ok('account', 'me')).membership).toMatchObject({
        membershipId: membership.membershipId,
        status: 'pending',
      })
      const applications = await applicationsOf(leader, 'jsh-5')
      expect(applications.find((a) => a.membershipId === membership.membershipId)).toMatchObject({
        userId: await userIdOf(user),
        nickname: '新邻居',
        room: '302',
        status: 'pending',
      })
      // The committee sees the same.
      expect((await applicationsOf(admin, 'jsh-5')).some((a) => a.membershipId === membership.membershipId)).toBe(true)
    })

    test("when a newcomer applies with the lobby's current join code, then they are verified at once", async () => {
      const poster = await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      const user = await t.login(fresh())
      const membership = await user.ok('account', 'applyToBuilding', {
        buildingId: 'jsh-5',
        room: '303',
        joinCode: poster.joinCode,
      })
      expect(membership).toMatchObject({
        status: 'verified',
        verifiedBy: 'joinCode',
        room: '303',
        reviewedAt: clock.now(),
      })
      expect((await user.ok('account', 'me')).membership).toMatchObject({ status: 'verified', verifiedBy: 'joinCode' })
      expect(
        (await residentsOf(leader, 'jsh-5')).find((r) => r.membershipId === membership.membershipId),
      ).toMatchObject({ room: '303', isLeader: false })
      expect((await applicationsOf(leader, 'jsh-5')).some((a) => a.membershipId === membership.membershipId)).toBe(
        false,
      )
    })

    test('when the room is written with spaces around it, then it is stored as on the door', async () => {
      const user = await t.login(fresh())
      const membership = await user.ok('account', 'applyToBuilding', { buildingId: 'mc-1', room: ' 204 ' })
      expect(membership.room).toBe('204')
    })

    test('when the join code is wrong, then INPUT.INVALID names joinCode and nothing is stored', async () => {
      const poster = await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      const wrong = poster.joinCode === '000000' ? '111111' : '000000'
      const user = await t.login(fresh())
      const result = await expectUnchanged(t, () =>
        user.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '304', joinCode: wrong }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'joinCode')
      expect((await user.ok('account', 'me')).membership).toBeNull()
    })

    test("when the code of another building's lobby is used, then INPUT.INVALID names joinCode", async () => {
      const other = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-6' })
      const mine = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      if (other.joinCode === mine.joinCode) await admin.ok('account', 'rotateJoinCode', { buildingId: 'jsh-6' })
      const code = (await admin.ok('account', 'joinPoster', { buildingId: 'jsh-6' })).joinCode
      const user = await t.login(fresh())
      const result = await expectUnchanged(t, () =>
        user.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '304', joinCode: code }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'joinCode')
    })

    test('when join codes are guessed over and over, then the sixth try in a minute is RATE.LIMITED until the minute passes', async () => {
      const user = await t.login(fresh())
      const poster = await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      const wrong = poster.joinCode === '000000' ? '111111' : '000000'
      for (let i = 0; i < 5; i++) {
        expectError(
          await user.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '305', joinCode: wrong }),
          400,
          'INPUT.INVALID',
          'joinCode',
        )
      }
      const limited = await expectUnchanged(t, () =>
        user.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '305', joinCode: poster.joinCode }),
      )
      expect(expectError(limited, 429, 'RATE.LIMITED').retryAfterSeconds).toBeGreaterThan(0)
      clock.advance(61_000)
      expect(
        (await user.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '305', joinCode: poster.joinCode }))
          .status,
      ).toBe('verified')
    })

    test('when a verified resident applies to their own building again, then ACCOUNT.ALREADY_MEMBER and nothing changes', async () => {
      const resident = await t.login('demo-resident-5')
      const result = await expectUnchanged(t, () =>
        resident.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '502' }),
      )
      expectError(result, 409, 'ACCOUNT.ALREADY_MEMBER')
    })

    test('when a verified resident applies elsewhere, then the previous membership ends and they leave the old residents list', async () => {
      const { client, membershipId: old } = await verifiedResident(t, admin, fresh(), 'jsh-5', '401')
      expect((await residentsOf(leader, 'jsh-5')).some((r) => r.membershipId === old)).toBe(true)
      const next = await client.ok('account', 'applyToBuilding', { buildingId: 'jsh-6', room: '401' })
      expect(next.status).toBe('pending')
      expect(await membershipDoc(old)).toMatchObject({ status: 'ended', endedAt: clock.now() })
      expect((await residentsOf(leader, 'jsh-5')).some((r) => r.membershipId === old)).toBe(false)
      expect((await client.ok('account', 'me')).membership).toMatchObject({
        membershipId: next.membershipId,
        buildingId: 'jsh-6',
        status: 'pending',
      })
    })

    test('when a pending applicant applies elsewhere, then the first application is withdrawn', async () => {
      const { client, membershipId: first } = await pendingApplicant(t, fresh(), 'jsh-5', '402')
      const second = await client.ok('account', 'applyToBuilding', { buildingId: 'jsh-7', room: '402' })
      expect(await membershipDoc(first)).toBeNull()
      expect((await applicationsOf(leader, 'jsh-5')).some((a) => a.membershipId === first)).toBe(false)
      expect((await applicationsOf(admin, 'jsh-7')).some((a) => a.membershipId === second.membershipId)).toBe(true)
    })

    test('when someone already verified elsewhere joins a new building with its code, then they belong to the new building only', async () => {
      const { client, membershipId: old } = await verifiedResident(t, admin, fresh(), 'jsh-5', '403')
      const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-8' })
      await client.ok('account', 'applyToBuilding', { buildingId: 'jsh-8', room: '403', joinCode: poster.joinCode })
      const userId = await userIdOf(client)
      const verified = await t.runtime.deps.store.find('memberships', { userId, status: 'verified' })
      expect(verified.map((m) => m.buildingId)).toEqual(['jsh-8'])
      expect((await membershipDoc(old))?.status).toBe('ended')
    })
  })

  describe('listApplications and reviewApplication', () => {
    test('when the leader approves, then the application is verified by review and the applicant becomes a resident', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '501')
      const reviewed = await leader.ok('account', 'reviewApplication', {
        membershipId: applicant.membershipId,
        decision: 'approve',
      })
      expect(reviewed).toMatchObject({
        membershipId: applicant.membershipId,
        userId: applicant.userId,
        room: '501',
        status: 'verified',
        reviewedAt: clock.now(),
      })
      expect((await applicant.client.ok('account', 'me')).membership).toMatchObject({
        status: 'verified',
        verifiedBy: 'review',
      })
      expect((await residentsOf(leader, 'jsh-5')).find((r) => r.userId === applicant.userId)).toMatchObject({
        room: '501',
        membershipId: applicant.membershipId,
      })
      expect((await applicationsOf(leader, 'jsh-5')).some((a) => a.membershipId === applicant.membershipId)).toBe(false)
      expect(
        (await applicationsOf(leader, 'jsh-5', 'verified')).some((a) => a.membershipId === applicant.membershipId),
      ).toBe(true)
      const user = await t.runtime.deps.store.get('users', applicant.userId)
      expect(user?.membership).toMatchObject({ membershipId: applicant.membershipId, status: 'verified' })
    })

    test('when the leader rejects with a reason, then the applicant sees it and is not a resident', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '503')
      const reviewed = await leader.ok('account', 'reviewApplication', {
        membershipId: applicant.membershipId,
        decision: 'reject',
        reason: '门牌与登记不符',
      })
      expect(reviewed).toMatchObject({ status: 'rejected', reason: '门牌与登记不符' })
      expect((await applicant.client.ok('account', 'me')).membership).toMatchObject({
        status: 'rejected',
        reason: '门牌与登记不符',
      })
      expect((await residentsOf(leader, 'jsh-5')).some((r) => r.userId === applicant.userId)).toBe(false)
      expect(
        (await applicationsOf(leader, 'jsh-5', 'rejected')).find((a) => a.membershipId === applicant.membershipId),
      ).toMatchObject({ reason: '门牌与登记不符' })
    })

    test('when a rejected applicant applies again, then a new pending application appears', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '504')
      await leader.ok('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'reject' })
      const again = await applicant.client.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '504' })
      expect(again.membershipId).not.toBe(applicant.membershipId)
      expect((await applicationsOf(leader, 'jsh-5')).some((a) => a.membershipId === again.membershipId)).toBe(true)
    })

    test('when the committee approves in any building, then it succeeds', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'hsgef-3', '1103')
      const reviewed = await admin.ok('account', 'reviewApplication', {
        membershipId: applicant.membershipId,
        decision: 'approve',
      })
      expect(reviewed.status).toBe('verified')
    })

    test('when an application is reviewed twice, then ACCOUNT.ALREADY_REVIEWED and the first decision stands', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '505')
      await leader.ok('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'approve' })
      const result = await expectUnchanged(t, () =>
        leader.call('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'reject' }),
      )
      expectError(result, 409, 'ACCOUNT.ALREADY_REVIEWED')
      expect((await applicant.client.ok('account', 'me')).membership.status).toBe('verified')
    })

    test('when the leader reviews an application that does not exist, then NOT_FOUND', async () => {
      expectError(
        await leader.call('account', 'reviewApplication', { membershipId: 'm_missing', decision: 'approve' }),
        404,
        'NOT_FOUND',
      )
    })

    test('when a resident names an application that does not exist, then AUTH.FORBIDDEN (no probing for ids)', async () => {
      const resident = await t.login('demo-resident-5')
      expectError(
        await resident.call('account', 'reviewApplication', { membershipId: 'm_missing', decision: 'approve' }),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the committee lists a building that does not exist, then NOT_FOUND', async () => {
      expectError(await admin.call('account', 'listApplications', { buildingId: 'jsh-99' }), 404, 'NOT_FOUND')
    })
  })

  describe('listResidents and removeResident', () => {
    test('when the leader lists residents, then each comes with room, name and whether they lead, sorted by room', async () => {
      const residents = await residentsOf(leader, 'jsh-5')
      expect(residents.find((r) => r.room === '101')).toMatchObject({ nickname: '张阿姨', isLeader: true })
      expect(residents.find((r) => r.room === '502')).toMatchObject({ nickname: '王阿姨', isLeader: false })
      const rooms = residents.map((r) => Number(r.room))
      expect(rooms).toEqual([...rooms].sort((a, b) => a - b))
      expect(await residentsOf(admin, 'jsh-5')).toEqual(residents)
    })

    test('when the leader removes a resident who moved away, then their membership ends and they leave the list', async () => {
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-5', '601')
      const removed = await leader.ok('account', 'removeResident', {
        membershipId: resident.membershipId,
        reason: '已搬走',
      })
      expect(removed).toEqual({ membershipId: resident.membershipId, status: 'ended' })
      expect((await resident.client.ok('account', 'me')).membership).toMatchObject({
        status: 'ended',
        reason: '已搬走',
      })
      expect((await residentsOf(leader, 'jsh-5')).some((r) => r.membershipId === resident.membershipId)).toBe(false)
      const again = await expectUnchanged(t, () =>
        leader.call('account', 'removeResident', { membershipId: resident.membershipId }),
      )
      expectError(again, 409, 'ACCOUNT.ALREADY_REVIEWED')
    })

    test('when a leader tries to remove a co-leader of the building, then AUTH.FORBIDDEN and the co-leader keeps both home and role; the committee may', async () => {
      const coLeader = await verifiedResident(t, admin, fresh(), 'jsh-5', '603')
      await admin.ok('account', 'assignRole', { userId: coLeader.userId, role: 'leader', buildingId: 'jsh-5' })
      const refused = await expectUnchanged(t, () =>
        leader.call('account', 'removeResident', { membershipId: coLeader.membershipId }),
      )
      expectError(refused, 403, 'AUTH.FORBIDDEN')
      expect(errorOf(refused).message).toContain('居委会')
      expect(await admin.ok('account', 'removeResident', { membershipId: coLeader.membershipId })).toEqual({
        membershipId: coLeader.membershipId,
        status: 'ended',
      })
      expect((await coLeader.client.ok('account', 'me')).roles).toEqual([])
    })
  })

  describe('joinPoster and rotateJoinCode', () => {
    test('when the leader opens the poster, then it shows the building and a 6-digit code', async () => {
      const poster = await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      expect(poster).toMatchObject({ buildingId: 'jsh-5', buildingName: '5号楼', estateName: '金上海家园' })
      expect(poster.joinCode).toMatch(/^\d{6}$/)
    })

    test('when the code is rotated, then the old code fails with INPUT.INVALID joinCode and the new one verifies', async () => {
      const before = await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      clock.advance(1000)
      const rotated = await leader.ok('account', 'rotateJoinCode', { buildingId: 'jsh-5' })
      expect(rotated.joinCode).toMatch(/^\d{6}$/)
      expect(rotated.joinCode).not.toBe(before.joinCode)
      expect(rotated.rotatedAt).toBe(clock.now())
      expect((await leader.ok('account', 'joinPoster', { buildingId: 'jsh-5' })).joinCode).toBe(rotated.joinCode)

      const user = await t.login(fresh())
      const stale = await expectUnchanged(t, () =>
        user.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '602', joinCode: before.joinCode }),
      )
      expectError(stale, 400, 'INPUT.INVALID', 'joinCode')
      expect(
        (await user.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '602', joinCode: rotated.joinCode }))
          .status,
      ).toBe('verified')
    })

    test('when the committee rotates any building, then it succeeds; a building that does not exist is NOT_FOUND', async () => {
      expect((await admin.ok('account', 'rotateJoinCode', { buildingId: 'mc-8' })).buildingId).toBe('mc-8')
      expectError(await admin.call('account', 'rotateJoinCode', { buildingId: 'mc-9' }), 404, 'NOT_FOUND')
      expectError(await admin.call('account', 'joinPoster', { buildingId: 'mc-9' }), 404, 'NOT_FOUND')
    })
  })

  describe('who may manage a building', () => {
    let pending: { membershipId: string }
    let verified: { membershipId: string }
    beforeAll(async () => {
      pending = await pendingApplicant(t, fresh(), 'jsh-5', '606')
      verified = await verifiedResident(t, admin, fresh(), 'jsh-5', '605')
    })

    const ACTIONS: Array<[action: string, data: () => unknown]> = [
      ['listApplications', () => ({ buildingId: 'jsh-5' })],
      ['listResidents', () => ({ buildingId: 'jsh-5' })],
      ['joinPoster', () => ({ buildingId: 'jsh-5' })],
      ['rotateJoinCode', () => ({ buildingId: 'jsh-5' })],
      ['reviewApplication', () => ({ membershipId: pending.membershipId, decision: 'approve' })],
      ['removeResident', () => ({ membershipId: verified.membershipId })],
    ]
    const matrix = ACTIONS.flatMap(([action, data]) =>
      REFUSED.map(([who, openid]) => [action, who, openid, data] as const),
    )

    test.each(matrix)(
      'when %s is called by %s, then AUTH.FORBIDDEN and nothing changes',
      async (action, _who, openid, data) => {
        const client = await t.login(openid)
        const result = await expectUnchanged(t, () => client.call('account', action, data()))
        expectError(result, 403, 'AUTH.FORBIDDEN')
      },
    )

    test('when a resident of the building is refused the lists, then no room number leaks in the refusal', async () => {
      const resident = await t.login('demo-resident-5')
      const error = errorOf(await resident.call('account', 'listResidents', { buildingId: 'jsh-5' }))
      expect(JSON.stringify(error)).not.toMatch(/60[56]|101/)
    })

    test('when the leader of jsh-5 asks about jsh-6, then AUTH.FORBIDDEN', async () => {
      for (const action of ['listApplications', 'listResidents', 'joinPoster', 'rotateJoinCode']) {
        expectError(
          await expectUnchanged(t, () => leader.call('account', action, { buildingId: 'jsh-6' })),
          403,
          'AUTH.FORBIDDEN',
        )
      }
    })
  })
})
