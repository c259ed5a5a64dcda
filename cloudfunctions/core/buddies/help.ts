import { getHousehold } from '../account/places.repository'
import { getUsers } from '../account/users.repository'
import { BUDDY_PAGES, type HelpRequestView, type HelpStatus, type Skill } from '../../../contracts'
import { householdId } from '../account/account.docs'
import { holdersOf } from '../account/roles'
import { loadBuilding } from '../account/views'
import { isAdminCaller, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { Deps, NotificationDraft } from '../shared/ports'
import { hoursId, type BuddyDoc, type HelpRequestDoc } from './buddies.docs'
import { buddyNames, findAll, loadPlaces, type Place } from './lookups'
import { firstOf } from '../shared/lists'

/**
 * Help requests (找小伙伴帮忙). The lifecycle, and who may move it:
 *
 *   open ──offerHelp (a buddy with the skill, same estate; first one wins)──▶ offered
 *   offered ──acceptOffer (requester side)──▶ accepted ──completeHelp (requester side)──▶ completed
 *   offered ──declineOffer (requester side)──▶ open   (that buddy is not offered it again)
 *   offered/accepted ──withdrawOffer (the helper)──▶ open
 *   open/offered/accepted ──cancelHelp (requester side)──▶ cancelled
 *
 * "Requester side" is the person who asked (for a request made on a household's behalf: while
 * they still lead its building), the leaders of the request's building and the committee. The
 * room is shown to the helper only while the request is accepted.
 */

type RequestSide = Pick<HelpRequestDoc, 'requesterId' | 'buildingId' | 'onBehalf'>

export function isRequesterSide(caller: Caller, request: RequestSide): boolean {
  if (isAdminCaller(caller) || leadsBuilding(caller, request.buildingId)) return true
  // A resident's own request stays theirs wherever they live; one asked for a household by its
  // leader belongs to whoever leads the building now (a leader who steps down keeps no room).
  return request.requesterId === caller.userId && !request.onBehalf
}

/** Who is looking, with what they need to decide what they may see and do. */
interface Viewer {
  caller: Caller
  buddy: BuddyDoc | null
  /** The estate of the caller's verified building; null when they are not verified anywhere. */
  estateId: string | null
}

async function viewerOf(store: DocumentStore, caller: Caller, places?: Map<string, Place>): Promise<Viewer> {
  const buildingId = verifiedBuildingOf(caller)
  const buddy = await store.get('buddies', caller.userId)
  let estateId: string | null = null
  if (buildingId)
    estateId = places
      ? (places.get(buildingId)?.estateId ?? null)
      : ((await loadBuilding(store, buildingId))?.building.estateId ?? null)
  return { caller, buddy, estateId }
}

/** A buddy who could take this request, were it open: the skill, the estate, not their own, not turned down. */
function eligible(viewer: Viewer, request: HelpRequestDoc): boolean {
  return (
    !!viewer.buddy &&
    viewer.estateId === request.estateId &&
    viewer.buddy.skills.includes(request.skill) &&
    request.requesterId !== viewer.caller.userId &&
    !request.declinedHelperIds.includes(viewer.caller.userId)
  )
}

function mayView(viewer: Viewer, request: HelpRequestDoc): boolean {
  return (
    isRequesterSide(viewer.caller, request) ||
    request.helperId === viewer.caller.userId ||
    (request.status === 'open' && eligible(viewer, request))
  )
}

function helpView(
  viewer: Viewer,
  request: HelpRequestDoc,
  place: Place | undefined,
  names: Map<string, string>,
): HelpRequestView {
  const requesterSide = isRequesterSide(viewer.caller, request)
  const isHelper = request.helperId === viewer.caller.userId
  // The address goes to the helper only once the requester has said yes, and only while it is needed.
  const showRoom = request.room !== null && (requesterSide || (isHelper && request.status === 'accepted'))
  const active = request.status === 'open' || request.status === 'offered' || request.status === 'accepted'
  return {
    requestId: request._id,
    skill: request.skill,
    when: request.when,
    note: request.note,
    status: request.status,
    buildingLabel: place?.label ?? '',
    estateId: request.estateId,
    requesterName: names.get(request.requesterId) ?? '',
    onBehalf: request.onBehalf,
    ...(showRoom ? { room: request.room as string } : {}),
    ...(request.helperId ? { helperId: request.helperId, helperName: names.get(request.helperId) ?? '' } : {}),
    ...(request.minutes !== undefined ? { minutes: request.minutes } : {}),
    createdAt: request.createdAt,
    ...(request.offeredAt !== undefined ? { offeredAt: request.offeredAt } : {}),
    ...(request.acceptedAt !== undefined ? { acceptedAt: request.acceptedAt } : {}),
    ...(request.completedAt !== undefined ? { completedAt: request.completedAt } : {}),
    ...(request.cancelledAt !== undefined ? { cancelledAt: request.cancelledAt } : {}),
    mine: {
      isRequester: request.requesterId === viewer.caller.userId,
      isHelper,
      canOffer: request.status === 'open' && eligible(viewer, request),
      canAcceptOrDecline: requesterSide && request.status === 'offered',
      canComplete: requesterSide && request.status === 'accepted',
      canCancel: requesterSide && active,
      canWithdraw: isHelper && (request.status === 'offered' || request.status === 'accepted'),
    },
  }
}

async function viewsOf(
  store: DocumentStore,
  viewer: Viewer,
  requests: HelpRequestDoc[],
  places?: Map<string, Place>,
): Promise<HelpRequestView[]> {
  const placeMap = places ?? (await loadPlaces(store))
  const names = await buddyNames(
    store,
    requests.flatMap((r) => (r.helperId ? [r.requesterId, r.helperId] : [r.requesterId])),
  )
  return requests.map((r) => helpView(viewer, r, placeMap.get(r.buildingId), names))
}

async function viewOne(store: DocumentStore, caller: Caller, request: HelpRequestDoc): Promise<HelpRequestView> {
  const places = await loadPlaces(store)
  return firstOf(await viewsOf(store, await viewerOf(store, caller, places), [request], places))
}

async function reload(store: DocumentStore, requestId: string): Promise<HelpRequestDoc> {
  const request = await store.get('help_requests', requestId)
  if (!request) throw notFound('没有这个求助')
  return request
}

/** Everyone on the requester's side who should hear about it: the requester, or for a request made on a resident's behalf, whoever leads the building now. */
export async function requesterRecipients(store: DocumentStore, request: HelpRequestDoc): Promise<string[]> {
  if (!request.onBehalf) return [request.requesterId]
  return [...new Set(await holdersOf(store, 'leader', request.buildingId))]
}

function link(request: HelpRequestDoc): string {
  return `${BUDDY_PAGES.helpDetail}?id=${request._id}`
}

export async function tell(
  deps: Deps,
  recipients: string[],
  request: HelpRequestDoc,
  draft: Omit<NotificationDraft, 'kind' | 'link' | 'templateKey'>,
): Promise<void> {
  if (!recipients.length) return
  // No names or rooms in notifications: they outlive accounts; the detail page resolves both when read.
  await deps.notifier.notify(recipients, { kind: 'help', templateKey: 'helpUpdate', link: link(request), ...draft })
}

// ---- asking ------------------------------------------------------------------------------

export interface HelpInput {
  skill: Skill
  when: string
  note?: string
  onBehalfOf?: { buildingId: string; room: string }
}

export async function requestHelp(ctx: RequestContext, input: HelpInput): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const { store } = deps
  let where: { buildingId: string; householdId: string; room: string }
  if (input.onBehalfOf) {
    const { buildingId } = input.onBehalfOf
    if (!isAdminCaller(caller) && !leadsBuilding(caller, buildingId)) throw forbidden('只有本楼的楼组长可以代邻居求助')
    const building = await loadBuilding(store, buildingId)
    if (!building) throw invalidInput('onBehalfOf.buildingId', '楼组：没有这个楼组')
    const room = input.onBehalfOf.room.toUpperCase()
    const household = await getHousehold(store, householdId(buildingId, room))
    if (!household) throw invalidInput('onBehalfOf.room', `房号：${building.building.name}没有 ${room} 室，请核对门牌`)
    where = { buildingId, householdId: household._id, room }
  } else {
    const membership = caller.membership
    if (!membership || membership.status !== 'verified') throw new AppError('AUTH.NOT_VERIFIED')
    where = { buildingId: membership.buildingId, householdId: membership.householdId, room: membership.room }
  }
  await ensureAcceptableText(deps, [input.when, input.note], 'social', caller.openid)
  const places = await loadPlaces(store)
  const place = places.get(where.buildingId)
  if (!place) throw notFound('没有这个楼组')
  const request: HelpRequestDoc = {
    _id: deps.ids.next('hr'),
    requesterId: caller.userId,
    onBehalf: !!input.onBehalfOf,
    buildingId: where.buildingId,
    estateId: place.estateId,
    householdId: where.householdId,
    room: where.room,
    skill: input.skill,
    when: input.when,
    note: input.note ?? '',
    status: 'open',
    helperId: null,
    declinedHelperIds: [],
    createdAt: deps.clock.now(),
  }
  await store.insert('help_requests', request)
  await alertBuddies(deps, request, places)
  return firstOf(await viewsOf(store, await viewerOf(store, caller, places), [request], places))
}

