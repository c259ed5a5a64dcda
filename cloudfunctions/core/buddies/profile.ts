import { getGroups } from '../groups/groups.repository'
import { countGroupsOfMember, deleteGroupsOfMember, groupsOfMember } from '../groups/group-members.repository'
import type { BuddyProfileInput, BuddyProfileView, MyBuddyView } from '../../../contracts'
import type { Caller } from '../shared/caller'
import { ensureNotStaffName } from '../account/staff-names'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { DuplicateKeyError } from '../shared/document-store'
import { AppError } from '../shared/errors'
import { BUDDY_CONSENT_VERSION, type BuddyDoc } from './buddies.docs'
import { releaseGroupRsvps } from '../events/left-group'
import { releaseHelperHolds } from './endings'
import { findAll } from './lookups'

export type ProfileInput = BuddyProfileInput

export function profileView(doc: BuddyDoc): BuddyProfileView {
  return {
    userId: doc.userId,
    nickname: doc.nickname,
    ageBand: doc.ageBand,
    interests: doc.interests,
    tags: doc.tags,
    skills: doc.skills,
    ...(doc.workplace ? { workplace: doc.workplace } : {}),
    availability: doc.availability,
    consentAt: doc.consentAt,
    signedUpAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  }
}

export async function loadBuddy(store: DocumentStore, userId: string): Promise<BuddyDoc | null> {
  return store.get('buddies', userId)
}

/** The caller's profile, or BUDDY.NOT_SIGNED_UP. */
export async function requireBuddy(store: DocumentStore, caller: Caller): Promise<BuddyDoc> {
  const buddy = await loadBuddy(store, caller.userId)
  if (!buddy) throw new AppError('BUDDY.NOT_SIGNED_UP')
  return buddy
}

export async function totalMinutesOf(store: DocumentStore, userId: string): Promise<number> {
  const entries = await findAll(store, 'volunteer_hours', { userId }, [['confirmedAt', 'desc']])
  return entries.reduce((sum, e) => sum + e.minutes, 0)
}

export async function myProfile({ deps, caller }: RequestContext): Promise<MyBuddyView> {
  const [buddy, memberships, totalMinutes] = await Promise.all([
    loadBuddy(deps.store, caller.userId),
    groupsOfMember(deps.store, caller.userId, 1000),
    totalMinutesOf(deps.store, caller.userId),
  ])
  const groups = await getGroups(
    deps.store,
    memberships.map((m) => m.groupId),
  )
  const nameOf = new Map(groups.map((g) => [g._id, g.name]))
  return {
    profile: buddy ? profileView(buddy) : null,
    groups: memberships
      .filter((m) => nameOf.has(m.groupId))
      .sort((a, b) => a.joinedAt - b.joinedAt || a.groupId.localeCompare(b.groupId))
      .map((m) => ({ groupId: m.groupId, name: nameOf.get(m.groupId) ?? '', role: m.role, joinedAt: m.joinedAt })),
    totalMinutes,
  }
}

function profileFields(input: ProfileInput) {
  return {
    nickname: input.nickname,
    ageBand: input.ageBand,
    interests: input.interests,
    tags: input.tags ?? [],
    skills: input.skills ?? [],
    workplace: input.workplace ?? null,
    availability: input.availability,
  }
}

/** Everything a person writes in the profile goes through the content check first. */
async function checkText(ctx: RequestContext, input: ProfileInput): Promise<void> {
  await ensureNotStaffName(ctx.deps.store, ctx.caller.userId, input.nickname, 'nickname', ctx.caller.nickname)
  await ensureAcceptableText(
    ctx.deps,
    [input.nickname, ...(input.tags ?? []), input.workplace],
    'profile',
    ctx.caller.openid,
  )
}

export async function signUp(ctx: RequestContext, input: ProfileInput & { consent: true }): Promise<MyBuddyView> {
  const { deps, caller } = ctx
  if (await loadBuddy(deps.store, caller.userId)) throw new AppError('BUDDY.ALREADY_SIGNED_UP')
  await checkText(ctx, input)
  const now = deps.clock.now()
  const doc: BuddyDoc = {
    _id: caller.userId,
    userId: caller.userId,
    ...profileFields(input),
    consentVersion: BUDDY_CONSENT_VERSION,
    consentAt: now,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await deps.store.insert('buddies', doc)
  } catch (error) {
    // A double tap: the first sign-up won.
    if (error instanceof DuplicateKeyError) throw new AppError('BUDDY.ALREADY_SIGNED_UP')
    throw error
  }
  return myProfile(ctx)
}

export async function updateProfile(ctx: RequestContext, input: ProfileInput): Promise<MyBuddyView> {
  const { deps, caller } = ctx
  await requireBuddy(deps.store, caller)
  await checkText(ctx, input)
  const updated = await deps.store.update('buddies', caller.userId, {
    set: { ...profileFields(input), updatedAt: deps.clock.now() },
  })
  if (!updated) throw new AppError('BUDDY.NOT_SIGNED_UP')
  return myProfile(ctx)
}

/**
 * What leaving the programme (or deleting the account) takes with it: group memberships (and the
 * seats in those groups' coming sessions), help the person had offered (those requests open
 * again), proposals not yet decided, and finally the profile. Safe to run again if it stopped
 * half way.
 */
export async function removeBuddy(ctx: Pick<RequestContext, 'deps'>, userId: string): Promise<void> {
  const { store } = ctx.deps
  // Seats in the groups' coming sessions go back first, so a rerun still knows which groups.
  const memberships = await groupsOfMember(store, userId, 1000)
  await releaseGroupRsvps(
    ctx.deps,
    userId,
    memberships.map((m) => m.groupId),
  )
  await deleteGroupsOfMember(store, userId)
  await releaseHelperHolds(ctx.deps, userId, '帮忙的小伙伴已退出网络小伙伴')
  await store.deleteWhere('group_proposals', { proposerId: userId, status: 'pending' })
  await store.delete('buddies', userId)
}

export async function withdraw(ctx: RequestContext): Promise<{ withdrawn: true }> {
  const { deps, caller } = ctx
  const [buddy, memberships] = await Promise.all([
    loadBuddy(deps.store, caller.userId),
    countGroupsOfMember(deps.store, caller.userId),
  ])
  if (!buddy && memberships === 0) throw new AppError('BUDDY.NOT_SIGNED_UP')
  await removeBuddy(ctx, caller.userId)
  deps.log.info({ requestId: ctx.requestId, userId: caller.userId }, 'buddy withdrew')
  return { withdrawn: true }
}
