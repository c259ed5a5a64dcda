import { isAdminCaller, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'

/** The building's residents and leaders, and the committee (which sees every building), may see its matters and votes. */
export function maySeeBuilding(caller: Caller, buildingId: string): boolean {
  return isAdminCaller(caller) || leadsBuilding(caller, buildingId) || verifiedBuildingOf(caller) === buildingId
}

/** Only the building's own leader opens votes and records paper ballots: the committee guides, it does not decide (引领不包办). */
export function mayManageBuilding(caller: Caller, buildingId: string): boolean {
  return leadsBuilding(caller, buildingId)
}

/** The household the caller may vote for here: their own, while a verified member of it. */
export function votingHouseholdOf(caller: Caller, buildingId: string): { householdId: string; room: string } | null {
  const m = caller.membership
  return m && m.status === 'verified' && m.buildingId === buildingId
    ? { householdId: m.householdId, room: m.room }
    : null
}
