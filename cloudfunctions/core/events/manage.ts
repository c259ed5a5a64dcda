import { listBuildings, listEstates } from '../account/places.repository'
import { findGroupsOfKind, getGroups } from '../groups/groups.repository'
import { groupsOfMember } from '../groups/group-members.repository'
import type { AudienceOption, EventDetail, EventQuestion } from '../../../contracts'
import { buildingLabel, loadBuilding } from '../account/views'
import { isAdminCaller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { AppError, forbidden, invalidInput } from '../shared/errors'
import { audienceFields, mayManage, NEIGHBOURHOOD_LABEL, resolveAudience, type AudienceInput } from './audience'
import type { EventDoc } from './events.docs'
import { notifyCancelled, notifyChanged, notifyPromoted } from './notices'
import { normaliseQuestions, questionTexts, sameQuestions, type QuestionInput } from './questions'
import { liveRsvps } from './roster'
import { applySettlement, readWaitlist } from './rsvp'
import { addMonths, WEEK_MS } from '../../../contracts/shanghai-time'
import { detailOf, requireEvent } from './views'
import { settle } from './waitlist'
import { firstOf } from '../shared/lists'

export interface EditableInput {
  title: string
  description?: string
  place: string
  startAt: number
  endAt: number
  capacity: number | null
  signupDeadline?: number
  questions?: QuestionInput[]
}

export interface CreateInput extends EditableInput {
  audience: AudienceInput
  recurrence?: { every: 'week' | 'month'; count: number }
}

function ensureFuture(input: EditableInput, now: number): void {
  if (input.startAt <= now) throw invalidInput('startAt', '开始时间：已经过去了，请选择以后的时间')
  if (input.signupDeadline !== undefined && input.signupDeadline <= now)
    throw invalidInput('signupDeadline', '报名截止时间：已经过去了')
}

async function checkTexts(ctx: RequestContext, input: EditableInput, questions: EventQuestion[]): Promise<void> {
  await ensureAcceptableText(
    ctx.deps,
    [input.title, input.description, input.place, ...questionTexts(questions)],
    'forum',
    ctx.caller.openid,
  )
}

/** The offset of session k from the first: whole weeks, or calendar months at the same wall-clock time. */
function sessionStart(first: number, every: 'week' | 'month', k: number): number {
  return every === 'week' ? first + k * WEEK_MS : addMonths(first, k)
}

export async function createEvent(
  ctx: RequestContext,
  input: CreateInput,
): Promise<{ eventIds: string[]; event: EventDetail }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const audience = await resolveAudience(deps.store, input.audience)
  ensureFuture(input, now)
  const questions = normaliseQuestions(input.questions)
  await checkTexts(ctx, input, questions)

  const count = input.recurrence?.count ?? 1
  const every = input.recurrence?.every ?? 'week'
  const seriesId = deps.ids.next('es')
  const docs: EventDoc[] = []
  for (let k = 0; k < count; k++) {
    const startAt = sessionStart(input.startAt, every, k)
    const shift = startAt - input.startAt
    docs.push({
      _id: deps.ids.next('ev'),
      seriesId,
      sessionIndex: k + 1,
      sessionCount: count,
      title: input.title,
      description: input.description ?? '',
      place: input.place,
      startAt,
      endAt: input.endAt + shift,
      signupDeadline: input.signupDeadline !== undefined ? input.signupDeadline + shift : null,
      ...audienceFields(audience),
      questions,
      capacity: input.capacity,
      confirmedSeats: 0,
      waitingParties: 0,
      waitingPeople: 0,
      seatsHeld: false,
      nextSeq: 1,
      organiserId: caller.userId,
      createdAt: now,
      updatedAt: now,
      status: 'scheduled',
      cancelledAt: null,
      cancelReason: null,
      cancelledBy: null,
      checkInSecret: `${deps.ids.next('k')}${deps.ids.next('k')}`,
      reminded: {},
    })
  }
  await deps.store.transaction(async (tx) => {
    for (const doc of docs) await tx.insert('events', doc)
  })
  return { eventIds: docs.map((d) => d._id), event: await detailOf(deps.store, caller, firstOf(docs), now) }
}

async function requireManaged(ctx: RequestContext, eventId: string): Promise<EventDoc> {
  const event = await requireEvent(ctx.deps.store, eventId)
  if (!(await mayManage(ctx.deps.store, ctx.caller, event))) throw forbidden('只有活动的组织者和居委会可以这样做')
  return event
}

/** Everyone holding a place (confirmed or waiting), to tell them of a change. */
async function peopleWithPlaces(ctx: RequestContext, eventId: string): Promise<string[]> {
  return (await liveRsvps(ctx.deps.store, eventId)).map((r) => r.userId)
}