/** Buddies who could help see the new request in their notification centre (in-app only: no WeChat message for every request). */
async function alertBuddies(deps: Deps, request: HelpRequestDoc, places: Map<string, Place>): Promise<void> {
  const buddies = (await findAll(deps.store, 'buddies', {}, [['createdAt', 'asc']])).filter(
    (b) => b.skills.includes(request.skill) && b._id !== request.requesterId,
  )
  const users = await getUsers(
    deps.store,
    buddies.map((b) => b._id),
  )
  const nearby = users
    .filter(
      (u) =>
        !u.deletedAt &&
        u.membership?.status === 'verified' &&
        places.get(u.membership.buildingId)?.estateId === request.estateId,
    )
    .map((u) => u._id)
  if (!nearby.length) return
  await deps.notifier.notify(nearby, {
    kind: 'helpRequest',
    title: '有邻居需要帮忙',
    body: `${places.get(request.buildingId)?.label ?? ''}有邻居需要「${request.skill}」（${request.when}）。您有这项技能，方便的话去看看吧。`,
    link: link(request),
  })
}

// ---- reading -----------------------------------------------------------------------------

export type ListScope =
  { scope: 'open' } | { scope: 'mine' } | { scope: 'helping' } | { scope: 'building'; buildingId: string }

const LIST_LIMIT = 100

