import type { ErrorCode } from '../../../contracts'
import { isAdminCaller, isColumnistCaller, leadsBuilding, verifiedBuildingOf, type Caller } from './caller'
import type { Deps } from './ports'
import type { RequestLoads } from './request-loads'

/**
 * Who may call an action, declared beside the route and enforced by the router before the use
 * case runs. Rules that depend on a stored resource (the author of this message…) are checked
 * again inside the use case, which has the resource at hand.
 */
export type PolicyVerdict = true | { code: ErrorCode; message?: string }

export interface Policy<I = unknown> {
  /** Plain words for docs/SECURITY.md. */
  readonly describe: string
  /**
   * `loaded`: where a check that loads documents to decide leaves them for the use case (the
   * group it looked up, say), so the call does not load them twice.
   */
  check(caller: Caller, input: I, deps: Deps, loaded?: RequestLoads): PolicyVerdict | Promise<PolicyVerdict>
}

const FORBIDDEN: PolicyVerdict = { code: 'AUTH.FORBIDDEN' }

export const signedIn: Policy = {
  describe: '任何已登录用户',
  check: () => true,
}

export const verifiedResident: Policy = {
  describe: '已认证的居民',
  check: (caller) => (verifiedBuildingOf(caller) ? true : { code: 'AUTH.NOT_VERIFIED' }),
}

export const committee: Policy = {
  describe: '居委会',
  check: (caller) => (isAdminCaller(caller) ? true : FORBIDDEN),
}

export const columnist: Policy = {
  describe: '健康专栏作者',
  check: (caller) => (isColumnistCaller(caller) ? true : FORBIDDEN),
}

/** The leader of the building named in the input, or the committee. */
export function leaderOfBuildingIn<I>(pickBuildingId: (input: I) => string): Policy<I> {
  return {
    describe: '该楼的楼组长或居委会',
    check: (caller, input) =>
      isAdminCaller(caller) || leadsBuilding(caller, pickBuildingId(input)) ? true : FORBIDDEN,
  }
}

/** Allowed when any of the policies allows; otherwise the first refusal. */
export function anyOf<I>(...policies: Array<Policy<I>>): Policy<I> {
  return {
    describe: policies.map((p) => p.describe).join(' 或 '),
    async check(caller, input, deps, loaded) {
      let first: PolicyVerdict | null = null
      for (const policy of policies) {
        const verdict = await policy.check(caller, input, deps, loaded)
        if (verdict === true) return true
        first ??= verdict
      }
      return first ?? FORBIDDEN
    },
  }
}

/** A rule on a stored resource, with its own description. */
export function rule<I>(describe: string, check: Policy<I>['check']): Policy<I> {
  return { describe, check }
}
