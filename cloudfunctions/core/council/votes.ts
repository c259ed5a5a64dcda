import { allHouseholds, countHouseholds, getHousehold } from '../account/places.repository'
import { verifiedMembershipsOfHousehold } from '../account/memberships.repository'
import {
  COUNCIL_LIMITS,
  SECRET_CHOICE_LABEL,
  voteLink,
  YES_NO_OPTIONS,
  type CouncilOverview,
  type MatterSummary,
  type NotVotedList,
  type VoteView,
} from '../../../contracts'
import { householdId } from '../account/account.docs'
import { displayNames } from '../account/people'
import { buildingLabel, requireBuilding } from '../account/views'
import { audienceMembers, findAll } from '../announcements/audience'
import { verifiedBuildingOf, type Caller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { Deps } from '../shared/ports'
import { mayManageBuilding, maySeeBuilding, votingHouseholdOf } from './access'
import { ballotId, type BallotDoc, type MatterDoc, type VoteDoc } from './council.docs'
import { isDue, settleVote } from './settle'
import { supportedByHousehold } from './supports'

const NO_VOTE = '这次表决不存在'
const NO_MATTER = '这个议题不存在'

// ---- matters ------------------------------------------------------------------------------

export async function raiseMatter(
  ctx: RequestContext,
  input: { title: string; text: string },
): Promise<{ matter: MatterSummary }> {
  const { deps, caller } = ctx
  const buildingId = verifiedBuildingOf(caller)
  if (!buildingId) throw new AppError('AUTH.NOT_VERIFIED')
  await ensureAcceptableText(deps, [input.title, input.text], 'forum', caller.openid)
  const doc: MatterDoc = {
    _id: deps.ids.next('m'),
    buildingId,
    title: input.title,
    text: input.text,
    authorId: caller.userId,
    raisedAt: deps.clock.now(),
    status: 'open',
    voteId: null,
  }
  await deps.store.insert('council_matters', doc)
  deps.log.info({ requestId: ctx.requestId, matterId: doc._id, buildingId }, 'matter raised')
  return { matter: matterSummary(doc, caller.nickname) }
}

function matterSummary(
  doc: MatterDoc,
  authorName: string,
  supportedByMyHousehold = false,
  titles: ReadonlyMap<string, string> = new Map(),
): MatterSummary {
  return {
    matterId: doc._id,
    buildingId: doc.buildingId,
    title: doc.title,
    text: doc.text,
    authorName,
    raisedAt: doc.raisedAt,
    status: doc.status,
    voteId: doc.voteId,
    supportCount: doc.supportCount ?? 0,
    supportedByMyHousehold,
    mergedInto: doc.mergedInto ? { matterId: doc.mergedInto, title: titles.get(doc.mergedInto) ?? '另一个议题' } : null,
  }
}

/** One building's 议事 page: its matters (newest first) and its open votes. Defaults to the caller's own building. */
export async function overview(ctx: RequestContext, input: { buildingId?: string }): Promise<CouncilOverview> {
  const { deps, caller } = ctx
  const buildingId =
    input.buildingId ?? verifiedBuildingOf(caller) ?? caller.roles.find((r) => r.role === 'leader')?.buildingId ?? null
  if (!buildingId) throw new AppError('AUTH.NOT_VERIFIED')
  if (!maySeeBuilding(caller, buildingId)) throw forbidden()
  const [where, matters, open] = await Promise.all([
    requireBuilding(deps.store, buildingId),
    deps.store.find('council_matters', { buildingId }, { orderBy: [['raisedAt', 'desc']], limit: 50 }),
    deps.store.find('council_votes', { buildingId, status: 'open' }, { orderBy: [['closesAt', 'asc']], limit: 50 }),
  ])
  // Votes past their time are closed on the way (the timer may not have run yet).
  const stillOpen: VoteDoc[] = []
  for (const vote of open) if (!isDue(vote, deps.clock.now()) || !(await settleVote(deps, vote))) stillOpen.push(vote)
  const settled =
    stillOpen.length === open.length
      ? matters
      : await deps.store.find('council_matters', { buildingId }, { orderBy: [['raisedAt', 'desc']], limit: 50 })
  const [names, supported] = await Promise.all([
    displayNames(deps.store, [...new Set(settled.map((m) => m.authorId))]),
    supportedByHousehold(
      deps.store,
      votingHouseholdOf(caller, buildingId)?.householdId ?? null,
      settled.map((m) => m._id),
    ),
  ])
  const titles = new Map(settled.map((m) => [m._id, m.title]))
  return {
    buildingId,
    buildingName: buildingLabel(where),
    matters: settled.map((m) => matterSummary(m, names.get(m.authorId) ?? '', supported.has(m._id), titles)),
    openVotes: stillOpen
      .filter((v) => v.status === 'open' && !isDue(v, deps.clock.now()))
      .map((v) => ({ voteId: v._id, title: titles.get(v.matterId) ?? '表决', closesAt: v.closesAt })),
    canManage: mayManageBuilding(caller, buildingId),
    canRaise: verifiedBuildingOf(caller) === buildingId,
  }
}

// ---- votes --------------------------------------------------------------------------------

export async function openVote(
  ctx: RequestContext,
  input: {
    matterId: string
    kind: 'yesNo' | 'choice'
    options?: string[]
    secret: boolean
    closesAt: number
    quorumPercent: number
    threshold: 'majority' | 'twoThirds'
  },
  /** A vote on a draft of the building's charter (core/charter/versions.ts opens those). */
  subject: { charterVersionId?: string } = {},
): Promise<{ vote: VoteView }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const matter = await deps.store.get('council_matters', input.matterId)
  if (!matter || !maySeeBuilding(caller, matter.buildingId)) throw notFound(NO_MATTER)
  if (!mayManageBuilding(caller, matter.buildingId)) throw forbidden('只有本楼的楼组长可以发起表决')
  if (input.closesAt < now + COUNCIL_LIMITS.minOpenMs) throw invalidInput('closesAt', '截止时间：至少在 10 分钟以后')
  if (input.closesAt > now + COUNCIL_LIMITS.maxOpenMs) throw invalidInput('closesAt', '截止时间：最多 30 天以后')
  if (matter.status === 'voting') throw new AppError('COUNCIL.VOTE_ALREADY_OPEN')
  if (matter.status === 'merged') throw new AppError('COUNCIL.MATTER_MERGED')
  // A charter draft is decided only by its own two-thirds vote (core/charter/versions.ts).
  if (matter.charterVersionId && matter.charterVersionId !== subject.charterVersionId)
    throw forbidden('公约草案请在“自治公约”页交付表决')
  if (input.options) await ensureAcceptableText(deps, input.options, 'forum', caller.openid)
  const householdCount = await countHouseholds(deps.store, matter.buildingId)
  const vote: VoteDoc = {
    _id: deps.ids.next('v'),
    matterId: matter._id,
    buildingId: matter.buildingId,
    kind: input.kind,
    options: input.kind === 'yesNo' ? [...YES_NO_OPTIONS] : (input.options ?? []),
    secret: input.secret,
    openedBy: caller.userId,
    openedAt: now,
    closesAt: input.closesAt,
    quorumPercent: input.quorumPercent,
    threshold: input.threshold,
    householdCount,
    status: 'open',
    closedAt: null,
    result: null,
    resultAnnouncementId: null,
    ...(subject.charterVersionId ? { charterVersionId: subject.charterVersionId } : {}),
  }
  // Only one vote at a time on a matter: the matter's status is the lock.
  const claimed = await deps.store.updateWhere(
    'council_matters',
    { _id: matter._id, status: { $in: ['open', 'decided'] } },
    { set: { status: 'voting', voteId: vote._id } },
  )
  if (!claimed) throw new AppError('COUNCIL.VOTE_ALREADY_OPEN') // or merged meanwhile: either way, no vote here
  await deps.store.insert('council_votes', vote)
  deps.log.info(
    { requestId: ctx.requestId, voteId: vote._id, matterId: matter._id, secret: vote.secret },
    'vote opened',
  )
  try {
    const recipients = (await audienceMembers(deps.store, vote.buildingId)).filter((id) => id !== caller.userId)
    await deps.notifier.notify(recipients, {
      kind: 'councilVote',
      title: `请投票：${matter.title}`.slice(0, 60),
      body: '每户一票，家里任何一位已认证的成员都可以投，截止前可以改。',
      link: voteLink(vote._id),
    })
  } catch (error) {
    deps.log.error(
      { requestId: ctx.requestId, voteId: vote._id, error: (error as Error)?.stack ?? String(error) },
      'vote notifications failed',
    )
  }
  return { vote: await voteView(deps, caller, vote, matter) }
}

