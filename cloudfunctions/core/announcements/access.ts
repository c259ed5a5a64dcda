import { ledBuildings } from '../../../contracts'
import { isAdminCaller, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'
import { NEIGHBOURHOOD_KEY, type AnnouncementDoc } from './announcements.docs'

/**
 * Who may do what with an announcement, decided from the caller as the database knows them now
 * (a resident who moved away stops seeing their old building's notices at once).
 */

export function leadsAnyBuilding(caller: Caller): boolean {
  return ledBuildings(caller.roles).length > 0
}

/** The audience keys of the caller's own feed: their building, the buildings they lead, the neighbourhood. */
export function feedKeysOf(caller: Caller): string[] {
  const keys = new Set<string>()
  const home = verifiedBuildingOf(caller)
  if (home) keys.add(home)
  for (const buildingId of ledBuildings(caller.roles)) keys.add(buildingId)
  keys.add(NEIGHBOURHOOD_KEY)
  return [...keys]
}

/** May read a building's announcements: its verified residents, its leaders, the committee. */
export function maySeeBuilding(caller: Caller, buildingId: string): boolean {
  return isAdminCaller(caller) || leadsBuilding(caller, buildingId) || verifiedBuildingOf(caller) === buildingId
}

/** May manage a building's notices (see expired ones): its leaders and the committee. */
export function mayManageBuilding(caller: Caller, buildingId: string): boolean {
  return isAdminCaller(caller) || leadsBuilding(caller, buildingId)
}

export function maySee(caller: Caller, doc: AnnouncementDoc): boolean {
  if (doc.authorId === caller.userId || isAdminCaller(caller)) return true
  if (doc.audienceKey === NEIGHBOURHOOD_KEY) return verifiedBuildingOf(caller) !== null || leadsAnyBuilding(caller)
  return maySeeBuilding(caller, doc.audienceKey)
}

/**
 * Edit and withdraw: the committee, or the author while they may still publish there. A leader
 * who steps down or moves away keeps no hold on what the building still reads under 楼组长.
 */
export function mayManage(caller: Caller, doc: AnnouncementDoc): boolean {
  if (isAdminCaller(caller)) return true
  return (
    doc.authorId === caller.userId && doc.audienceKey !== NEIGHBOURHOOD_KEY && leadsBuilding(caller, doc.audienceKey)
  )
}

/** Reach: the author while still leading, the building's leader (for a neighbourhood-wide one, any leader: their part), the committee. */
export function maySeeReach(caller: Caller, doc: AnnouncementDoc): boolean {
  if (mayManage(caller, doc)) return true
  if (doc.audienceKey === NEIGHBOURHOOD_KEY) return leadsAnyBuilding(caller)
  return leadsBuilding(caller, doc.audienceKey)
}

/** Publish: a leader for their own building; the committee for any building or the neighbourhood. */
export function mayPublishTo(caller: Caller, audience: 'neighbourhood' | { buildingId: string }): boolean {
  if (isAdminCaller(caller)) return true
  return audience !== 'neighbourhood' && leadsBuilding(caller, audience.buildingId)
}
