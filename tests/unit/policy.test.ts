import { leaderOfMembership } from '../../cloudfunctions/core/account/account.policies'
import type { MembershipDoc } from '../../cloudfunctions/core/account/account.docs'
import type { Caller } from '../../cloudfunctions/core/shared/caller'
import {
  anyOf,
  columnist,
  committee,
  leaderOfBuildingIn,
  rule,
  signedIn,
  verifiedResident,
  type Policy,
} from '../../cloudfunctions/core/shared/policy'
import { memoryDeps } from '../support/memory-deps'

function caller(overrides: Partial<Caller> = {}): Caller {
  return { userId: 'u_1', openid: 'o_1', nickname: '王阿姨', roles: [], membership: null, ...overrides }
}
const membership = (buildingId: string, status: 'pending' | 'verified' | 'rejected' | 'ended') => ({
  membershipId: 'm_1',
  buildingId,
  householdId: `${buildingId}~502`,
  room: '502',
  status,
})

const newcomer = caller()
const resident5 = caller({ membership: membership('jsh-5', 'verified') })
const pending5 = caller({ membership: membership('jsh-5', 'pending') })
const ended5 = caller({ membership: membership('jsh-5', 'ended') })
const leader5 = caller({
  roles: [{ role: 'leader', buildingId: 'jsh-5' }],
  membership: membership('jsh-5', 'verified'),
})
const doctor = caller({ roles: [{ role: 'columnist' }] })
const admin = caller({ roles: [{ role: 'admin' }] })

const FORBIDDEN = { code: 'AUTH.FORBIDDEN' }

describe('policies', () => {
  const deps = memoryDeps()
  const check = <I>(policy: Policy<I>, who: Caller, input: I = {} as I) => policy.check(who, input, deps)

  test('when anyone is signed in, then signedIn allows them', async () => {
    for (const who of [newcomer, resident5, admin]) expect(await check(signedIn, who)).toBe(true)
  })

  test('when the caller is not verified in a building, then verifiedResident answers AUTH.NOT_VERIFIED', async () => {
    expect(await check(verifiedResident, resident5)).toBe(true)
    expect(await check(verifiedResident, leader5)).toBe(true)
    for (const who of [newcomer, pending5, ended5, admin])
      expect(await check(verifiedResident, who)).toEqual({ code: 'AUTH.NOT_VERIFIED' })
  })

  test('when the caller is not on the committee, then committee is AUTH.FORBIDDEN', async () => {
    expect(await check(committee, admin)).toBe(true)
    for (const who of [newcomer, resident5, leader5, doctor]) expect(await check(committee, who)).toEqual(FORBIDDEN)
  })

  test('when the caller is not the columnist, then columnist is AUTH.FORBIDDEN', async () => {
    expect(await check(columnist, doctor)).toBe(true)
    for (const who of [newcomer, resident5, leader5, admin]) expect(await check(columnist, who)).toEqual(FORBIDDEN)
  })

  test('when the input names a building, then only its leader and the committee pass leaderOfBuildingIn', async () => {
    const policy = leaderOfBuildingIn<{ buildingId: string }>((input) => input.buildingId)
    expect(await check(policy, leader5, { buildingId: 'jsh-5' })).toBe(true)
    expect(await check(policy, admin, { buildingId: 'jsh-6' })).toBe(true)
    expect(await check(policy, leader5, { buildingId: 'jsh-6' })).toEqual(FORBIDDEN)
    expect(await check(policy, resident5, { buildingId: 'jsh-5' })).toEqual(FORBIDDEN)
    expect(policy.describe).toMatch(/楼组长/)
  })

  test('when any policy of anyOf allows, then it allows; otherwise the first refusal is given', async () => {
    const either = anyOf<unknown>(verifiedResident, columnist)
    expect(await check(either, resident5)).toBe(true)
    expect(await check(either, doctor)).toBe(true)
    expect(await check(either, newcomer)).toEqual({ code: 'AUTH.NOT_VERIFIED' })
    expect(await check(anyOf<unknown>(columnist, verifiedResident), newcomer)).toEqual(FORBIDDEN)
    expect(either.describe).toBe('已认证的居民 或 健康专栏作者')
  })

  test('when anyOf is given no policies, then it refuses', async () => {
    expect(await check(anyOf<unknown>(), admin)).toEqual(FORBIDDEN)
  })

  test('when anyOf stops at the first that allows, then later (async) rules are not consulted', async () => {
    const later = jest.fn(async () => true as const)
    const policy = anyOf<unknown>(signedIn, rule('later', later))
    expect(await check(policy, newcomer)).toBe(true)
    expect(later).not.toHaveBeenCalled()
  })

  test('when a rule is declared, then it keeps its description and its custom refusal', async () => {
    const muted = rule<{ until: number }>('未被禁言的人', (_who, input) =>
      input.until > 0 ? { code: 'CHAT.MUTED', message: '您已被暂时禁言' } : true,
    )
    expect(muted.describe).toBe('未被禁言的人')
    expect(await check(muted, resident5, { until: 1 })).toEqual({ code: 'CHAT.MUTED', message: '您已被暂时禁言' })
    expect(await check(muted, resident5, { until: 0 })).toBe(true)
  })

  describe('leaderOfMembership', () => {
    beforeAll(async () => {
      const doc: MembershipDoc = {
        _id: 'm_5',
        userId: 'u_9',
        buildingId: 'jsh-5',
        householdId: 'jsh-5~302',
        room: '302',
        status: 'pending',
        createdAt: 1,
      }
      await deps.store.insert('memberships', doc)
    })

    test("when the membership is in the leader's building, then the leader and the committee pass", async () => {
      expect(await check(leaderOfMembership, leader5, { membershipId: 'm_5' })).toBe(true)
      expect(await check(leaderOfMembership, admin, { membershipId: 'm_5' })).toBe(true)
    })

    test('when the caller is a resident, another leader or the columnist, then AUTH.FORBIDDEN', async () => {
      const leader6 = caller({ roles: [{ role: 'leader', buildingId: 'jsh-6' }] })
      for (const who of [resident5, leader6, doctor, newcomer])
        expect(await check(leaderOfMembership, who, { membershipId: 'm_5' })).toEqual(FORBIDDEN)
    })

    test('when the membership does not exist, then managers pass (to hear NOT_FOUND) and others are refused', async () => {
      expect(await check(leaderOfMembership, leader5, { membershipId: 'm_none' })).toBe(true)
      expect(await check(leaderOfMembership, admin, { membershipId: 'm_none' })).toBe(true)
      expect(await check(leaderOfMembership, resident5, { membershipId: 'm_none' })).toEqual(FORBIDDEN)
    })
  })
})
