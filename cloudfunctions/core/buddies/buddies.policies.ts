import { isAdminCaller, leadsBuilding, verifiedBuildingOf } from '../shared/caller'
import { leaderOfBuildingIn, rule, signedIn, verifiedResident, type Policy } from '../shared/policy'
import type { ListScope } from './help'

/** Group directory and pages: verified residents (anyone may browse) and the committee. */
export const residentOrCommittee: Policy = rule('已认证的居民或居委会', (caller) =>
  verifiedBuildingOf(caller) || isAdminCaller(caller) ? true : { code: 'AUTH.NOT_VERIFIED' },
)

/** Asking for oneself needs a verified home; asking on a resident's behalf needs to lead their building. */
export const mayAskForHelp = rule<{ onBehalfOf?: { buildingId: string } }>(
  '已认证的居民；代邻居求助：该楼的楼组长或居委会',
  (caller, input) => {
    if (input.onBehalfOf)
      return isAdminCaller(caller) || leadsBuilding(caller, input.onBehalfOf.buildingId)
        ? true
        : { code: 'AUTH.FORBIDDEN' }
    return verifiedBuildingOf(caller) ? true : { code: 'AUTH.NOT_VERIFIED' }
  },
)

const leaderOfScopeBuilding = leaderOfBuildingIn<{ buildingId: string }>((input) => input.buildingId)

/** Open requests need a verified home (their estate); a building's list is for its leaders; one's own lists are always one's own. */
export const mayListHelp = rule<ListScope>(
  '可接的求助：已认证的居民；本楼求助：该楼的楼组长或居委会；我的求助：本人',
  (caller, input, deps) => {
    if (input.scope === 'open') return verifiedResident.check(caller, input, deps)
    if (input.scope === 'building') return leaderOfScopeBuilding.check(caller, input, deps)
    return signedIn.check(caller, input, deps)
  },
)
