import {
  COUNCIL_LIMITS,
  type CharterArticle,
  type CharterNotSignedList,
  type CharterOverview,
  type CharterVersionView,
  type OpenCharterVoteInput,
} from '../../../contracts'
import { displayNames } from '../account/people'
import { allHouseholds, countHouseholds } from '../account/places.repository'
import { buildingLabel, requireBuilding } from '../account/views'
import { findAll } from '../announcements/audience'
import type { MatterDoc } from '../council/council.docs'
import { deleteMatter, getVote, insertMatter } from '../council/council.repository'
import { isDue, settleVote } from '../council/settle'
import { openVote } from '../council/votes'
import type { Caller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { DuplicateKeyError } from '../shared/document-store'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { Deps } from '../shared/ports'
import { defaultBuildingOf, mayFollowUp, mayManageBuilding, maySeeBuilding, votingHouseholdOf } from './access'
import { settleCharterVote } from './adopt'
import { charterVersionId, signatureId, type CharterVersionDoc } from './charter.docs'
import { articleChanges, changesLine } from './diff'
import { buildingVersions, currentOf, draftOf, versionSummary, versionView } from './views'

const NO_VERSION = '这一版公约不存在'
/**
 * A draft frozen for a vote that never got opened (the process died between the two writes) has
 * no vote to close it. Longer than any request may take, it is a draft again on the next read.
 */
export const STRANDED_AFTER_MS = 60_000
const LEADER_ONLY = '只有本楼的楼组长可以起草公约和发起表决'

// ---- reading --------------------------------------------------------------------------------

/**
 * A building's versions, after closing the draft's vote if its time has come (the timer may not
 * have run yet), so a page never shows a draft "voting" on a vote that is already over.
 */
async function settledVersions(deps: Deps, buildingId: string): Promise<CharterVersionDoc[]> {
  const versions = await buildingVersions(deps.store, buildingId)
  const stranded = versions.find(
    (v) => v.status === 'voting' && v.voteId === null && deps.clock.now() - v.updatedAt > STRANDED_AFTER_MS,
  )
  if (stranded) {
    await deps.store.updateWhere(
      'charter_versions',
      { _id: stranded._id, status: 'voting', voteId: null, updatedAt: stranded.updatedAt },
      { set: { status: 'draft' } },
    )
    return buildingVersions(deps.store, buildingId)
  }
  const voting = versions.find((v) => v.status === 'voting' && v.voteId)
  if (!voting?.voteId) return versions
  const vote = await getVote(deps.store, voting.voteId)
  if (!vote || !isDue(vote, deps.clock.now())) return versions
  await settleVote(deps, vote)
  return buildingVersions(deps.store, buildingId)
}

/** 自治公约 page: the current version, the draft, the history, and the household's signature. */
export async function charterOverview(ctx: RequestContext, input: { buildingId?: string }): Promise<CharterOverview> {
  const { deps, caller } = ctx
  const buildingId = input.buildingId ?? defaultBuildingOf(caller)
  if (!buildingId) throw new AppError('AUTH.NOT_VERIFIED')
  if (!maySeeBuilding(caller, buildingId)) throw forbidden()
  const [where, versions, householdCount] = await Promise.all([
    requireBuilding(deps.store, buildingId),
    settledVersions(deps, buildingId),
    countHouseholds(deps.store, buildingId),
  ])
  return overviewOf(deps, caller, buildingLabel(where), buildingId, versions, householdCount)
}

async function overviewOf(
  deps: Deps,
  caller: Caller,
  buildingName: string,
  buildingId: string,
  versions: CharterVersionDoc[],
  householdCount: number,
): Promise<CharterOverview> {
  const current = currentOf(versions)
  const draft = draftOf(versions)
  const household = votingHouseholdOf(caller, buildingId)
  const mine =
    current && household
      ? await deps.store.get('charter_signatures', signatureId(current._id, household.householdId))
      : null
  const names = mine ? await displayNames(deps.store, [mine.signedBy]) : new Map<string, string>()
  return {
    buildingId,
    buildingName,
    current: current ? versionView(caller, current, versions, buildingName) : null,
    draft: draft ? versionSummary(draft) : null,
    history: versions.filter((v) => v.status === 'adopted').map(versionSummary),
    mySignature: mine ? { signedAt: mine.signedAt, signedByName: names.get(mine.signedBy) ?? '' } : null,
    signedCount: current?.signedCount ?? 0,
    householdCount,
    canSign: current !== null && household !== null && mine === null,
    canManage: mayManageBuilding(caller, buildingId),
    canFollowUp: mayFollowUp(caller, buildingId),
  }
}

/** A version the caller may see, with the building's other versions; one elsewhere looks like none at all. */
async function visibleVersion(deps: Deps, caller: Caller, versionId: string) {
  const found = await deps.store.get('charter_versions', versionId)
  if (!found || !maySeeBuilding(caller, found.buildingId)) throw notFound(NO_VERSION)
  const [where, versions] = await Promise.all([
    requireBuilding(deps.store, found.buildingId),
    settledVersions(deps, found.buildingId),
  ])
  const version = versions.find((v) => v._id === versionId) ?? found
  return { version, versions, buildingName: buildingLabel(where) }
}

export async function getCharterVersion(
  ctx: RequestContext,
  input: { versionId: string },
): Promise<{ version: CharterVersionView }> {
  const { version, versions, buildingName } = await visibleVersion(ctx.deps, ctx.caller, input.versionId)
  return { version: versionView(ctx.caller, version, versions, buildingName) }
}

// ---- the leader's draft ---------------------------------------------------------------------

/** A version the caller may change: visible, and the caller leads its building. */
async function managedVersion(deps: Deps, caller: Caller, versionId: string) {
  const found = await visibleVersion(deps, caller, versionId)
  if (!mayManageBuilding(caller, found.version.buildingId)) throw forbidden(LEADER_ONLY)
  return found
}

function ensureDraft(version: CharterVersionDoc): void {
  if (version.status === 'voting') throw new AppError('CHARTER.VOTE_OPEN')
  if (version.status === 'adopted') throw new AppError('CHARTER.ADOPTED')
}

async function ensureAcceptableArticles(deps: Deps, caller: Caller, articles: readonly CharterArticle[]) {
  await ensureAcceptableText(
    deps,
    articles.flatMap((a) => [a.title, a.text]),
    'forum',
    caller.openid,
  )
}

/** The leader starts the next version: from a committee template, or from the current version. */
export async function draftCharter(
  ctx: RequestContext,
  input: { buildingId: string; templateId?: string },
): Promise<{ version: CharterVersionView }> {
  const { deps, caller } = ctx
  if (!mayManageBuilding(caller, input.buildingId)) throw forbidden(LEADER_ONLY)
  const [where, versions, template] = await Promise.all([
    requireBuilding(deps.store, input.buildingId),
    settledVersions(deps, input.buildingId),
    input.templateId ? deps.store.get('charter_templates', input.templateId) : Promise.resolve(null),
  ])
  if (draftOf(versions)) throw new AppError('CHARTER.DRAFT_EXISTS')
  const current = currentOf(versions)
  if (input.templateId && !template) throw invalidInput('templateId', '这份范本不存在了，请另选一份')
  if (!template && !current) throw invalidInput('templateId', '本楼还没有公约，请从一份范本开始')
  const source = template
    ? { articles: template.articles, basedOn: `范本「${template.title}」` }
    : { articles: current?.articles ?? [], basedOn: `第 ${current?.number ?? 0} 版` }
  const now = deps.clock.now()
  const number = (current?.number ?? 0) + 1
  const doc: CharterVersionDoc = {
    _id: charterVersionId(input.buildingId, number),
    buildingId: input.buildingId,
    number,
    status: 'draft',
    articles: source.articles,
    basedOn: source.basedOn,
    draftedBy: caller.userId,
    draftedAt: now,
    updatedAt: now,
    voteId: null,
    effectiveAt: null,
    resultSentence: null,
    signedCount: 0,
  }
  try {
    await deps.store.insert('charter_versions', doc)
  } catch (error) {
    // Another draft of the same number was made at the same moment.
    if (error instanceof DuplicateKeyError) throw new AppError('CHARTER.DRAFT_EXISTS')
    throw error
  }
  deps.log.info({ requestId: ctx.requestId, versionId: doc._id }, 'charter drafted')
  return { version: versionView(caller, doc, [doc, ...versions], buildingLabel(where)) }
}

export async function editCharterDraft(
  ctx: RequestContext,
  input: { versionId: string; articles: CharterArticle[] },
): Promise<{ version: CharterVersionView }> {
  const { deps, caller } = ctx
  const { version, versions, buildingName } = await managedVersion(deps, caller, input.versionId)
  ensureDraft(version)
  await ensureAcceptableArticles(deps, caller, input.articles)
  const now = deps.clock.now()
  // Only while still a draft: a vote opened meanwhile freezes it.
  const changed = await deps.store.updateWhere(
    'charter_versions',
    { _id: version._id, status: 'draft' },
    { set: { articles: input.articles, updatedAt: now } },
  )
  if (!changed) throw new AppError('CHARTER.VOTE_OPEN')
  const edited: CharterVersionDoc = { ...version, articles: input.articles, updatedAt: now }
  return {
    version: versionView(
      caller,
      edited,
      versions.map((v) => (v._id === edited._id ? edited : v)),
      buildingName,
    ),
  }
}

/**
 * The leader puts the draft to the building: a yes/no vote through the council's vote machinery,
 * always with the two-thirds threshold. The draft is frozen (`voting`) first, so a second vote on
 * it, or an edit under the vote, is refused; its matter (议题) says what changes.
 */
export async function openCharterVote(
  ctx: RequestContext,
  input: OpenCharterVoteInput,
): Promise<{ version: CharterVersionView; voteId: string }> {
  const { deps, caller } = ctx
  const now = deps.clock.now()
  const { version, versions, buildingName } = await managedVersion(deps, caller, input.versionId)
  ensureDraft(version)
  if (input.closesAt < now + COUNCIL_LIMITS.minOpenMs) throw invalidInput('closesAt', '截止时间：至少在 10 分钟以后')
  if (input.closesAt > now + COUNCIL_LIMITS.maxOpenMs) throw invalidInput('closesAt', '截止时间：最多 30 天以后')
  const frozen = await deps.store.updateWhere(
    'charter_versions',
    { _id: version._id, status: 'draft' },
    { set: { status: 'voting', updatedAt: now } },
  )
  if (!frozen) throw new AppError('CHARTER.VOTE_OPEN')
  const current = currentOf(versions)
  const changes = changesLine(articleChanges(current?.articles ?? [], version.articles))
  const matter: MatterDoc = {
    _id: deps.ids.next('m'),
    buildingId: version.buildingId,
    title: `通过自治公约第 ${version.number} 版`,
    text:
      `本楼自治公约第 ${version.number} 版共 ${version.articles.length} 条` +
      (current ? `（与现行第 ${current.number} 版相比：${changes}）` : '') +
      '。须三分之二以上参加表决的户同意才能通过，通过后即成为本楼现行公约。全文请看“自治公约”页。',
    authorId: caller.userId,
    raisedAt: now,
    status: 'open',
    voteId: null,
    charterVersionId: version._id,
  }
  let voteId: string
  try {
    await insertMatter(deps.store, matter)
    const { vote } = await openVote(
      ctx,
      {
        matterId: matter._id,
        kind: 'yesNo',
        secret: input.secret,
        closesAt: input.closesAt,
        quorumPercent: input.quorumPercent,
        threshold: 'twoThirds',
      },
      { charterVersionId: version._id },
    )
    voteId = vote.voteId
  } catch (error) {
    // Nothing was put to the vote: the draft is a draft again.
    await deleteMatter(deps.store, matter._id)
    await deps.store.updateWhere(
      'charter_versions',
      { _id: version._id, status: 'voting', voteId: null },
      { set: { status: 'draft' } },
    )
    throw error
  }
  await deps.store.update('charter_versions', version._id, { set: { voteId } })
  deps.log.info({ requestId: ctx.requestId, versionId: version._id, voteId }, 'charter vote opened')
  const voting: CharterVersionDoc = { ...version, status: 'voting', voteId }
  return {
    version: versionView(
      caller,
      voting,
      versions.map((v) => (v._id === voting._id ? voting : v)),
      buildingName,
    ),
    voteId,
  }
}

/**
 * Makes a version current once its vote has closed passed. The close does this by itself; this
 * finishes a close that was interrupted before adopting. Without a passed two-thirds decision on
 * the version it is refused.
 */
export async function adoptCharter(
  ctx: RequestContext,
  input: { versionId: string },
): Promise<{ version: CharterVersionView }> {
  const { deps, caller } = ctx
  const found = await managedVersion(deps, caller, input.versionId)
  if (found.version.status === 'adopted')
    return { version: versionView(caller, found.version, found.versions, found.buildingName) }
  const vote = found.version.voteId ? await getVote(deps.store, found.version.voteId) : null
  if (!vote || vote.status !== 'closed' || !vote.result?.passed || vote.charterVersionId !== found.version._id)
    throw new AppError('CHARTER.NOT_PASSED')
  await settleCharterVote(deps, vote)
  const after = await visibleVersion(deps, caller, input.versionId)
  return { version: versionView(caller, after.version, after.versions, after.buildingName) }
}

// ---- signing --------------------------------------------------------------------------------

/** 签约: any verified member signs the current version for their household, once. */
export async function signCharter(ctx: RequestContext, input: { versionId: string }): Promise<CharterOverview> {
  const { deps, caller } = ctx
  const { version, versions, buildingName } = await visibleVersion(deps, caller, input.versionId)
  const household = votingHouseholdOf(caller, version.buildingId)
  if (!household) throw forbidden('只有本楼已认证的住户可以签约')
  if (currentOf(versions)?._id !== version._id) throw new AppError('CHARTER.NOT_CURRENT')
  const now = deps.clock.now()
  const id = signatureId(version._id, household.householdId)
  // By ids, in one transaction: the signature and the version's count move together.
  await deps.store.transaction(async (tx) => {
    const [existing, fresh] = await Promise.all([
      tx.get('charter_signatures', id),
      tx.get('charter_versions', version._id),
    ])
    if (existing) throw new AppError('CHARTER.ALREADY_SIGNED')
    await tx.insert('charter_signatures', {
      _id: id,
      versionId: version._id,
      buildingId: version.buildingId,
      householdId: household.householdId,
      room: household.room,
      signedBy: caller.userId,
      signedAt: now,
    })
    await tx.update('charter_versions', version._id, { set: { signedCount: (fresh?.signedCount ?? 0) + 1 } })
  })
  deps.log.info({ requestId: ctx.requestId, versionId: version._id }, 'charter signed')
  const householdCount = await countHouseholds(deps.store, version.buildingId)
  const signed = versions.map((v) => (v._id === version._id ? { ...v, signedCount: v.signedCount + 1 } : v))
  return overviewOf(deps, caller, buildingName, version.buildingId, signed, householdCount)
}

/** The door-knock list: rooms whose household has not signed the current version. Nothing else about anyone. */
export async function charterNotSigned(
  ctx: RequestContext,
  input: { buildingId: string },
): Promise<CharterNotSignedList> {
  const { deps, caller } = ctx
  if (!mayFollowUp(caller, input.buildingId)) throw forbidden()
  const [versions, households] = await Promise.all([
    buildingVersions(deps.store, input.buildingId),
    allHouseholds(deps.store, input.buildingId),
  ])
  const current = currentOf(versions)
  if (!current) throw notFound('本楼还没有通过的公约')
  const signatures = await findAll(deps.store, 'charter_signatures', { versionId: current._id })
  const signed = new Set(signatures.map((s) => s.householdId))
  return {
    versionId: current._id,
    number: current.number,
    householdCount: households.length,
    signedCount: signed.size,
    rooms: households
      .filter((h) => !signed.has(h._id))
      .map((h) => h.room)
      .sort((a, b) => a.localeCompare(b, 'zh', { numeric: true })),
  }
}