export async function listHelpRequests(
  ctx: RequestContext,
  input: ListScope,
): Promise<{ requests: HelpRequestView[] }> {
  const { deps, caller } = ctx
  const { store } = deps
  const places = await loadPlaces(store)
  const viewer = await viewerOf(store, caller, places)
  let requests: HelpRequestDoc[]
  if (input.scope === 'open') {
    if (!viewer.buddy) throw new AppError('BUDDY.NOT_SIGNED_UP')
    if (!viewer.estateId || viewer.buddy.skills.length === 0) return { requests: [] }
    const found = await store.find(
      'help_requests',
      { estateId: viewer.estateId, status: 'open', skill: { $in: viewer.buddy.skills } },
      {
        orderBy: [
          ['createdAt', 'asc'],
          ['_id', 'asc'],
        ],
        limit: 200,
      },
    )
    requests = found.filter((r) => eligible(viewer, r)).slice(0, LIST_LIMIT)
  } else if (input.scope === 'mine') {
    // A request asked on a household's behalf stays with the building's leader, not with whoever asked it.
    const asked = await store.find(
      'help_requests',
      { requesterId: caller.userId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        limit: LIST_LIMIT,
      },
    )
    requests = asked.filter((r) => mayView(viewer, r))
  } else if (input.scope === 'helping') {
    requests = await store.find(
      'help_requests',
      { helperId: caller.userId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        limit: LIST_LIMIT,
      },
    )
  } else {
    if (!places.has(input.buildingId)) throw notFound('没有这个楼组')
    requests = await store.find(
      'help_requests',
      { buildingId: input.buildingId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        limit: LIST_LIMIT,
      },
    )
  }
  return { requests: await viewsOf(store, viewer, requests, places) }
}