/** Load a vote the caller may see, closing it first if its time has come. A vote elsewhere looks like no vote at all. */
async function visibleVote(deps: Deps, caller: Caller, voteId: string): Promise<VoteDoc> {
  const vote = await deps.store.get('council_votes', voteId)
  if (!vote || !maySeeBuilding(caller, vote.buildingId)) throw notFound(NO_VOTE)
  if (isDue(vote, deps.clock.now()))
    return (await settleVote(deps, vote)) ?? (await deps.store.get('council_votes', voteId)) ?? vote
  return vote
}

export async function getVote(ctx: RequestContext, input: { voteId: string }): Promise<{ vote: VoteView }> {
  const vote = await visibleVote(ctx.deps, ctx.caller, input.voteId)
  return { vote: await voteView(ctx.deps, ctx.caller, vote) }
}

function ensureOpen(vote: VoteDoc | null, now: number): asserts vote is VoteDoc {
  if (!vote || vote.status !== 'open' || now >= vote.closesAt) throw new AppError('COUNCIL.VOTE_CLOSED')
}

function ensureChoice(vote: VoteDoc, choice: number): void {
  if (choice >= vote.options.length) throw invalidInput('choice', '请选择一个选项')
}

/** A ballot before its choice is filed (openly, or apart for a secret vote). */
interface BallotDraft {
  _id: string
  voteId: string
  buildingId: string
  householdId: string
  room: string
  choice: number
  castBy: string | null
  castAt: number
  via: 'app' | 'paper'
  recordedBy: string | null
}

