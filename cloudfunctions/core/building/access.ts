import { isAdminCaller, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'

/** The building's verified members and its leaders see its page; the committee sees every building's. */
export function maySeeBuildingHome(caller: Caller, buildingId: string): boolean {
  return isAdminCaller(caller) || leadsBuilding(caller, buildingId) || verifiedBuildingOf(caller) === buildingId
}

/** Only the building's own leader chooses its 特色: the committee keeps the list, it does not choose (引领不包办). */
export function maySetBuildingTags(caller: Caller, buildingId: string): boolean {
  return leadsBuilding(caller, buildingId)
}

/** The page a caller opens when none is named: their own building, or the one they lead. */
export function homeBuildingOf(caller: Caller): string | null {
  return verifiedBuildingOf(caller) ?? caller.roles.find((r) => r.role === 'leader')?.buildingId ?? null
}