/** Someone who may not see a request learns nothing about it: NOT_FOUND, as if it did not exist. */
async function requireVisible(
  ctx: RequestContext,
  requestId: string,
): Promise<{ request: HelpRequestDoc; viewer: Viewer }> {
  const request = await ctx.deps.store.get('help_requests', requestId)
  if (!request) throw notFound('没有这个求助')
  const viewer = await viewerOf(ctx.deps.store, ctx.caller)
  if (!mayView(viewer, request)) throw notFound('没有这个求助')
  return { request, viewer }
}

export async function getHelpRequest(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { request, viewer } = await requireVisible(ctx, requestId)
  return firstOf(await viewsOf(ctx.deps.store, viewer, [request]))
}

/** For the requester's moves: NOT_FOUND to strangers, FORBIDDEN to a helper or buddy who can see it. */
async function requireRequesterSide(ctx: RequestContext, requestId: string): Promise<HelpRequestDoc> {
  const { request } = await requireVisible(ctx, requestId)
  if (!isRequesterSide(ctx.caller, request)) throw forbidden('只有求助人或本楼楼组长可以这样做')
  return request
}

// ---- moving ------------------------------------------------------------------------------

function takenOrChanged(status: HelpStatus): AppError {
  return status === 'offered' || status === 'accepted' || status === 'completed'
    ? new AppError('HELP.ALREADY_TAKEN')
    : new AppError('HELP.WRONG_STATE')
}

/** First offer wins: one conditional update on `status: open`; everyone after gets HELP.ALREADY_TAKEN. */
export async function offerHelp(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const { store } = deps
  const request = await store.get('help_requests', requestId)
  if (!request) throw notFound('没有这个求助')
  const viewer = await viewerOf(store, caller)
  if (!viewer.buddy) throw new AppError('BUDDY.NOT_SIGNED_UP')
  if (request.requesterId === caller.userId) throw forbidden('不能接自己的求助')
  if (!eligible(viewer, request)) {
    if (mayView(viewer, request)) throw forbidden(`这个求助需要同小区、会「${request.skill}」的小伙伴`)
    throw notFound('没有这个求助')
  }
  if (request.status !== 'open') throw takenOrChanged(request.status)
  const now = deps.clock.now()
  const won = await store.updateWhere(
    'help_requests',
    { _id: request._id, status: 'open' },
    { set: { status: 'offered', helperId: caller.userId, offeredAt: now } },
  )
  if (won === 0) throw takenOrChanged((await reload(store, request._id)).status)
  const offered = await reload(store, request._id)
  await tell(deps, await requesterRecipients(store, offered), offered, {
    title: '有小伙伴愿意帮忙',
    body: `您的求助「${offered.skill}」有网络小伙伴愿意帮忙，请打开确认。`,
  })
  return viewOne(store, caller, offered)
}

export async function acceptOffer(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const request = await requireRequesterSide(ctx, requestId)
  if (request.status !== 'offered' || !request.helperId) throw new AppError('HELP.WRONG_STATE')
  const moved = await deps.store.updateWhere(
    'help_requests',
    { _id: request._id, status: 'offered', helperId: request.helperId },
    { set: { status: 'accepted', acceptedAt: deps.clock.now() } },
  )
  if (moved === 0) throw new AppError('HELP.WRONG_STATE')
  const accepted = await reload(deps.store, request._id)
  await tell(deps, [request.helperId], accepted, {
    title: '对方确认了您的帮忙',
    body: `「${accepted.skill}」（${accepted.when}）已确认，打开可以看到门牌号。谢谢您！`,
  })
  return viewOne(deps.store, caller, accepted)
}

export async function declineOffer(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const request = await requireRequesterSide(ctx, requestId)
  if (request.status !== 'offered' || !request.helperId) throw new AppError('HELP.WRONG_STATE')
  const helperId = request.helperId
  const moved = await deps.store.updateWhere(
    'help_requests',
    { _id: request._id, status: 'offered', helperId },
    {
      set: { status: 'open', helperId: null, declinedHelperIds: [...request.declinedHelperIds, helperId] },
      unset: ['offeredAt'],
    },
  )
  if (moved === 0) throw new AppError('HELP.WRONG_STATE')
  const reopened = await reload(deps.store, request._id)
  await tell(deps, [helperId], reopened, {
    title: '对方暂时不需要帮忙了',
    body: `「${reopened.skill}」的求助对方另有安排，谢谢您的热心！`,
  })
  return viewOne(deps.store, caller, reopened)
}

