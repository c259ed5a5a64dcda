import type { MatterStatus, VoteKind, VoteResult, VoteStatus, VoteThreshold } from '../../../contracts'
import type { Doc } from '../shared/document-store'

/** A matter (议题) one resident raised for their building. */
export interface MatterDoc extends Doc {
  buildingId: string
  title: string
  text: string
  authorId: string
  raisedAt: number
  status: MatterStatus
  /** The latest vote on it. */
  voteId: string | null
  /** Households that said +1 (附议), moved with each council_supports insert in one transaction; absent = 0. */
  supportCount?: number
  /** A merged duplicate: the surviving matter, and the leader who merged it and when. */
  mergedInto?: string
  mergedBy?: string
  mergedAt?: number
  /** A matter that puts a draft of the building's charter to the vote: only the charter opens its votes. */
  charterVersionId?: string
}

/**
 * A vote (表决) on a matter. Its rules are fixed when it opens: nobody can edit, extend or close
 * it early. `result` is written once, when it closes, from a recount of the ballots.
 */
export interface VoteDoc extends Doc {
  matterId: string
  buildingId: string
  kind: VoteKind
  options: string[]
  secret: boolean
  openedBy: string
  openedAt: number
  closesAt: number
  quorumPercent: number
  threshold: VoteThreshold
  /** The building's households when the vote opened: the quorum's base. */
  householdCount: number
  status: VoteStatus
  closedAt: number | null
  result: VoteResult | null
  resultAnnouncementId: string | null
  /** Set when the vote decides a draft of the building's charter (core/charter): passed, it becomes current. */
  charterVersionId?: string | null
}

/**
 * One household's ballot: `_id` = `${voteId}:${householdId}`, so however many members vote at
 * once there is one, and the last write counts. For a secret vote it holds no choice: `choice`
 * is null and `secretRef` names an unlinked document in council_secret_choices that holds it.
 */
export interface BallotDoc extends Doc {
  voteId: string
  buildingId: string
  householdId: string
  room: string
  /** Index into the vote's options; null for a secret vote. */
  choice: number | null
  /** The option's text, or 已投票（不记名） for a secret vote: what an export may show. */
  choiceLabel: string
  secretRef: string | null
  /** Who cast it (for a paper ballot: nobody; `recordedBy` says who wrote it down). Names are looked up when read. */
  castBy: string | null
  castAt: number
  via: 'app' | 'paper'
  recordedBy: string | null
}

/** A secret vote's choice, with nothing that names the household or the person (random id, no time). */
export interface SecretChoiceDoc extends Doc {
  voteId: string
  choice: number
}

export function ballotId(voteId: string, householdId: string): string {
  return `${voteId}:${householdId}`
}

/** One household's +1 (附议) on a matter: `_id` = `${matterId}:${householdId}`, so a household says it once. */
export interface SupportDoc extends Doc {
  matterId: string
  buildingId: string
  householdId: string
  supportedBy: string
  supportedAt: number
}

export function supportId(matterId: string, householdId: string): string {
  return `${matterId}:${householdId}`
}
