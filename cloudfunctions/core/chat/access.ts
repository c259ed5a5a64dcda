import { getUsersById } from '../account/users.repository'
import { getGroupMembers } from '../groups/group-members.repository'
import type { SenderBadge } from '../../../contracts'
import { DELETED_USER_NAME } from '../account/account.docs'
import { buddyNames } from '../buddies/lookups'
import { groupAccess, type GroupAccess } from '../groups/access'
import { type GroupDoc, type GroupMemberDoc } from '../groups/groups.docs'
import type { Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { AppError, forbidden } from '../shared/errors'
import type { Policy } from '../shared/policy'
import { CALLER_ACCOUNT, type RequestLoads } from '../shared/request-loads'
import type { RequestContext } from '../shared/context'
import type { UserDoc } from '../account/account.docs'

/** The caller's standing in a group, decided live; anyone else gets CHAT.NOT_MEMBER (missing groups too, so nothing leaks). */
export async function requireAccess(
  store: DocumentStore,
  caller: Caller,
  groupId: string,
  loaded?: RequestLoads,
): Promise<GroupAccess> {
  const access = await groupAccess(store, caller, groupId, loaded)
  if (!access) throw new AppError('CHAT.NOT_MEMBER')
  return access
}

export async function requireModerator(
  store: DocumentStore,
  caller: Caller,
  groupId: string,
  loaded?: RequestLoads,
): Promise<GroupAccess> {
  const access = await requireAccess(store, caller, groupId, loaded)
  if (access.standing !== 'moderator') throw forbidden('只有楼组长、群组织者或居委会可以这样做')
  return access
}

/** Accounts already loaded for this call (the caller's own), so naming them costs no read. */
export function knownAccounts(ctx: Pick<RequestContext, 'caller' | 'loaded'>): Map<string, UserDoc> {
  const own = ctx.loaded?.recall(CALLER_ACCOUNT, ctx.caller.userId)
  return new Map(own ? [[own._id, own]] : [])
}

/** Route policy: the caller belongs to the group named in the input (checked before rate limits count). */
export function memberOfGroupIn<I>(pick: (input: I) => string): Policy<I> {
  return {
    describe: '该群的成员（本楼已认证居民与楼组长；兴趣小组成员）或居委会',
    async check(caller, input, deps, loaded) {
      // What it finds is left in `loaded`: the use case takes the group and standing from there.
      return (await groupAccess(deps.store, caller, pick(input), loaded)) ? true : { code: 'CHAT.NOT_MEMBER' }
    },
  }
}

export interface Author {
  name: string
  /** The account is deleted (the name is then 已注销用户). */
  deleted?: true
  badge?: SenderBadge
  /** Whether they belong to the group now (for mentions and mutes). */
  member: boolean
  /** Whether they help run it (leader, organiser, committee). */
  moderator: boolean
}

/**
 * Names, badges and standing of people in a group, read now: a deleted account shows 已注销用户,
 * a leader who stepped down loses the badge at once. In an interest group people go by their
 * buddy nickname, as on the group's page, so one person has one name there.
 */
export async function describePeople(
  store: DocumentStore,
  group: GroupDoc,
  userIds: readonly string[],
  known: ReadonlyMap<string, UserDoc> = new Map(),
): Promise<Map<string, Author>> {
  const ids = [...new Set(userIds)]
  const users = new Map(known)
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length) for (const [id, user] of await getUsersById(store, unknown)) users.set(id, user)
  const organisers = new Map<string, GroupMemberDoc>()
  let names = new Map<string, string>()
  if (group.kind !== 'building') {
    const [rows, nicknames] = await Promise.all([getGroupMembers(store, group._id, ids), buddyNames(store, ids)])
    for (const row of rows) organisers.set(row.userId, row)
    names = nicknames
  }
  const people = new Map<string, Author>()
  for (const id of ids) {
    const user = users.get(id)
    if (!user || user.deletedAt) {
      people.set(id, { name: DELETED_USER_NAME, deleted: true, member: false, moderator: false })
      continue
    }
    const admin = user.roles.some((r) => r.role === 'admin')
    let badge: SenderBadge | undefined
    let member = false
    let moderator = admin
    if (group.kind === 'building' && group.buildingId) {
      const leads = user.roles.some((r) => r.role === 'leader' && r.buildingId === group.buildingId)
      const lives = user.membership?.status === 'verified' && user.membership.buildingId === group.buildingId
      member = leads || lives
      moderator ||= leads
      badge = leads ? '楼组长' : admin ? '居委会' : undefined
    } else {
      const row = organisers.get(id)
      member = !!row
      moderator ||= row?.role === 'organiser'
      badge = row?.role === 'organiser' ? '组织者' : admin ? '居委会' : undefined
    }
    people.set(id, { name: names.get(id) ?? user.nickname, ...(badge ? { badge } : {}), member, moderator })
  }
  return people
}