export async function withdrawOffer(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const { request } = await requireVisible(ctx, requestId)
  if (request.helperId !== caller.userId) throw forbidden('只有帮忙的小伙伴本人可以退出')
  if (request.status !== 'offered' && request.status !== 'accepted') throw new AppError('HELP.WRONG_STATE')
  const moved = await deps.store.updateWhere(
    'help_requests',
    { _id: request._id, helperId: caller.userId, status: request.status },
    { set: { status: 'open', helperId: null }, unset: ['offeredAt', 'acceptedAt'] },
  )
  if (moved === 0) throw new AppError('HELP.WRONG_STATE')
  const reopened = await reload(deps.store, request._id)
  await tell(deps, await requesterRecipients(deps.store, reopened), reopened, {
    title: '求助重新等待小伙伴',
    body: `「${reopened.skill}」：原来的小伙伴临时来不了，求助已重新开放，其他小伙伴可以接。`,
  })
  return viewOne(deps.store, caller, reopened)
}

export async function cancelHelp(ctx: RequestContext, requestId: string): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const request = await requireRequesterSide(ctx, requestId)
  if (request.status !== 'open' && request.status !== 'offered' && request.status !== 'accepted')
    throw new AppError('HELP.WRONG_STATE')
  const moved = await deps.store.updateWhere(
    'help_requests',
    { _id: request._id, status: request.status },
    { set: { status: 'cancelled', cancelledAt: deps.clock.now(), cancelledBy: caller.userId } },
  )
  if (moved === 0) throw new AppError('HELP.WRONG_STATE')
  const cancelled = await reload(deps.store, request._id)
  if (request.helperId)
    await tell(deps, [request.helperId], cancelled, {
      title: '求助已取消',
      body: `「${cancelled.skill}」（${cancelled.when}）的求助已取消，不用去了。谢谢您！`,
    })
  return viewOne(deps.store, caller, cancelled)
}

/** Hours are recorded only here, when the requester's side confirms the help happened. */
export async function completeHelp(
  ctx: RequestContext,
  input: { requestId: string; minutes: number },
): Promise<HelpRequestView> {
  const { deps, caller } = ctx
  const request = await requireRequesterSide(ctx, input.requestId)
  if (request.status !== 'accepted' || !request.helperId)
    throw new AppError('HELP.WRONG_STATE', '只有已确认的帮忙才能记为完成')
  const now = deps.clock.now()
  const completed = await deps.store.transaction(async (tx) => {
    const current = await tx.get('help_requests', request._id)
    if (!current || current.status !== 'accepted' || !current.helperId)
      throw new AppError('HELP.WRONG_STATE', '只有已确认的帮忙才能记为完成')
    await tx.update('help_requests', current._id, {
      set: { status: 'completed', minutes: input.minutes, completedAt: now, confirmedBy: caller.userId },
    })
    await tx.insert('volunteer_hours', {
      _id: hoursId(current._id),
      userId: current.helperId,
      source: 'help',
      requestId: current._id,
      skill: current.skill,
      minutes: input.minutes,
      confirmedAt: now,
      confirmedBy: caller.userId,
    })
    return {
      ...current,
      status: 'completed' as const,
      minutes: input.minutes,
      completedAt: now,
      confirmedBy: caller.userId,
    }
  })
  await tell(deps, [request.helperId], completed, {
    title: '谢谢您的帮忙',
    body: `「${completed.skill}」已完成，为您记录了 ${input.minutes} 分钟志愿时长。`,
  })
  return viewOne(deps.store, caller, completed)
}

export async function myHours({ deps, caller }: RequestContext) {
  const entries = await findAll(deps.store, 'volunteer_hours', { userId: caller.userId }, [['confirmedAt', 'desc']])
  return {
    totalMinutes: entries.reduce((sum, e) => sum + e.minutes, 0),
    entries: entries.map((e) => ({
      requestId: e.requestId,
      skill: e.skill,
      minutes: e.minutes,
      confirmedAt: e.confirmedAt,
    })),
  }
}
