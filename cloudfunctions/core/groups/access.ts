import { holdersOf } from '../account/roles'
import { verifiedMembershipsOfBuilding } from '../account/memberships.repository'
import { isAdminCaller, isVerifiedResidentOf, leadsBuilding, type Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { loadKind, type RequestLoads } from '../shared/request-loads'
import { groupMemberId, type GroupDoc } from './groups.docs'
import { getGroupKnown, getGroupsKnown } from './groups.repository'

/**
 * Who belongs to a group, decided from the database at the moment of each call — so a resident
 * who is pending, rejected, moved away or deleted loses access at once, with nothing to clean up.
 *
 * - building group: the building's verified residents and its leader(s); the committee may read
 *   and moderate every group.
 * - interest group: its members (group_members); organisers moderate; the committee may too.
 */
export type GroupStanding = 'member' | 'moderator'

export interface GroupAccess {
  group: GroupDoc
  /** What the caller may do: members read and write; moderators also recall, mute, resolve reports. */
  standing: GroupStanding
}

/** The caller's standing in a group as a route policy decided it, for the use case (null: none). */
export const GROUP_ACCESS = loadKind<GroupAccess | null>('groupAccess')

/**
 * The caller's standing in a group. With `loaded`, what this call already decided is reused
 * (a route policy checks it before the use case does) and a fresh decision is remembered.
 */
export async function groupAccess(
  store: DocumentStore,
  caller: Caller,
  groupId: string,
  loaded?: RequestLoads,
): Promise<GroupAccess | null> {
  const known = loaded?.recall(GROUP_ACCESS, groupId)
  if (known !== undefined) return known
  const access = await decideGroupAccess(store, caller, groupId)
  loaded?.remember(GROUP_ACCESS, groupId, access)
  return access
}

async function decideGroupAccess(store: DocumentStore, caller: Caller, groupId: string): Promise<GroupAccess | null> {
  const group = await getGroupKnown(store, groupId)
  if (!group) return null
  if (isAdminCaller(caller)) return { group, standing: 'moderator' }
  if (group.kind === 'building' && group.buildingId) {
    if (leadsBuilding(caller, group.buildingId)) return { group, standing: 'moderator' }
    return isVerifiedResidentOf(caller, group.buildingId) ? { group, standing: 'member' } : null
  }
  const member = await store.get('group_members', groupMemberId(group._id, caller.userId))
  if (!member) return null
  return { group, standing: member.role === 'organiser' ? 'moderator' : 'member' }
}

/** The caller's standing in several groups at once (two reads at most), in the order asked; groups they do not belong to are left out. */
export async function groupAccesses(
  store: DocumentStore,
  caller: Caller,
  groupIds: readonly string[],
): Promise<GroupAccess[]> {
  const groups = new Map((await getGroupsKnown(store, groupIds)).map((g) => [g._id, g]))
  const admin = isAdminCaller(caller)
  const interest = admin ? [] : [...groups.values()].filter((g) => !(g.kind === 'building' && g.buildingId))
  const rows = interest.length
    ? await store.getMany(
        'group_members',
        interest.map((g) => groupMemberId(g._id, caller.userId)),
      )
    : []
  const roleIn = new Map(rows.map((r) => [r.groupId, r.role]))
  const accesses: GroupAccess[] = []
  for (const id of new Set(groupIds)) {
    const group = groups.get(id)
    if (!group) continue
    if (admin) accesses.push({ group, standing: 'moderator' })
    else if (group.kind === 'building' && group.buildingId) {
      if (leadsBuilding(caller, group.buildingId)) accesses.push({ group, standing: 'moderator' })
      else if (isVerifiedResidentOf(caller, group.buildingId)) accesses.push({ group, standing: 'member' })
    } else {
      const role = roleIn.get(group._id)
      if (role) accesses.push({ group, standing: role === 'organiser' ? 'moderator' : 'member' })
    }
  }
  return accesses
}

/** Everyone who belongs to a group now (to notify them, to count reach). */
export async function groupMemberIds(store: DocumentStore, group: GroupDoc): Promise<string[]> {
  if (group.kind === 'building' && group.buildingId) {
    const ids = new Set<string>()
    for (const m of await verifiedMembershipsOfBuilding(store, group.buildingId)) ids.add(m.userId)
    for (const leaderId of await holdersOf(store, 'leader', group.buildingId)) ids.add(leaderId)
    return [...ids]
  }
  const ids: string[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find(
      'group_members',
      { groupId: group._id },
      { orderBy: [['joinedAt', 'asc']], limit: 1000, skip },
    )
    ids.push(...page.map((m) => m.userId))
    if (page.length < 1000) break
  }
  return ids
}
