import { signalPeople } from '../shared/personal-topic'
import {
  APPLICATION_LIMITS,
  type ApplicationPage,
  type ApplicationView,
  type MembershipStatus,
  type MembershipView,
  type ResidentView,
} from '../../../contracts'
import { isAdminCaller, leadsBuilding, type Caller } from '../shared/caller'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import { householdId, type MembershipDoc, type MembershipRef } from './account.docs'
import { checkJoinCode } from './buildings'
import { takeSlot } from '../shared/counters'
import { lastOf } from '../shared/lists'
import { dropBuildingRoles, membershipEnding, recordEndings, settle } from './endings'
import type { EndingHandler } from '../shared/endings'
import { displayNames } from './people'
import { holdersOf } from './roles'
import { applicationView, buildingLabel, loadBuilding, membershipView, requireBuilding } from './views'

function refOf(m: MembershipDoc): MembershipRef {
  return { membershipId: m._id, buildingId: m.buildingId, householdId: m.householdId, room: m.room, status: m.status }
}

export async function requireMembership(store: DocumentStore, membershipId: string): Promise<MembershipDoc> {
  const membership = await store.get('memberships', membershipId)
  if (!membership) throw notFound('没有这份申请')
  return membership
}

/** Leaders of the building and the committee may manage its residents. */
export function mayManageBuilding(caller: Caller, buildingId: string): boolean {
  return isAdminCaller(caller) || leadsBuilding(caller, buildingId)
}

/**
 * Apply to live in a building. With the lobby's current join code the membership is verified at
 * once; otherwise it waits for the leader. Applying anywhere ends the previous membership: a
 * resident belongs to one building at a time.
 */
export async function applyToBuilding(
  ctx: RequestContext,
  input: { buildingId: string; room: string; joinCode?: string },
  handlers: readonly EndingHandler[],
): Promise<MembershipView> {
  const { deps, caller } = ctx
  const where = await loadBuilding(deps.store, input.buildingId)
  if (!where) throw invalidInput('buildingId', '楼组：没有这个楼组')
  const room = input.room.toUpperCase()
  const household = await deps.store.get('households', householdId(input.buildingId, room))
  if (!household) throw invalidInput('room', `房号：${where.building.name}没有 ${room} 室，请核对门牌`)
  if (caller.membership?.buildingId === input.buildingId && caller.membership.status === 'verified') {
    throw new AppError('ACCOUNT.ALREADY_MEMBER')
  }
  const verifiedByCode = input.joinCode !== undefined
  if (input.joinCode !== undefined) await checkJoinCode(deps, where, input.joinCode)
  // Changing one's own pending application within the building is not a new one for the leader.
  const replacing = caller.membership?.status === 'pending' && caller.membership.buildingId === input.buildingId
  if (!verifiedByCode) await keepQueueReadable(ctx, input.buildingId, household._id, room, replacing)
  const now = deps.clock.now()
  const membership: MembershipDoc = {
    _id: deps.ids.next('m'),
    userId: caller.userId,
    buildingId: input.buildingId,
    householdId: household._id,
    room,
    status: verifiedByCode ? 'verified' : 'pending',
    ...(verifiedByCode ? { verifiedBy: 'joinCode' as const, reviewedAt: now } : {}),
    createdAt: now,
  }
  const endings = await deps.store.transaction(async (tx) => {
    const user = await tx.get('users', caller.userId)
    const previous = user?.membership
    if (previous) {
      // An unanswered application is simply replaced; a verified one ends (moved away).
      if (previous.status === 'pending') await tx.delete('memberships', previous.membershipId)
      else if (previous.status === 'verified') {
        await tx.update('memberships', previous.membershipId, {
          set: { status: 'ended', endedAt: now, reason: '已申请加入其他楼组' },
        })
      }
    }
    await tx.insert('memberships', membership)
    // A leader who moves out no longer leads the building they left.
    const leftBuilding = previous && previous.buildingId !== input.buildingId ? previous.buildingId : null
    const dropped =
      user && leftBuilding
        ? await dropBuildingRoles(tx, deps, user, leftBuilding, 'moved')
        : { roles: user?.roles ?? [], endings: [] }
    const ended = [
      ...(leftBuilding ? membershipEnding(deps, caller.userId, previous, 'moved') : []),
      ...dropped.endings,
    ]
    await tx.update('users', caller.userId, { set: { membership: refOf(membership), roles: dropped.roles } })
    await recordEndings(tx, ended)
    return ended
  })
  await settle(deps, handlers, caller.userId, endings)
  if (!verifiedByCode && !replacing) {
    const leaders = await holdersOf(deps.store, 'leader', input.buildingId)
    await deps.notifier.notify(leaders, {
      kind: 'application',
      templateKey: 'application',
      title: '新的入楼申请',
      // No name or room here: notifications outlive a deleted account; the leader sees both on the review page.
      body: `有邻居申请加入${buildingLabel(where)}，请核实后处理。`,
      link: `/packages/leader/pages/applications/index?buildingId=${input.buildingId}`,
    })
  }
  return membershipView(membership, where)
}

