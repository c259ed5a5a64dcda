import type { BuildingDoc } from '../account/account.docs'
import { groupMemberIds } from '../groups/access'
import { buildingGroupId, type GroupDoc } from '../groups/groups.docs'
import type { Doc, DocumentStore, Filter } from '../shared/document-store'
import { MAX_FIND_LIMIT } from '../shared/document-store'
import { NEIGHBOURHOOD_KEY } from './announcements.docs'

/** Every document matching `filter`, paged by `_id` (the store returns at most 1000 at a time). */
export async function findAll<T extends Doc>(store: DocumentStore, collection: string, filter: Filter): Promise<T[]> {
  const all: T[] = []
  let after: string | null = null
  for (;;) {
    const page: T[] = await store.find<T>(collection, after === null ? filter : { ...filter, _id: { $gt: after } }, {
      orderBy: [['_id', 'asc']],
      limit: MAX_FIND_LIMIT,
    })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = page[page.length - 1]._id
  }
}

/** A building's group as `groupMemberIds` needs it: membership follows verification, not a stored list. */
function buildingGroup(buildingId: string): GroupDoc {
  return { _id: buildingGroupId(buildingId), kind: 'building', buildingId, name: '', description: '', createdAt: 0, createdBy: '' }
}

export async function audienceBuildingIds(store: DocumentStore, audienceKey: string): Promise<string[]> {
  if (audienceKey !== NEIGHBOURHOOD_KEY) return [audienceKey]
  return (await findAll<BuildingDoc>(store, 'buildings', {})).map((b) => b._id)
}

/** Everyone an announcement is for: the verified residents and leaders of its building(s). */
export async function audienceMembers(store: DocumentStore, audienceKey: string): Promise<string[]> {
  const members = new Set<string>()
  for (const buildingId of await audienceBuildingIds(store, audienceKey)) {
    for (const userId of await groupMemberIds(store, buildingGroup(buildingId))) members.add(userId)
  }
  return [...members]
}
