import { allBuildings, allHouseholds, getBuildings, getEstates } from '../account/places.repository'
import { ledBuildings, type BuildingReach, type ReachView } from '../../../contracts'
import type { BuildingDoc, HouseholdDoc } from '../account/account.docs'
import { allVerifiedMemberships, verifiedMembershipsOfBuilding } from '../account/memberships.repository'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { forbidden, notFound } from '../shared/errors'
import { mayManage, maySeeReach } from './access'
import { wechatSendCounts } from '../notifications/outbox'
import { NEIGHBOURHOOD_KEY, wechatAbout } from './announcements.docs'
import { findAll } from './audience'
import { audienceNames, audienceOf } from './views'

function byRoom(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true })
}

/** Buildings in neighbourhood order (estate, then number), for a stable report. */
async function orderedBuildings(store: DocumentStore, buildingIds: readonly string[] | 'all'): Promise<BuildingDoc[]> {
  const buildings = buildingIds === 'all' ? await allBuildings(store) : await getBuildings(store, buildingIds)
  const estates = await getEstates(store, [...new Set(buildings.map((b) => b.estateId))])
  const estateOrder = new Map(estates.map((e) => [e._id, e.order]))
  const estateName = new Map(estates.map((e) => [e._id, e.name]))
  return buildings
    .map((b) => ({ ...b, name: `${estateName.get(b.estateId) ?? ''} ${b.name}`.trim() }))
    .sort((a, b) => (estateOrder.get(a.estateId) ?? 0) - (estateOrder.get(b.estateId) ?? 0) || a.order - b.order)
}

/**
 * Households read / households in the audience, per building, and the rooms where nobody has read
 * it yet — telling apart those where nobody has registered at all. A household has read it when any
 * of its verified residents has (reads carry the reader's household). For the whole neighbourhood
 * that is three paged scans (households, verified memberships, reads of this announcement) and set
 * differences; for one building, three indexed queries.
 */
export async function reach(ctx: RequestContext, input: { announcementId: string }): Promise<ReachView> {
  const { deps, caller } = ctx
  const { store } = deps
  const doc = await store.get('announcements', input.announcementId)
  if (!doc) throw notFound('这条公告不存在')
  if (!maySeeReach(caller, doc)) throw forbidden()

  const wholeNeighbourhood = doc.audienceKey === NEIGHBOURHOOD_KEY && mayManage(caller, doc)
  const buildingIds =
    doc.audienceKey !== NEIGHBOURHOOD_KEY ? [doc.audienceKey] : wholeNeighbourhood ? 'all' : ledBuildings(caller.roles)

  const scope = doc.audienceKey === NEIGHBOURHOOD_KEY && !wholeNeighbourhood ? 'part' : 'all'
  const [buildings, households, residents, reads, names, wechat] = await Promise.all([
    orderedBuildings(store, buildingIds),
    buildingIds === 'all'
      ? allHouseholds(store)
      : Promise.all(buildingIds.map((buildingId) => allHouseholds(store, buildingId))).then((lists) => lists.flat()),
    buildingIds === 'all'
      ? allVerifiedMemberships(store)
      : Promise.all(buildingIds.map((buildingId) => verifiedMembershipsOfBuilding(store, buildingId))).then((lists) =>
          lists.flat(),
        ),
    buildingIds === 'all'
      ? findAll(store, 'announcement_reads', { announcementId: doc._id })
      : Promise.all(
          buildingIds.map((buildingId) =>
            findAll(store, 'announcement_reads', { announcementId: doc._id, buildingId }),
          ),
        ).then((lists) => lists.flat()),
    audienceNames(store, [doc.audienceKey]),
    // WeChat messages are counted for the whole audience, so only for those who see all of it.
    scope === 'all' ? wechatSendCounts(store, wechatAbout(doc._id)) : Promise.resolve(undefined),
  ])

  const readHouseholds = new Set<string>()
  for (const read of reads) if (read.householdId) readHouseholds.add(read.householdId)
  const registeredHouseholds = new Set(residents.map((m) => m.householdId))
  const roomsByBuilding = new Map<string, HouseholdDoc[]>()
  for (const household of households) {
    const list = roomsByBuilding.get(household.buildingId) ?? []
    list.push(household)
    roomsByBuilding.set(household.buildingId, list)
  }

  const parts: BuildingReach[] = buildings.map((building) => {
    const rooms = roomsByBuilding.get(building._id) ?? []
    const unread = rooms.filter((h) => !readHouseholds.has(h._id)).sort((a, b) => byRoom(a.room, b.room))
    const unreadRooms = unread.map((h) => h.room)
    return {
      buildingId: building._id,
      buildingName: building.name,
      households: rooms.length,
      householdsRead: rooms.length - unreadRooms.length,
      unreadRooms,
      unregisteredRooms: unread.filter((h) => !registeredHouseholds.has(h._id)).map((h) => h.room),
    }
  })
  return {
    announcementId: doc._id,
    title: doc.title,
    audience: audienceOf(doc),
    audienceName: names.get(doc.audienceKey) ?? '',
    households: parts.reduce((n, p) => n + p.households, 0),
    householdsRead: parts.reduce((n, p) => n + p.householdsRead, 0),
    scope,
    buildings: parts,
    ...(wechat ? { wechat } : {}),
  }
}
