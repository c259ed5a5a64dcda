import { isAdminCaller, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'

export { mayManageBuilding, maySeeBuilding, votingHouseholdOf } from '../council/access'

/** The building a charter page opens on when none is named: the caller's own, or the one they lead. */
export function defaultBuildingOf(caller: Caller): string | null {
  return verifiedBuildingOf(caller) ?? caller.roles.find((r) => r.role === 'leader')?.buildingId ?? null
}

/** The door-knock list of who has not signed: the building's leader and the committee. */
export function mayFollowUp(caller: Caller, buildingId: string): boolean {
  return leadsBuilding(caller, buildingId) || isAdminCaller(caller)
}
