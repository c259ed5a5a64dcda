import type { VoteDoc } from '../council/council.docs'
import type { Deps } from '../shared/ports'

/**
 * What a closed vote on a charter draft does to the draft. Passed: the version is adopted,
 * effective from the vote's closing time, and becomes the building's current version. Failed:
 * the draft goes back to `draft` and the current version stays. Both are conditional updates on
 * `status: 'voting'` with this vote's id, so a repeated run (the timer and a page reading the vote
 * at once, or `adoptCharter` repairing an interrupted close) changes it once.
 * Returns a line for the result announcement.
 */
export async function settleCharterVote(deps: Pick<Deps, 'store' | 'log'>, vote: VoteDoc): Promise<string | null> {
  if (!vote.charterVersionId || vote.status !== 'closed' || !vote.result) return null
  const versionId = vote.charterVersionId
  const match = { _id: versionId, status: 'voting', voteId: vote._id }
  if (vote.result.passed) {
    const adopted = await deps.store.updateWhere('charter_versions', match, {
      set: { status: 'adopted', effectiveAt: vote.closesAt, resultSentence: vote.result.sentence },
    })
    if (adopted) deps.log.info({ voteId: vote._id, versionId }, 'charter version adopted')
    const version = await deps.store.get('charter_versions', versionId)
    return version ? `自治公约第 ${version.number} 版通过，即日起生效。请各户在“楼组议事 → 自治公约”里签约。` : null
  }
  const reopened = await deps.store.updateWhere('charter_versions', match, { set: { status: 'draft', voteId: null } })
  if (reopened) deps.log.info({ voteId: vote._id, versionId }, 'charter vote failed; the draft stays a draft')
  return '公约草案没有通过，现行公约继续有效。'
}
