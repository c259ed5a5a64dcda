import { MAX_FIND_LIMIT, type DocumentStore, type SortDirection } from '../shared/document-store'
import { groupMemberId, type GroupMemberDoc, type GroupRole } from './groups.docs'

/**
 * Interest-group membership (`group_members`, `_id` = groupId:userId), as other features read and
 * write it. The collection belongs to this feature; everyone else goes through these functions.
 * Building groups have no rows here: their members follow verification (see access.ts).
 */

export async function getGroupMember(
  store: DocumentStore,
  groupId: string,
  userId: string,
): Promise<GroupMemberDoc | null> {
  return store.get('group_members', groupMemberId(groupId, userId))
}

/** The rows of these people in one group, in one round trip. */
export async function getGroupMembers(
  store: DocumentStore,
  groupId: string,
  userIds: readonly string[],
): Promise<GroupMemberDoc[]> {
  return store.getMany(
    'group_members',
    userIds.map((userId) => groupMemberId(groupId, userId)),
  )
}

/** One person's memberships (at most `limit`), optionally only those with a role. */
export async function groupsOfMember(
  store: DocumentStore,
  userId: string,
  limit: number,
  role?: GroupRole,
): Promise<GroupMemberDoc[]> {
  return store.find('group_members', role ? { userId, role } : { userId }, { limit })
}

export async function countGroupsOfMember(store: DocumentStore, userId: string): Promise<number> {
  return store.count('group_members', { userId })
}

export async function countGroupMembers(store: DocumentStore, groupId: string): Promise<number> {
  return store.count('group_members', { groupId })
}

/** A group's organisers (at most `limit`). */
export async function organisersOfGroup(
  store: DocumentStore,
  groupId: string,
  limit: number,
): Promise<GroupMemberDoc[]> {
  return store.find('group_members', { groupId, role: 'organiser' }, { limit })
}

/** Every row of a group, or of the whole neighbourhood when `groupId` is null, oldest first, in pages of 1,000. */
export async function allGroupMembers(store: DocumentStore, groupId: string | null): Promise<GroupMemberDoc[]> {
  const orderBy: Array<[string, SortDirection]> = [['joinedAt', 'asc']]
  const all: GroupMemberDoc[] = []
  for (let skip = 0; ; skip += MAX_FIND_LIMIT) {
    const page = await store.find('group_members', groupId === null ? {} : { groupId }, {
      orderBy,
      limit: MAX_FIND_LIMIT,
      skip,
    })
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
  }
}

/** Join: throws DuplicateKeyError when already a member. */
export async function insertGroupMember(store: DocumentStore, member: GroupMemberDoc): Promise<void> {
  await store.insert('group_members', member)
}

/** Write the row whole (create or replace), e.g. to make someone an organiser. */
export async function putGroupMember(store: DocumentStore, member: GroupMemberDoc): Promise<void> {
  await store.put('group_members', member)
}

export async function setGroupRole(
  store: DocumentStore,
  groupId: string,
  userId: string,
  role: GroupRole,
): Promise<boolean> {
  return store.update('group_members', groupMemberId(groupId, userId), { set: { role } })
}

/** Leave one group; false when they were not a member. */
export async function deleteGroupMember(store: DocumentStore, groupId: string, userId: string): Promise<boolean> {
  return store.delete('group_members', groupMemberId(groupId, userId))
}

/** Leave every group at once. */
export async function deleteGroupsOfMember(store: DocumentStore, userId: string): Promise<number> {
  return store.deleteWhere('group_members', { userId })
}
