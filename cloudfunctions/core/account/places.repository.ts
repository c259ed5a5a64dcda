import type { CounterDoc } from '../shared/counters'
import { DuplicateKeyError, MAX_FIND_LIMIT, type DocumentStore, type Filter } from '../shared/document-store'
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

/*
 * Estates and buildings change a few times a year (the committee's bootstrap import), yet nearly
 * every screen names them. Each function instance keeps a copy per store, and a single small
 * document, the places version, says whether it is still current: whoever changes the places
 * bumps it (bumpPlacesVersion). An instance looks at the version at most once a minute, so a
 * change made elsewhere shows within a minute; a change made in this process shows at once. On
 * CloudBase each look is a round trip, which is the point: reading the version is one, reading
 * the places is two or more.
 */
const PLACES_VERSION_ID = 'placesVersion'
/** How long an instance trusts its copy before it looks at the version again. */
export const PLACES_RECHECK_MS = 60_000

interface PlacesCopy {
  version: number
  /** This process's count of place changes when the copy was made (changes here invalidate at once). */
  generation: number
  checkedAt: number
  estates: Map<string, EstateDoc>
  buildings: Map<string, BuildingDoc>
  estatesInOrder: EstateDoc[]
  /** Estate by estate (by id), then in the building's order. */
  buildingsInOrder: BuildingDoc[]
}

const copies = new WeakMap<DocumentStore, PlacesCopy>()
let generation = 0

async function placesVersion(store: DocumentStore): Promise<number> {
  return (await store.get('counters', PLACES_VERSION_ID))?.count ?? 0
}

async function placesOf(store: DocumentStore): Promise<PlacesCopy> {
  const now = Date.now()
  const copy = copies.get(store)
  if (copy && copy.generation === generation && now - copy.checkedAt < PLACES_RECHECK_MS) return copy
  const version = await placesVersion(store)
  if (copy && copy.generation === generation && copy.version === version) {
    copy.checkedAt = now
    return copy
  }
  const seenGeneration = generation
  const [estates, buildings] = await Promise.all([allOf(store, 'estates'), allBuildings(store)])
  const byNumber = (a: number, b: number) => a - b
  const fresh: PlacesCopy = {
    version,
    generation: seenGeneration,
    checkedAt: now,
    estates: new Map(estates.map((e) => [e._id, e])),
    buildings: new Map(buildings.map((b) => [b._id, b])),
    estatesInOrder: [...estates].sort((a, b) => byNumber(a.order, b.order)),
    buildingsInOrder: [...buildings].sort((a, b) =>
      a.estateId === b.estateId ? byNumber(a.order, b.order) : a.estateId < b.estateId ? -1 : 1,
    ),
  }
  copies.set(store, fresh)
  return fresh
}

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

/** Say that estates or buildings changed: every instance's copy is refreshed (this process's at once). */
export async function bumpPlacesVersion(store: DocumentStore): Promise<void> {
  generation += 1
  if (await store.update('counters', PLACES_VERSION_ID, { inc: { count: 1 } })) return
  const first: CounterDoc = {
    _id: PLACES_VERSION_ID,
    name: PLACES_VERSION_ID,
    userId: null,
    scope: null,
    windowStart: 0,
    count: 1,
    // Never expires: the counters' housekeeping leaves it alone.
    expiresAt: Number.MAX_SAFE_INTEGER,
  }
  try {
    await store.insert('counters', first)
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error
    await store.update('counters', PLACES_VERSION_ID, { inc: { count: 1 } })
  }
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