/**
 * A building's review queue stays readable: at most APPLICATION_LIMITS.pendingPerRoom pending
 * applications per room (counted from the applications themselves), and at most
 * newPerBuildingPerDay new ones per building a day (a store counter, taken last so a refusal
 * for any other reason costs nothing). Replacing one's own pending application takes no new slot.
 */
async function keepQueueReadable(
  { deps, caller }: RequestContext,
  buildingId: string,
  householdId: string,
  room: string,
  replacing: boolean,
): Promise<void> {
  const waiting = await deps.store.count('memberships', { householdId, status: 'pending' })
  const mineHere = replacing && caller.membership?.householdId === householdId ? 1 : 0
  if (waiting - mineHere >= APPLICATION_LIMITS.pendingPerRoom) {
    throw new AppError(
      'ACCOUNT.TOO_MANY_APPLICATIONS',
      `房号：${room} 室已有 ${waiting} 份申请在等楼组长审核，请等审核后再申请，或联系楼组长`,
      { field: 'room' },
    )
  }
  if (replacing) return
  const slot = await takeSlot(
    deps.store,
    { name: 'applications', scope: buildingId, windowMs: 24 * 60 * 60_000 },
    APPLICATION_LIMITS.newPerBuildingPerDay,
    deps.clock.now(),
  )
  if (!slot.allowed) {
    throw new AppError(
      'ACCOUNT.TOO_MANY_APPLICATIONS',
      '楼组：这个楼组今天的新申请已经很多了，请明天再试，或联系楼组长',
      { field: 'buildingId', retryAfterSeconds: slot.retryAfterSeconds },
    )
  }
}

/** One page of a building's applications: pending ones oldest first (by id, which follows time), decided ones newest first. */
export async function listApplications(
  { deps }: RequestContext,
  input: { buildingId: string; status?: MembershipStatus; after?: string },
): Promise<ApplicationPage> {
  await requireBuilding(deps.store, input.buildingId)
  const status = input.status ?? 'pending'
  const direction = status === 'pending' ? 'asc' : 'desc'
  const size = APPLICATION_LIMITS.pageSize
  const [memberships, total, pending] = await Promise.all([
    deps.store.find(
      'memberships',
      {
        buildingId: input.buildingId,
        status,
        ...(input.after ? { _id: direction === 'asc' ? { $gt: input.after } : { $lt: input.after } } : {}),
      },
      { orderBy: [['_id', direction]], limit: size + 1 },
    ),
    deps.store.count('memberships', { buildingId: input.buildingId, status }),
    status === 'pending' ? null : deps.store.count('memberships', { buildingId: input.buildingId, status: 'pending' }),
  ])
  const page = memberships.slice(0, size)
  const names = await displayNames(
    deps.store,
    page.map((m) => m.userId),
  )
  return {
    applications: page.map((m) => applicationView(m, names.get(m.userId) ?? '')),
    total,
    pending: pending ?? total,
    ...(memberships.length > size ? { nextAfter: lastOf(page)._id } : {}),
  }
}