/**
 * Write the household's ballot in one transaction by ids (the vote, the ballot, the secret
 * choice): concurrent votes from one household leave exactly one ballot, the last one written.
 * For a secret vote the choice goes to a document with a random id that names no household, and
 * the household's previous choice document is removed.
 */
async function writeBallot(
  deps: Deps,
  voteId: string,
  make: (vote: VoteDoc, existing: BallotDoc | null) => BallotDraft,
): Promise<VoteDoc> {
  return deps.store.transaction(async (tx) => {
    const vote = await tx.get('council_votes', voteId)
    ensureOpen(vote, deps.clock.now())
    const draft = make(vote, null)
    const existing = await tx.get('council_ballots', draft._id)
    const ballot = make(vote, existing)
    ensureChoice(vote, ballot.choice)
    if (vote.secret) {
      if (existing?.secretRef) await tx.delete('council_secret_choices', existing.secretRef)
      const ref = `${vote._id}-${deps.ids.digits(24)}`
      await tx.insert('council_secret_choices', { _id: ref, voteId: vote._id, choice: ballot.choice })
      await tx.put('council_ballots', {
        ...ballot,
        choice: null,
        choiceLabel: SECRET_CHOICE_LABEL,
        secretRef: ref,
      })
    } else {
      await tx.put('council_ballots', {
        ...ballot,
        choiceLabel: vote.options[ballot.choice] ?? '',
        secretRef: null,
      })
    }
    return vote
  })
}

export async function castBallot(
  ctx: RequestContext,
  input: { voteId: string; choice: number },
): Promise<{ vote: VoteView }> {
  const { deps, caller } = ctx
  const found = await visibleVote(deps, caller, input.voteId)
  const household = votingHouseholdOf(caller, found.buildingId)
  if (!household) throw forbidden('只有本楼已认证的住户可以投票')
  const now = deps.clock.now()
  const vote = await writeBallot(deps, found._id, (v) => ({
    _id: ballotId(v._id, household.householdId),
    voteId: v._id,
    buildingId: v.buildingId,
    householdId: household.householdId,
    room: household.room,
    choice: input.choice,
    castBy: caller.userId,
    castAt: now,
    via: 'app',
    recordedBy: null,
  }))
  deps.log.info({ requestId: ctx.requestId, voteId: vote._id }, 'ballot cast')
  return { vote: await voteView(deps, caller, vote) }
}

/**
 * 代投: the leader writes down a household's paper ballot. Only for a household that has not voted
 * in the app, and only once (a recorded ballot is never edited; the household itself may still
 * change it in the app before the close). Everyone verified in the household is told.
 */
