import type { BuildingDirectoryRow, BuildingHome } from '../../../contracts'
import { BUILDING_LIMITS } from '../../../contracts'
import { countVerifiedMembers } from '../account/memberships.repository'
import { displayNames } from '../account/people'
import { allBuildings, countHouseholds, listEstates } from '../account/places.repository'
import { holdersOf } from '../account/roles'
import { buildingLabel, requireBuilding } from '../account/views'
import { findAll } from '../announcements/audience'
import { buildingVersions, currentOf } from '../charter/views'
import { upcomingBuildingEvents } from '../events/events.repository'
import type { RequestContext } from '../shared/context'
import { AppError, forbidden } from '../shared/errors'
import { homeBuildingOf, maySeeBuildingHome, maySetBuildingTags } from './access'
import { chosenTags, tagList } from './tags'

/** A page shows the next few sessions; the events tab has the rest. */
const UPCOMING_EVENTS = 3

/**
 * 楼组主页: what the building is (name, 特色), who leads it, how many live there, its charter and
 * its next events — only what exists, read in one parallel batch and one batch of leader names.
 */
export async function buildingHome(ctx: RequestContext, input: { buildingId?: string }): Promise<BuildingHome> {
  const { deps, caller } = ctx
  const buildingId = input.buildingId ?? homeBuildingOf(caller)
  if (!buildingId) throw new AppError('AUTH.NOT_VERIFIED')
  if (!maySeeBuildingHome(caller, buildingId)) throw forbidden('只有本楼的居民能看本楼的主页')
  const { store } = deps
  const [where, profile, list, leaderIds, memberCount, householdCount, versions, events] = await Promise.all([
    requireBuilding(store, buildingId),
    store.get('building_profiles', buildingId),
    tagList(store),
    holdersOf(store, 'leader', buildingId),
    countVerifiedMembers(store, buildingId),
    countHouseholds(store, buildingId),
    buildingVersions(store, buildingId),
    upcomingBuildingEvents(store, buildingId, deps.clock.now(), UPCOMING_EVENTS),
  ])
  const names = leaderIds.length ? await displayNames(store, leaderIds) : new Map<string, string>()
  const charter = currentOf(versions)
  return {
    buildingId,
    buildingName: buildingLabel(where),
    tags: chosenTags(list, profile?.tagIds ?? []),
    leaders: leaderIds.map((userId) => ({ userId, name: names.get(userId) ?? '' })),
    memberCount,
    householdCount,
    charter: charter
      ? { number: charter.number, effectiveAt: charter.effectiveAt, articleCount: charter.articles.length }
      : null,
    upcomingEvents: events.map((e) => ({ eventId: e._id, title: e.title, place: e.place, startAt: e.startAt })),
    canSetTags: maySetBuildingTags(caller, buildingId),
  }
}

/** The leader picks the building's 特色 from the committee's list (up to the limit the contract checks). */
export async function setBuildingTags(
  ctx: RequestContext,
  input: { buildingId: string; tagIds: string[] },
): Promise<BuildingHome> {
  const { deps, caller } = ctx
  if (!maySetBuildingTags(caller, input.buildingId)) throw forbidden('只有本楼的楼组长能选本楼的特色')
  const tagIds = [...new Set(input.tagIds)].slice(0, BUILDING_LIMITS.tagsPerBuilding)
  const list = await tagList(deps.store)
  const known = new Set(list.map((t) => t._id))
  if (tagIds.some((id) => !known.has(id))) throw new AppError('BUILDING.UNKNOWN_TAG')
  await deps.store.put('building_profiles', {
    _id: input.buildingId,
    buildingId: input.buildingId,
    tagIds,
    updatedBy: caller.userId,
    updatedAt: deps.clock.now(),
  })
  return buildingHome(ctx, { buildingId: input.buildingId })
}

/** The committee's list of every building, each with its 特色, in the neighbourhood's own order. */
export async function buildingDirectory(ctx: RequestContext): Promise<{ buildings: BuildingDirectoryRow[] }> {
  const { store } = ctx.deps
  const [estates, buildings, list, profiles] = await Promise.all([
    listEstates(store),
    allBuildings(store),
    tagList(store),
    findAll(store, 'building_profiles', {}),
  ])
  const estateOrder = new Map(estates.map((e, i) => [e._id, i]))
  const estateName = new Map(estates.map((e) => [e._id, e.name]))
  const tagsOf = new Map(profiles.map((p) => [p.buildingId, p.tagIds]))
  return {
    buildings: [...buildings]
      .sort((a, b) => (estateOrder.get(a.estateId) ?? 0) - (estateOrder.get(b.estateId) ?? 0) || a.order - b.order)
      .map((b) => ({
        buildingId: b._id,
        buildingName: `${estateName.get(b.estateId) ?? ''} ${b.name}`.trim(),
        tags: chosenTags(list, tagsOf.get(b._id) ?? []),
      })),
  }
}
