import { allLeaderGrants, allVerifiedMemberships } from '../account/memberships.repository'
import { groupMemberIds } from '../groups/access'
import { buildingGroupId, type GroupDoc } from '../groups/groups.docs'
import type { CollectionDocs, CollectionName } from '../store-schema'
import type { DocumentStore, Filter } from '../shared/document-store'
import { MAX_FIND_LIMIT } from '../shared/document-store'
import { NEIGHBOURHOOD_KEY } from './announcements.docs'
import { lastOf } from '../shared/lists'

/** Every document matching `filter`, paged by `_id` (the store returns at most 1000 at a time). */
export async function findAll<K extends CollectionName>(
  store: DocumentStore,
  collection: K,
  filter: Filter,
): Promise<CollectionDocs[K][]> {
  const all: CollectionDocs[K][] = []
  let after: string | null = null
  for (;;) {
    const page: CollectionDocs[K][] = await store.find(
      collection,
      after === null ? filter : { ...filter, _id: { $gt: after } },
      {
        orderBy: [['_id', 'asc']],
        limit: MAX_FIND_LIMIT,
      },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}

/** A building's group as `groupMemberIds` needs it: membership follows verification, not a stored list. */
function buildingGroup(buildingId: string): GroupDoc {
  return {
    _id: buildingGroupId(buildingId),
    kind: 'building',
    buildingId,
    name: '',
    description: '',
    createdAt: 0,
    createdBy: '',
  }
}

/**
 * Everyone an announcement is for: the verified residents and leaders of its building(s). For the
 * whole neighbourhood that is every verified membership and every leader, read in pages of 1,000
 * (a handful of queries, not two per building: on CloudBase each query is a round trip).
 */
export async function audienceMembers(store: DocumentStore, audienceKey: string): Promise<string[]> {
  if (audienceKey !== NEIGHBOURHOOD_KEY) return groupMemberIds(store, buildingGroup(audienceKey))
  const [residents, leaders] = await Promise.all([allVerifiedMemberships(store), allLeaderGrants(store)])
  return [...new Set([...residents.map((m) => m.userId), ...leaders.map((g) => g.userId)])]
}
