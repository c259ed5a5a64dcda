import { MAX_FIND_LIMIT, type DocumentStore } from '../shared/document-store'
import { referenceCopy } from '../shared/reference-copy'
import type { GroupDoc, GroupKind } from './groups.docs'

/**
 * The groups (building groups and interest groups), as other features read and write them. The
 * `groups` collection belongs to this feature; everyone else goes through these functions.
 */

export async function getGroup(store: DocumentStore, groupId: string): Promise<GroupDoc | null> {
  return store.get('groups', groupId)
}

/**
 * Building groups are made with their buildings (the seed, the bootstrap import, which bumps the
 * places version) and never change after, so each instance keeps a copy beside the places.
 */
const buildingGroups = referenceCopy(
  async (store) => new Map((await allGroupsOfKind(store, 'building')).map((g) => [g._id, g])),
)

/** A group, from the instance's copy when it is a building group (one read otherwise). */
export async function getGroupKnown(store: DocumentStore, groupId: string): Promise<GroupDoc | null> {
  return (await buildingGroups(store)).get(groupId) ?? store.get('groups', groupId)
}

/** Several groups: building groups from the instance's copy, the rest in one round trip. */
export async function getGroupsKnown(store: DocumentStore, groupIds: readonly string[]): Promise<GroupDoc[]> {
  const known = await buildingGroups(store)
  const unknown = [...new Set(groupIds)].filter((id) => !known.has(id))
  const fetched = new Map((unknown.length ? await store.getMany('groups', unknown) : []).map((g) => [g._id, g]))
  return [...new Set(groupIds)].flatMap((id) => known.get(id) ?? fetched.get(id) ?? [])
}

/** Several groups in one round trip; ids with no group are simply absent. */
export async function getGroups(store: DocumentStore, groupIds: readonly string[]): Promise<GroupDoc[]> {
  return store.getMany('groups', groupIds)
}

/** Groups of one kind (at most `limit`, in no particular order). */
export async function findGroupsOfKind(store: DocumentStore, kind: GroupKind, limit: number): Promise<GroupDoc[]> {
  return store.find('groups', { kind }, { limit })
}

/** Every group of one kind, oldest first, in pages of 1,000. */
export async function allGroupsOfKind(store: DocumentStore, kind: GroupKind): Promise<GroupDoc[]> {
  const all: GroupDoc[] = []
  for (let skip = 0; ; skip += MAX_FIND_LIMIT) {
    const page = await store.find('groups', { kind }, { orderBy: [['createdAt', 'asc']], limit: MAX_FIND_LIMIT, skip })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
  }
}

/** The interest group of this name, if there is one (names are unique among interest groups). */
export async function findInterestGroupNamed(store: DocumentStore, name: string): Promise<GroupDoc | null> {
  const [group] = await store.find('groups', { kind: 'interest', name }, { limit: 1 })
  return group ?? null
}

export async function insertGroup(store: DocumentStore, group: GroupDoc): Promise<void> {
  await store.insert('groups', group)
}

export async function insertGroups(store: DocumentStore, groups: readonly GroupDoc[]): Promise<void> {
  await store.insertMany('groups', groups)
}