export async function reviewApplication(
  ctx: RequestContext,
  input: { membershipId: string; decision: 'approve' | 'reject'; reason?: string },
): Promise<ApplicationView> {
  const { deps, caller } = ctx
  const existing = await requireMembership(deps.store, input.membershipId)
  if (!mayManageBuilding(ctx.caller, existing.buildingId)) throw forbidden()
  const now = deps.clock.now()
  const status: MembershipStatus = input.decision === 'approve' ? 'verified' : 'rejected'
  const reviewed = await deps.store.transaction(async (tx) => {
    const membership = await tx.get('memberships', input.membershipId)
    if (!membership) throw notFound('没有这份申请')
    if (membership.status !== 'pending') throw new AppError('ACCOUNT.ALREADY_REVIEWED')
    const next: MembershipDoc = {
      ...membership,
      status,
      reviewedAt: now,
      reviewedBy: caller.userId,
      ...(status === 'verified' ? { verifiedBy: 'review' as const } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    }
    await tx.put('memberships', next)
    const user = await tx.get('users', membership.userId)
    if (user?.membership?.membershipId === membership._id) {
      await tx.update('users', user._id, { set: { 'membership.status': status } })
    }
    return next
  })
  const where = await requireBuilding(deps.store, reviewed.buildingId)
  await deps.notifier.notify([reviewed.userId], {
    kind: 'application',
    templateKey: 'application',
    title: status === 'verified' ? '入楼申请已通过' : '入楼申请未通过',
    body:
      status === 'verified'
        ? `欢迎加入${buildingLabel(where)}！现在可以在楼组群里和邻居们聊天了。`
        : `您加入${buildingLabel(where)}的申请未通过${input.reason ? `：${input.reason}` : ''}。如有疑问请联系楼组长。`,
    link: '/pages/me/index',
  })
  signalPeople(deps, [reviewed.userId], ['membership'])
  const names = await displayNames(deps.store, [reviewed.userId])
  return applicationView(reviewed, names.get(reviewed.userId) ?? '')
}

export async function listResidents(
  { deps }: RequestContext,
  buildingId: string,
): Promise<{ residents: ResidentView[] }> {
  await requireBuilding(deps.store, buildingId)
  const memberships = await deps.store.find(
    'memberships',
    { buildingId, status: 'verified' },
    { orderBy: [['createdAt', 'asc']], limit: 1000 },
  )
  const leaders = new Set(await holdersOf(deps.store, 'leader', buildingId))
  const names = await displayNames(
    deps.store,
    memberships.map((m) => m.userId),
  )
  const residents = memberships
    .map((m) => ({
      userId: m.userId,
      nickname: names.get(m.userId) ?? '',
      room: m.room,
      membershipId: m._id,
      since: m.reviewedAt ?? m.createdAt,
      isLeader: leaders.has(m.userId),
    }))
    .sort((a, b) => a.room.localeCompare(b.room, 'zh-CN', { numeric: true }))
  return { residents }
}

/**
 * A leader records that a resident has moved away (or was verified by mistake). Everything that
 * hung on the membership ends with it: a leader role in this building at once, in the same
 * transaction; what the features gave (interest groups, help holds, seats, streams) right after.
 */
export async function removeResident(
  ctx: RequestContext,
  input: { membershipId: string; reason?: string },
  handlers: readonly EndingHandler[],
): Promise<{ membershipId: string; status: MembershipStatus }> {
  const { deps } = ctx
  const existing = await requireMembership(deps.store, input.membershipId)
  if (!mayManageBuilding(ctx.caller, existing.buildingId)) throw forbidden()
  if (existing.status !== 'verified' && existing.status !== 'pending')
    throw new AppError('ACCOUNT.ALREADY_REVIEWED', '这位居民已不在本楼组')
  const endings = await deps.store.transaction(async (tx) => {
    const current = await tx.get('memberships', existing._id)
    if (!current || (current.status !== 'verified' && current.status !== 'pending'))
      throw new AppError('ACCOUNT.ALREADY_REVIEWED', '这位居民已不在本楼组')
    await tx.update('memberships', existing._id, {
      set: {
        status: 'ended',
        endedAt: deps.clock.now(),
        reviewedBy: ctx.caller.userId,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    })
    const user = await tx.get('users', existing.userId)
    if (!user) return []
    // Removing a co-leader would also end their leadership: who leads a building is the
    // committee's decision (assignRole/revokeRole), so a leader cannot remove another leader.
    if (
      user._id !== ctx.caller.userId &&
      !isAdminCaller(ctx.caller) &&
      user.roles.some((r) => r.role === 'leader' && r.buildingId === existing.buildingId)
    ) {
      throw new AppError('AUTH.FORBIDDEN', '楼组长的去留由居委会决定，请联系居委会')
    }
    // Living here is what ends; an application withdrawn before it was verified took no role with it.
    const dropped =
      current.status === 'verified'
        ? await dropBuildingRoles(tx, deps, user, existing.buildingId, 'removed')
        : { roles: user.roles, endings: [] }
    const isCurrent = user.membership?.membershipId === existing._id
    const ended = [
      ...(isCurrent ? membershipEnding(deps, user._id, user.membership, 'removed') : []),
      ...dropped.endings,
    ]
    await tx.update('users', user._id, {
      set: { roles: dropped.roles, ...(isCurrent ? { 'membership.status': 'ended' } : {}) },
    })
    await recordEndings(tx, ended)
    return ended
  })
  await settle(deps, handlers, existing.userId, endings)
  return { membershipId: existing._id, status: 'ended' }
}