export async function updateEvent(
  ctx: RequestContext,
  input: EditableInput & { eventId: string },
): Promise<EventDetail> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const event = await requireManaged(ctx, input.eventId)
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
  if (now >= event.endAt) throw new AppError('EVENT.CLOSED', '活动已经结束，不能再修改')
  if (input.startAt !== event.startAt) ensureFuture(input, now)
  else if (
    input.signupDeadline !== undefined &&
    input.signupDeadline !== event.signupDeadline &&
    input.signupDeadline <= now
  ) {
    throw invalidInput('signupDeadline', '报名截止时间：已经过去了')
  }
  const questions = normaliseQuestions(input.questions)
  await checkTexts(ctx, input, questions)

  const result = await deps.store.transaction(async (tx) => {
    const fresh = await tx.get('events', event._id)
    if (!fresh || fresh.status === 'cancelled') throw new AppError('EVENT.CANCELLED')
    // Answers already given were to the old questions: once anyone has answered, they stay.
    if (!sameQuestions(fresh.questions, questions) && fresh.nextSeq > 1) {
      throw invalidInput('questions', '报名问题：已经有人报名了，不能再修改问题')
    }
    if (input.capacity !== null && input.capacity < fresh.confirmedSeats) {
      throw invalidInput('capacity', `名额：已有 ${fresh.confirmedSeats} 人确认参加，名额不能少于这个数`)
    }
    // More seats (or no limit) may let the waitlist in.
    const settled = settle({
      capacity: input.capacity,
      confirmedSeats: fresh.confirmedSeats,
      waitlist: await readWaitlist(tx, fresh._id),
    })
    const changes = {
      title: input.title,
      description: input.description ?? '',
      place: input.place,
      startAt: input.startAt,
      endAt: input.endAt,
      signupDeadline: input.signupDeadline ?? null,
      capacity: input.capacity,
      questions,
    }
    const next = await applySettlement(tx, fresh, settled, now, changes)
    return { before: fresh, next, promoted: settled.promoted.map((p) => p.userId) }
  })
  await notifyPromoted(deps, result.next, result.promoted)
  if (
    result.before.startAt !== result.next.startAt ||
    result.before.endAt !== result.next.endAt ||
    result.before.place !== result.next.place
  ) {
    const promoted = new Set(result.promoted)
    await notifyChanged(
      deps,
      result.next,
      (await peopleWithPlaces(ctx, event._id)).filter((id) => !promoted.has(id) && id !== caller.userId),
    )
  }
  return detailOf(deps.store, caller, result.next, now)
}

export async function cancelEvent(
  ctx: RequestContext,
  input: { eventId: string; reason: string; wholeSeries?: boolean },
): Promise<{ cancelled: string[] }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const event = await requireManaged(ctx, input.eventId)
  if (event.status === 'cancelled') throw new AppError('EVENT.CANCELLED', '这场活动已经取消了')
  if (now >= event.endAt) throw new AppError('EVENT.CLOSED', '活动已经结束，不能取消')
  await ensureAcceptableText(deps, [input.reason], 'forum', caller.openid)
  const sessions = input.wholeSeries
    ? (
        await deps.store.find('events', { seriesId: event.seriesId }, { orderBy: [['sessionIndex', 'asc']], limit: 50 })
      ).filter((s) => s._id === event._id || (s.status === 'scheduled' && s.endAt > now))
    : [event]
  const cancelled: string[] = []
  for (const session of sessions) {
    const done = await deps.store.updateWhere(
      'events',
      { _id: session._id, status: 'scheduled' },
      {
        set: {
          status: 'cancelled',
          cancelledAt: now,
          cancelReason: input.reason,
          cancelledBy: caller.userId,
          updatedAt: now,
        },
      },
    )
    if (!done) continue
    cancelled.push(session._id)
    await notifyCancelled(
      deps,
      session,
      (await peopleWithPlaces(ctx, session._id)).filter((id) => id !== caller.userId),
      input.reason,
    )
  }
  return { cancelled }
}

/** Where the caller may publish: their buildings, the interest groups they organise, or (committee) anywhere. */
export async function audiences({ deps, caller }: RequestContext): Promise<{ options: AudienceOption[] }> {
  const options: AudienceOption[] = []
  const admin = isAdminCaller(caller)
  if (admin) options.push({ audience: { kind: 'neighbourhood' }, label: NEIGHBOURHOOD_LABEL })
  if (admin) {
    const [estates, buildings] = await Promise.all([listEstates(deps.store, 100), listBuildings(deps.store, 1000)])
    for (const estate of estates) {
      for (const building of buildings.filter((b) => b.estateId === estate._id)) {
        options.push({
          audience: { kind: 'building', buildingId: building._id },
          label: buildingLabel({ building, estate }),
        })
      }
    }
  } else {
    for (const grant of caller.roles) {
      if (grant.role !== 'leader' || !grant.buildingId) continue
      const where = await loadBuilding(deps.store, grant.buildingId)
      if (where)
        options.push({ audience: { kind: 'building', buildingId: grant.buildingId }, label: buildingLabel(where) })
    }
  }
  const groups = admin
    ? await findGroupsOfKind(deps.store, 'interest', 1000)
    : await getGroups(
        deps.store,
        (await groupsOfMember(deps.store, caller.userId, 1000, 'organiser')).map((m) => m.groupId),
      )
  for (const group of groups.filter((g) => g.kind === 'interest').sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    options.push({ audience: { kind: 'group', groupId: group._id }, label: group.name })
  }
  return { options }
}
