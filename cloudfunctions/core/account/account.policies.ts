import { mayManageBuilding } from './membership'
import { rule } from '../shared/policy'

/** The leader of the application's building, or the committee (looked up from the membership). */
export const leaderOfMembership = rule<{ membershipId: string }>(
  '该申请所在楼的楼组长或居委会',
  async (caller, input, deps) => {
    const membership = await deps.store.get('memberships', input.membershipId)
    // Unknown id: the use case answers NOT_FOUND only to those who could manage some building.
    if (!membership)
      return caller.roles.some((r) => r.role === 'admin' || r.role === 'leader') ? true : { code: 'AUTH.FORBIDDEN' }
    return mayManageBuilding(caller, membership.buildingId) ? true : { code: 'AUTH.FORBIDDEN' }
  },
)
