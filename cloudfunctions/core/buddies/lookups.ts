import { listBuildings, listEstates } from '../account/places.repository'
import { displayNames } from '../account/people'
import type { CollectionDocs, CollectionName } from '../store-schema'
import type { DocumentStore, Filter, SortDirection } from '../shared/document-store'
import { MAX_FIND_LIMIT } from '../shared/document-store'

/** Every document matching `filter`, a page of 1000 at a time (CloudBase's cap per query). */
export async function findAll<K extends CollectionName>(
  store: DocumentStore,
  collection: K,
  filter: Filter,
  orderBy: Array<[string, SortDirection]>,
): Promise<CollectionDocs[K][]> {
  const all: CollectionDocs[K][] = []
  for (let skip = 0; ; skip += MAX_FIND_LIMIT) {
    const page = await store.find(collection, filter, { orderBy, limit: MAX_FIND_LIMIT, skip })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
  }
}

export interface Place {
  buildingId: string
  estateId: string
  /** e.g. 金上海家园 5号楼 */
  label: string
  /** Estates in their order, then buildings in theirs. */
  order: number
}

/** The neighbourhood's buildings (35 here), read once per call for labels and estates. */
export async function loadPlaces(store: DocumentStore): Promise<Map<string, Place>> {
  const [estates, buildings] = await Promise.all([listEstates(store), listBuildings(store)])
  const estateById = new Map(estates.map((e) => [e._id, e]))
  const places = new Map<string, Place>()
  for (const b of buildings) {
    const estate = estateById.get(b.estateId)
    places.set(b._id, {
      buildingId: b._id,
      estateId: b.estateId,
      label: `${estate?.name ?? ''} ${b.name}`.trim(),
      order: (estate?.order ?? 99) * 1000 + b.order,
    })
  }
  return places
}

/**
 * Names in buddy spaces (groups, help): the buddy nickname while the profile exists, else the
 * account's name — which is 已注销用户 once the account is deleted. Resolved at read time.
 */
export async function buddyNames(store: DocumentStore, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)]
  const [profiles, accounts] = await Promise.all([store.getMany('buddies', unique), displayNames(store, unique)])
  const names = new Map(accounts)
  for (const p of profiles) names.set(p._id, p.nickname)
  return names
}
