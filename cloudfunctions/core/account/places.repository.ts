import { MAX_FIND_LIMIT, type DocumentStore, type Filter } from '../shared/document-store'
import { referenceCopy } from '../shared/reference-copy'
import { lastOf } from '../shared/lists'
import type { BuildingDoc, EstateDoc, HouseholdDoc } from './account.docs'

/**
 * The neighbourhood's places (estates, buildings, households), as other features read them. The
 * collections belong to the account feature; everyone else reads them through these functions.
 */

/** Every estate, in its order (a neighbourhood has a handful), from the instance's copy. */
export async function listEstates(store: DocumentStore, limit = MAX_FIND_LIMIT): Promise<EstateDoc[]> {
  return (await placesOf(store)).estatesInOrder.slice(0, limit)
}

/** Every building, estate by estate in their order (a neighbourhood has dozens), from the instance's copy. */
export async function listBuildings(store: DocumentStore, limit = MAX_FIND_LIMIT): Promise<BuildingDoc[]> {
  return (await placesOf(store)).buildingsInOrder.slice(0, limit)
}

/** Every building, paged by `_id` however many there are. */
export async function allBuildings(store: DocumentStore): Promise<BuildingDoc[]> {
  const all: BuildingDoc[] = []
  let after: string | null = null
  for (;;) {
    const page: BuildingDoc[] = await store.find('buildings', after === null ? {} : { _id: { $gt: after } }, {
      orderBy: [['_id', 'asc']],
      limit: MAX_FIND_LIMIT,
    })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}

/** Buildings by id, from the instance's copy of the places (missing ids are simply absent). */
export async function getBuildings(store: DocumentStore, buildingIds: readonly string[]): Promise<BuildingDoc[]> {
  const { buildings } = await placesOf(store)
  return [...new Set(buildingIds)].flatMap((id) => buildings.get(id) ?? [])
}

/** Estates by id, from the instance's copy of the places (missing ids are simply absent). */
export async function getEstates(store: DocumentStore, estateIds: readonly string[]): Promise<EstateDoc[]> {
  const { estates } = await placesOf(store)
  return [...new Set(estateIds)].flatMap((id) => estates.get(id) ?? [])
}

/** One building and its estate, from the instance's copy of the places; null when either is missing. */
export async function getBuildingWithEstate(
  store: DocumentStore,
  buildingId: string,
): Promise<{ building: BuildingDoc; estate: EstateDoc } | null> {
  const { buildings, estates } = await placesOf(store)
  const building = buildings.get(buildingId)
  const estate = building && estates.get(building.estateId)
  return building && estate ? { building, estate } : null
}

/** A household by its id (`householdId(buildingId, room)`), or null when the building has no such room. */
export async function getHousehold(store: DocumentStore, householdId: string): Promise<HouseholdDoc | null> {
  return store.get('households', householdId)
}

export async function countHouseholds(store: DocumentStore, buildingId: string): Promise<number> {
  return store.count('households', { buildingId })
}

/** Every household of the neighbourhood, or of one building, paged by `_id`. */
export async function allHouseholds(store: DocumentStore, buildingId?: string): Promise<HouseholdDoc[]> {
  const filter: Filter = buildingId === undefined ? {} : { buildingId }
  const all: HouseholdDoc[] = []
  let after: string | null = null
  for (;;) {
    const page: HouseholdDoc[] = await store.find(
      'households',
      after === null ? filter : { ...filter, _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}

interface Places {
  estates: Map<string, EstateDoc>
  buildings: Map<string, BuildingDoc>
  estatesInOrder: EstateDoc[]
  /** Estate by estate (by id), then in the building's order. */
  buildingsInOrder: BuildingDoc[]
}

/** The instance's copy of the estates and buildings (see shared/reference-copy.ts). */
const placesOf = referenceCopy<Places>(async (store) => {
  const [estates, buildings] = await Promise.all([allOf(store, 'estates'), allBuildings(store)])
  const byNumber = (a: number, b: number) => a - b
  return {
    estates: new Map(estates.map((e) => [e._id, e])),
    buildings: new Map(buildings.map((b) => [b._id, b])),
    estatesInOrder: [...estates].sort((a, b) => byNumber(a.order, b.order)),
    buildingsInOrder: [...buildings].sort((a, b) =>
      a.estateId === b.estateId ? byNumber(a.order, b.order) : a.estateId < b.estateId ? -1 : 1,
    ),
  }
})

/** Every estate (a handful), paged by `_id` all the same. */
async function allOf(store: DocumentStore, collection: 'estates'): Promise<EstateDoc[]> {
  const all: EstateDoc[] = []
  let after: string | null = null
  for (;;) {
    const page: EstateDoc[] = await store.find(collection, after === null ? {} : { _id: { $gt: after } }, {
      orderBy: [['_id', 'asc']],
      limit: MAX_FIND_LIMIT,
    })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}
