import { findGroupsOfKind } from '../groups/groups.repository'
import { groupsOfMember } from '../groups/group-members.repository'
import type { GroupSummary, MemberView } from '../../../contracts'
import { groupAccesses, groupMemberIds } from '../groups/access'
import { buildingGroupId } from '../groups/groups.docs'
import { isAdminCaller, type Caller } from '../shared/caller'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { describePeople, knownAccounts, requireAccess } from './access'
import { getUsersById } from '../account/users.repository'
import { memberKey } from './chat.docs'
import { unreadAfter } from './unread'
import { excerpt, shownText } from './views'

/** Groups the caller belongs to, then (for the committee) the building groups it oversees. */
export async function candidateGroupIds(
  store: DocumentStore,
  caller: Caller,
): Promise<{ own: string[]; overseen: string[] }> {
  const own = new Set<string>()
  if (caller.membership?.status === 'verified') own.add(buildingGroupId(caller.membership.buildingId))
  for (const grant of caller.roles)
    if (grant.role === 'leader' && grant.buildingId) own.add(buildingGroupId(grant.buildingId))
  const interest = await groupsOfMember(store, caller.userId, 200)
  for (const row of interest) own.add(row.groupId)
  const overseen: string[] = []
  if (isAdminCaller(caller)) {
    const all = await findGroupsOfKind(store, 'building', 1000)
    for (const group of all) if (!own.has(group._id)) overseen.push(group._id)
  }
  return { own: [...own], overseen }
}

export async function listGroups(ctx: RequestContext): Promise<{ groups: GroupSummary[]; unreadTotal: number }> {
  const { deps, caller } = ctx
  const { store } = deps
  const { own, overseen } = await candidateGroupIds(store, caller)
  const ownSet = new Set(own)
  // Decided live, like every chat call: a stale membership ref grants nothing.
  const accesses = await groupAccesses(store, caller, [...own, ...overseen])
  const ids = accesses.map((a) => a.group._id)
  const now = deps.clock.now()
  const [states, marks, mutes] = await Promise.all([
    store.getMany('chat_state', ids),
    store.getMany(
      'chat_reads',
      ids.map((id) => memberKey(id, caller.userId)),
    ),
    store.getMany(
      'chat_mutes',
      ids.map((id) => memberKey(id, caller.userId)),
    ),
  ])
  const stateOf = new Map(states.map((s) => [s._id, s]))
  const markOf = new Map(marks.map((m) => [m.groupId, m]))
  const muteOf = new Map(mutes.filter((m) => m.until > now).map((m) => [m.groupId, m]))
  const lastDocs = await store.getMany(
    'messages',
    states.map((s) => s.lastMessageId).filter((id): id is string => !!id),
  )
  const lastOf = new Map(lastDocs.map((d) => [d.groupId, d]))
  // Every group's last sender in one read, not one per group.
  const known = knownAccounts(ctx)
  const senders = [...new Set(lastDocs.map((d) => d.senderId))].filter((id) => !known.has(id))
  if (senders.length) for (const [id, user] of await getUsersById(store, senders)) known.set(id, user)

  const groups: GroupSummary[] = []
  for (const { group, standing } of accesses) {
    const mine = ownSet.has(group._id)
    const state = stateOf.get(group._id)
    const readUpTo = markOf.get(group._id)?.upTo ?? 0
    const last = lastOf.get(group._id)
    const lastAuthor = last
      ? (await describePeople(store, group, [last.senderId], known)).get(last.senderId)
      : undefined
    const mute = muteOf.get(group._id)
    groups.push({
      groupId: group._id,
      kind: group.kind,
      name: group.name,
      ...(group.buildingId ? { buildingId: group.buildingId } : {}),
      standing,
      own: mine,
      ...(last
        ? {
            lastMessage: {
              senderName: lastAuthor?.name ?? '',
              ...(lastAuthor?.badge ? { senderBadge: lastAuthor.badge } : {}),
              text: excerpt(shownText(last)),
              sentAt: last.createdAt,
              seq: last.seq,
            },
          }
        : {}),
      // Groups the committee only oversees do not count as unread for them.
      unread:
        mine && state && state.lastSeq > readUpTo ? await unreadAfter(store, group._id, caller.userId, readUpTo) : 0,
      readUpTo,
      latestSeq: state?.lastSeq ?? 0,
      ...(mute ? { mutedUntil: mute.until } : {}),
      ...(standing === 'moderator'
        ? { openReports: await store.count('chat_reports', { groupId: group._id, status: 'open' }) }
        : {}),
    })
  }
  groups.sort(
    (a, b) =>
      Number(b.own) - Number(a.own) ||
      (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0) ||
      a.name.localeCompare(b.name, 'zh-CN', { numeric: true }),
  )
  return { groups, unreadTotal: groups.reduce((n, g) => n + g.unread, 0) }
}

export async function listMembers(ctx: RequestContext, input: { groupId: string }): Promise<{ members: MemberView[] }> {
  const { deps, caller } = ctx
  const { group, standing } = await requireAccess(deps.store, caller, input.groupId, ctx.loaded)
  const ids = await groupMemberIds(deps.store, group)
  const people = await describePeople(deps.store, group, ids)
  const now = deps.clock.now()
  const mutes = new Map<string, number>()
  if (standing === 'moderator') {
    const rows = await deps.store.find('chat_mutes', { groupId: group._id, until: { $gt: now } }, { limit: 1000 })
    for (const row of rows) mutes.set(row.userId, row.until)
  }
  const members: MemberView[] = []
  for (const userId of ids) {
    const person = people.get(userId)
    if (!person?.member) continue
    members.push({
      userId,
      name: person.name,
      ...(person.badge ? { badge: person.badge } : {}),
      moderator: person.moderator,
      // Only moderators see who is muted.
      ...(mutes.has(userId) ? { mutedUntil: mutes.get(userId) } : {}),
    })
  }
  members.sort((a, b) => Number(b.moderator) - Number(a.moderator) || a.name.localeCompare(b.name, 'zh-CN'))
  return { members }
}
