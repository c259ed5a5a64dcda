import {
  allGroupsOfKind,
  findInterestGroupNamed,
  getGroup as loadGroup,
  insertGroup,
} from '../groups/groups.repository'
import {
  allGroupMembers,
  countGroupMembers,
  deleteGroupMember,
  getGroupMember,
  groupsOfMember,
  insertGroupMember,
  putGroupMember,
  setGroupRole,
} from '../groups/group-members.repository'
import { firstOf } from '../shared/lists'
import {
  BUDDY_PAGES,
  type Interest,
  type InterestGroupDetail,
  type InterestGroupSummary,
  type GroupPersonView,
} from '../../../contracts'
import { groupMemberId, type GroupMemberDoc } from '../groups/groups.docs'
import { isAdminCaller, type Caller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { DuplicateKeyError } from '../shared/document-store'
import { AppError, notFound } from '../shared/errors'
import { isInterestGroup, type InterestGroupDoc } from './buddies.docs'
import { buddyNames } from './lookups'
import { loadBuddy, requireBuddy } from './profile'
import { rankGroups } from './recommend'
import { releaseGroupRsvps } from '../events/left-group'
import { nextSessionFor } from '../events/queries'

export interface GroupInput {
  name: string
  description: string
  interests: Interest[]
}

export async function requireInterestGroup(store: DocumentStore, groupId: string): Promise<InterestGroupDoc> {
  const group = await loadGroup(store, groupId)
  // Building groups belong to the account feature; here they simply do not exist.
  if (!group || !isInterestGroup(group)) throw notFound('没有这个兴趣小组')
  return group
}

async function membersOf(store: DocumentStore, groupId: string): Promise<GroupMemberDoc[]> {
  return allGroupMembers(store, groupId)
}

async function myInterests(store: DocumentStore, caller: Caller): Promise<Interest[]> {
  return (await loadBuddy(store, caller.userId))?.interests ?? []
}

export async function listGroups({ deps, caller }: RequestContext): Promise<{ groups: InterestGroupSummary[] }> {
  const { store } = deps
  const [groups, mine, interests] = await Promise.all([
    allGroupsOfKind(store, 'interest').then((all) => all.filter(isInterestGroup)),
    groupsOfMember(store, caller.userId, 1000),
    myInterests(store, caller),
  ])
  const counts = await Promise.all(groups.map((g) => countGroupMembers(store, g._id)))
  const roleOf = new Map(mine.map((m) => [m.groupId, m.role]))
  // Each group's next session, for those who may see the group's events: its members and the
  // committee (the events feature's rule; outsiders see when a group meets once they join).
  const committee = isAdminCaller(caller)
  const now = deps.clock.now()
  const nextEvents = await Promise.all(
    groups.map((g) =>
      committee || roleOf.has(g._id) ? nextSessionFor(store, { kind: 'group', groupId: g._id }, now) : null,
    ),
  )
  const nextOf = new Map(groups.map((g, i) => [g._id, nextEvents[i]]))
  const ranked = rankGroups(
    groups.map((g, i) => ({
      groupId: g._id,
      interests: g.interests,
      memberCount: counts[i] ?? 0,
      createdAt: g.createdAt,
      doc: g,
    })),
    interests,
    new Set(roleOf.keys()),
  )
  return {
    groups: ranked.map(({ group, section, matched }) => ({
      groupId: group.groupId,
      name: group.doc.name,
      description: group.doc.description,
      interests: group.doc.interests,
      memberCount: group.memberCount,
      section,
      matched,
      myRole: roleOf.get(group.groupId) ?? null,
      ...(nextOf.get(group.groupId) ? { nextEvent: nextOf.get(group.groupId) } : {}),
    })),
  }
}

/** The group page as the caller may see it. */
export async function groupDetail(
  { deps, caller }: Pick<RequestContext, 'deps' | 'caller'>,
  group: InterestGroupDoc,
): Promise<InterestGroupDetail> {
  const { store } = deps
  const [members, buddy] = await Promise.all([membersOf(store, group._id), loadBuddy(store, caller.userId)])
  const names = await buddyNames(
    store,
    members.map((m) => m.userId),
  )
  const person = (m: GroupMemberDoc): GroupPersonView => ({
    userId: m.userId,
    nickname: names.get(m.userId) ?? '',
    role: m.role,
  })
  const mine = members.find((m) => m.userId === caller.userId) ?? null
  const ranked = firstOf(
    rankGroups(
      [{ groupId: group._id, interests: group.interests, memberCount: members.length, createdAt: group.createdAt }],
      buddy?.interests ?? [],
      new Set(mine ? [group._id] : []),
    ),
  )
  const committee = isAdminCaller(caller)
  // The group's next session (events feature), for its members and the committee.
  const nextEvent =
    mine || committee ? await nextSessionFor(store, { kind: 'group', groupId: group._id }, deps.clock.now()) : null
  return {
    groupId: group._id,
    name: group.name,
    description: group.description,
    interests: group.interests,
    memberCount: members.length,
    section: ranked.section,
    matched: ranked.matched,
    myRole: mine?.role ?? null,
    organisers: members.filter((m) => m.role === 'organiser').map(person),
    // Who else is in the group is for its members and the committee, not the whole neighbourhood.
    ...(mine || committee ? { members: members.map(person) } : {}),
    createdAt: group.createdAt,
    ...(nextEvent ? { nextEvent } : {}),
    canManage: committee,
    canJoin: !!buddy && !mine && caller.membership?.status === 'verified',
  }
}

export async function getGroup(ctx: RequestContext, groupId: string): Promise<InterestGroupDetail> {
  return groupDetail(ctx, await requireInterestGroup(ctx.deps.store, groupId))
}

/** Names must tell groups apart in the directory. */
export async function ensureNameFree(store: DocumentStore, name: string): Promise<void> {
  if (await findInterestGroupNamed(store, name)) throw new AppError('CONFLICT', '已经有同名的兴趣小组了，换个名字吧')
}

export async function checkGroupText(ctx: RequestContext, input: GroupInput): Promise<void> {
  await ensureAcceptableText(ctx.deps, [input.name, input.description], 'forum', ctx.caller.openid)
}

export async function createGroup(ctx: RequestContext, input: GroupInput): Promise<InterestGroupDetail> {
  const { deps, caller } = ctx
  await ensureNameFree(deps.store, input.name)
  await checkGroupText(ctx, input)
  const group: InterestGroupDoc = {
    _id: deps.ids.next('ig'),
    kind: 'interest',
    buildingId: null,
    name: input.name,
    description: input.description,
    interests: input.interests,
    createdAt: deps.clock.now(),
    createdBy: caller.userId,
  }
  await insertGroup(deps.store, group)
  return groupDetail(ctx, group)
}

/** Joining is what gives a buddy the group's chat and its events (both read group_members). */
export async function joinGroup(ctx: RequestContext, groupId: string): Promise<InterestGroupDetail> {
  const { deps, caller } = ctx
  await requireBuddy(deps.store, caller)
  const group = await requireInterestGroup(deps.store, groupId)
  const member: GroupMemberDoc = {
    _id: groupMemberId(group._id, caller.userId),
    groupId: group._id,
    userId: caller.userId,
    role: 'member',
    joinedAt: deps.clock.now(),
  }
  try {
    await insertGroupMember(deps.store, member)
  } catch (error) {
    // Already a member (a double tap): nothing to do.
    if (!(error instanceof DuplicateKeyError)) throw error
  }
  return groupDetail(ctx, group)
}

/**
 * A member may always leave (even after moving away); for anyone else it is like reading the group
 * page. Leaving ends the group's chat and hands on their seats in its coming sessions.
 */
export async function leaveGroup(ctx: RequestContext, groupId: string): Promise<InterestGroupDetail> {
  const { deps, caller } = ctx
  const group = await requireInterestGroup(deps.store, groupId)
  const left = await deleteGroupMember(deps.store, group._id, caller.userId)
  if (!left && caller.membership?.status !== 'verified' && !isAdminCaller(caller))
    throw new AppError('AUTH.NOT_VERIFIED')
  // The chat goes with the membership row at once; seats in the group's coming sessions go back.
  if (left) await releaseGroupRsvps(deps, caller.userId, [group._id])
  return groupDetail(ctx, group)
}

/** The committee names (or stands down) a group's organisers; an organiser not yet in the group joins it. */
export async function setOrganiser(
  ctx: RequestContext,
  input: { groupId: string; userId: string; organiser: boolean },
): Promise<InterestGroupDetail> {
  const { deps } = ctx
  const group = await requireInterestGroup(deps.store, input.groupId)
  const buddy = await deps.store.get('buddies', input.userId)
  if (!buddy) throw notFound('没有这位网络小伙伴')
  const changed = await deps.store.transaction(async (tx) => {
    const existing = await getGroupMember(tx, group._id, input.userId)
    if (!input.organiser) {
      if (!existing) throw notFound('这位小伙伴不在这个小组里')
      if (existing.role === 'member') return false
      await setGroupRole(tx, group._id, input.userId, 'member')
      return true
    }
    if (existing?.role === 'organiser') return false
    await putGroupMember(tx, {
      _id: groupMemberId(group._id, input.userId),
      groupId: group._id,
      userId: input.userId,
      role: 'organiser',
      joinedAt: existing?.joinedAt ?? deps.clock.now(),
    })
    return true
  })
  if (changed && input.organiser) {
    await deps.notifier.notify([input.userId], {
      kind: 'buddyGroup',
      title: '您成为了兴趣小组的组织者',
      body: `居委会请您担任「${group.name}」的组织者：可以在小组里发起活动、管理群聊。`,
      link: `${BUDDY_PAGES.group}?id=${group._id}`,
    })
  }
  return groupDetail(ctx, group)
}