export async function recordPaperBallot(
  ctx: RequestContext,
  input: { voteId: string; room: string; choice: number },
): Promise<{ vote: VoteView; room: string }> {
  const { deps, caller } = ctx
  const found = await visibleVote(deps, caller, input.voteId)
  if (!mayManageBuilding(caller, found.buildingId)) throw forbidden('只有本楼的楼组长可以登记纸质选票')
  const household = await getHousehold(deps.store, householdId(found.buildingId, input.room))
  if (!household) throw invalidInput('room', '房号：本楼没有这一户，请核对门牌')
  const now = deps.clock.now()
  const vote = await writeBallot(deps, found._id, (v, existing) => {
    if (existing?.via === 'app') throw new AppError('COUNCIL.VOTED_IN_APP')
    if (existing) throw new AppError('CONFLICT', '这户的纸质选票已经登记过了')
    return {
      _id: ballotId(v._id, household._id),
      voteId: v._id,
      buildingId: v.buildingId,
      householdId: household._id,
      room: household.room,
      choice: input.choice,
      castBy: null,
      castAt: now,
      via: 'paper',
      recordedBy: caller.userId,
    }
  })
  deps.log.info({ requestId: ctx.requestId, voteId: vote._id, by: caller.userId }, 'paper ballot recorded')
  try {
    const members = await verifiedMembershipsOfHousehold(deps.store, household._id)
    const matter = await deps.store.get('council_matters', vote.matterId)
    await deps.notifier.notify(
      members.map((m) => m.userId),
      {
        kind: 'councilPaperBallot',
        title: '楼组长代您家登记了纸质选票',
        // Never the choice: a notification may be seen by anyone holding the phone.
        body: `「${matter?.title ?? '表决'}」：${caller.nickname} 登记了您家的纸质选票。如有不对，截止前可以在手机上重新投。`,
        link: voteLink(vote._id),
      },
    )
  } catch (error) {
    deps.log.error(
      { requestId: ctx.requestId, voteId: vote._id, error: (error as Error)?.stack ?? String(error) },
      'paper ballot notification failed',
    )
  }
  return { vote: await voteView(deps, caller, vote), room: household.room }
}

/** The door-knock list: rooms whose household has not voted yet. Never how anyone voted. */
export async function notVoted(ctx: RequestContext, input: { voteId: string }): Promise<NotVotedList> {
  const { deps, caller } = ctx
  const vote = await visibleVote(deps, caller, input.voteId)
  if (!mayManageBuilding(caller, vote.buildingId) && !caller.roles.some((r) => r.role === 'admin')) throw forbidden()
  const [households, ballots] = await Promise.all([
    allHouseholds(deps.store, vote.buildingId),
    findAll(deps.store, 'council_ballots', { voteId: vote._id }),
  ])
  const voted = new Set(ballots.map((b) => b.householdId))
  const rooms = households
    .filter((h) => !voted.has(h._id))
    .map((h) => h.room)
    .sort(byDoorOrder)
  return { voteId: vote._id, householdCount: vote.householdCount, turnout: voted.size, rooms }
}

function byDoorOrder(a: string, b: string): number {
  return a.localeCompare(b, 'zh', { numeric: true })
}

// ---- views --------------------------------------------------------------------------------

async function voteView(deps: Deps, caller: Caller, vote: VoteDoc, knownMatter?: MatterDoc): Promise<VoteView> {
  const household = votingHouseholdOf(caller, vote.buildingId)
  const [matter, where, turnout, mine] = await Promise.all([
    knownMatter ?? deps.store.get('council_matters', vote.matterId),
    requireBuilding(deps.store, vote.buildingId),
    vote.result ? Promise.resolve(vote.result.turnout) : deps.store.count('council_ballots', { voteId: vote._id }),
    household ? deps.store.get('council_ballots', ballotId(vote._id, household.householdId)) : Promise.resolve(null),
  ])
  const names = mine
    ? await displayNames(
        deps.store,
        [mine.castBy, mine.recordedBy].filter((x): x is string => x !== null),
      )
    : new Map<string, string>()
  const open = vote.status === 'open' && deps.clock.now() < vote.closesAt
  return {
    voteId: vote._id,
    matterId: vote.matterId,
    buildingId: vote.buildingId,
    buildingName: buildingLabel(where),
    title: matter?.title ?? '',
    text: matter?.text ?? '',
    kind: vote.kind,
    options: vote.options,
    secret: vote.secret,
    closesAt: vote.closesAt,
    quorumPercent: vote.quorumPercent,
    threshold: vote.threshold,
    status: vote.status,
    openedAt: vote.openedAt,
    householdCount: vote.householdCount,
    turnout,
    // Counts only once closed: a running tally of a secret vote would show each household's choice as it came in.
    result: vote.result,
    myHousehold: mine
      ? {
          castAt: mine.castAt,
          castByName: mine.castBy ? (names.get(mine.castBy) ?? '') : '纸质选票',
          via: mine.via,
          ...(mine.recordedBy ? { recordedByName: names.get(mine.recordedBy) ?? '' } : {}),
          choiceLabel: mine.choiceLabel,
        }
      : null,
    canVote: open && household !== null,
    canManage: mayManageBuilding(caller, vote.buildingId),
    resultAnnouncementId: vote.resultAnnouncementId,
    charterVersionId: vote.charterVersionId ?? null,
  }
}
