import { isAdmin, ledBuildings, type MeView } from '../../../contracts'

/** Buildings this person may manage: the ones they lead; the committee manages any (chosen on the page). */
export function managedBuildingIds(me: MeView | null): string[] {
  return me ? ledBuildings(me.roles) : []
}

export function isCommittee(me: MeView | null): boolean {
  return !!me && isAdmin(me.roles)
}
