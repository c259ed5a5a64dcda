import { insertAnnouncement } from '../announcements/announcements.repository'
import { announcementLink, AUTHOR_ROLE_NAMES } from '../../../contracts'
import { findAll, audienceMembers } from '../announcements/audience'
import { liveUntilOf, wechatAbout, type AnnouncementDoc } from '../announcements/announcements.docs'
import { buildingLabel, loadBuilding } from '../account/views'
import { settleCharterVote } from '../charter/adopt'
import type { Deps } from '../shared/ports'
import type { VoteDoc } from './council.docs'
import { resultOf } from './tally'

/**
 * A vote is counted this long after its closing time: a ballot accepted just before the close
 * (its request may take up to the router's 15 s timeout to commit) is never left out of the count.
 */
export const SETTLE_GRACE_MS = 20_000

export function isDue(vote: VoteDoc, now: number): boolean {
  return vote.status === 'open' && now >= vote.closesAt + SETTLE_GRACE_MS
}

/** Households per option, recounted from the ballots (or, for a secret vote, from the unlinked choices). */
export async function countBallots(deps: Pick<Deps, 'store'>, vote: VoteDoc): Promise<number[]> {
  const counts = vote.options.map(() => 0)
  const choices = vote.secret
    ? (await findAll(deps.store, 'council_secret_choices', { voteId: vote._id })).map((c) => c.choice)
    : (await findAll(deps.store, 'council_ballots', { voteId: vote._id })).map((b) => b.choice)
  for (const choice of choices)
    if (choice !== null && choice >= 0 && choice < counts.length) counts[choice] = (counts[choice] ?? 0) + 1
  return counts
}

/**
 * Close a vote whose time has come: recount, record the result once (only the run whose
 * conditional update turns `open` into `closed` goes on), and publish it to the building as an
 * announcement signed 楼组长, which notifies everyone there. Returns the closed vote, or null when
 * another run closed it first. A crash between closing and announcing loses the announcement (the
 * result itself stands on the vote page): at most once, never twice.
 */
export async function settleVote(
  deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'ids' | 'clock'>,
  vote: VoteDoc,
): Promise<VoteDoc | null> {
  const now = deps.clock.now()
  if (!isDue(vote, now)) return null
  const result = resultOf(vote, await countBallots(deps, vote))
  const announcementId = deps.ids.next('a')
  const changed = await deps.store.updateWhere(
    'council_votes',
    { _id: vote._id, status: 'open' },
    { set: { status: 'closed', closedAt: now, result, resultAnnouncementId: announcementId } },
  )
  if (!changed) return null
  const closed: VoteDoc = { ...vote, status: 'closed', closedAt: now, result, resultAnnouncementId: announcementId }
  const [matter, where] = await Promise.all([
    deps.store.get('council_matters', vote.matterId),
    loadBuilding(deps.store, vote.buildingId),
  ])
  await deps.store.updateWhere(
    'council_matters',
    { _id: vote.matterId, voteId: vote._id },
    { set: { status: 'decided' } },
  )
  // A vote on a charter draft adopts it (or returns it to draft) before the result is announced.
  let charterLine: string | null = null
  try {
    charterLine = await settleCharterVote(deps, closed)
  } catch (error) {
    // The result stands; charter.adoptCharter finishes the adoption later.
    deps.log.error({ voteId: vote._id, error: (error as Error)?.stack ?? String(error) }, 'charter adoption failed')
  }
  const title = `表决结果：${matter?.title ?? '议题'}`.slice(0, 60)
  const lines = vote.options.map((option, i) => `${option}：${result.counts[i] ?? 0} 户`)
  const body = [
    result.sentence + '。',
    `${vote.secret ? '不记名' : '记名'}表决，${vote.quorumPercent}% 的户参加才有效。`,
    ...lines,
    ...(charterLine ? [charterLine] : []),
  ].join('\n')
  const doc: AnnouncementDoc = {
    _id: announcementId,
    audienceKey: vote.buildingId,
    title,
    body,
    pinned: false,
    urgent: false,
    expiresAt: null,
    liveUntil: liveUntilOf(null),
    status: 'published',
    authorId: vote.openedBy,
    authorRole: 'leader',
    publishedAt: now,
  }
  await insertAnnouncement(deps.store, doc)
  deps.log.info({ voteId: vote._id, announcementId, turnout: result.turnout, passed: result.passed }, 'vote closed')
  try {
    const recipients = await audienceMembers(deps.store, vote.buildingId)
    await deps.notifier.notify(recipients, {
      kind: 'announcement',
      templateKey: 'announcement',
      title,
      body: `${where ? buildingLabel(where) : ''} · ${AUTHOR_ROLE_NAMES.leader}：${result.sentence}`,
      link: announcementLink(announcementId),
      about: wechatAbout(announcementId),
    })
  } catch (error) {
    deps.log.error(
      { voteId: vote._id, error: (error as Error)?.stack ?? String(error) },
      'vote result notifications failed',
    )
  }
  return closed
}

export interface SettleRun {
  closed: number
}

/** The timer's run (and the local job's): close every vote whose time has come. Runs may overlap; each vote closes once. */
export async function settleDueVotes(
  deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'ids' | 'clock'>,
): Promise<SettleRun> {
  const now = deps.clock.now()
  const due = await deps.store.find(
    'council_votes',
    { status: 'open', closesAt: { $lte: now - SETTLE_GRACE_MS } },
    { orderBy: [['closesAt', 'asc']], limit: 200 },
  )
  let closed = 0
  for (const vote of due) if (await settleVote(deps, vote)) closed++
  return { closed }
}
