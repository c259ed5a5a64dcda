import { MAX_FIND_LIMIT, type DocumentStore, type Filter } from '../shared/document-store'
import { lastOf } from '../shared/lists'
import type { BuildingDoc, EstateDoc, HouseholdDoc } from './account.docs'

/**
 * The neighbourhood's places (estates, buildings, households), as other features read them. The
 * collections belong to the account feature; everyone else reads them through these functions.
 */

/** Every estate, in its order (a neighbourhood has a handful). */
export async function listEstates(store: DocumentStore, limit = MAX_FIND_LIMIT): Promise<EstateDoc[]> {
  return store.find('estates', {}, { orderBy: [['order', 'asc']], limit })
}

/** Every building, estate by estate in their order (a neighbourhood has dozens). */
export async function listBuildings(store: DocumentStore, limit = MAX_FIND_LIMIT): Promise<BuildingDoc[]> {
  return store.find(
    'buildings',
    {},
    {
      orderBy: [
        ['estateId', 'asc'],
        ['order', 'asc'],
      ],
      limit,
    },
  )
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

export async function getBuildings(store: DocumentStore, buildingIds: readonly string[]): Promise<BuildingDoc[]> {
  return store.getMany('buildings', buildingIds)
}

export async function getEstates(store: DocumentStore, estateIds: readonly string[]): Promise<EstateDoc[]> {
  return store.getMany('estates', estateIds)
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
