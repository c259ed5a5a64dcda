import type { CharterArticle, CharterVersionStatus } from '../../../contracts'
import type { Doc } from '../shared/document-store'

/**
 * One version of a building's charter. `_id` = `${buildingId}_v${number}`: the number is taken
 * when the draft is made (the newest adopted number + 1), so two leaders drafting at once cannot
 * both succeed, and a building has at most one draft at a time.
 *
 *   draft ──openCharterVote──▶ voting ──vote closes passed──▶ adopted (never edited again)
 *     ▲                          │
 *     └──── vote closes failed ──┘  (the current version stays current)
 */
export interface CharterVersionDoc extends Doc {
  buildingId: string
  number: number
  status: CharterVersionStatus
  articles: CharterArticle[]
  /** Where the draft started, in words (范本「…」, 第 2 版, or 空白). */
  basedOn: string
  draftedBy: string
  draftedAt: number
  updatedAt: number
  /** The open vote on it, or the vote that adopted it. */
  voteId: string | null
  /** Set when adopted: the close of the vote, and its result in one sentence. */
  effectiveAt: number | null
  resultSentence: string | null
  /** Households that signed it: kept beside the signatures so every building's share is one read. */
  signedCount: number
}

/** A template (公约范本) the committee keeps for buildings to start from. */
export interface CharterTemplateDoc extends Doc {
  title: string
  articles: CharterArticle[]
  createdBy: string
  updatedBy: string
  updatedAt: number
}

/** One household's signature on one version: `_id` = `${versionId}:${householdId}`, so one per household. */
export interface CharterSignatureDoc extends Doc {
  versionId: string
  buildingId: string
  householdId: string
  room: string
  signedBy: string
  signedAt: number
}

export function charterVersionId(buildingId: string, number: number): string {
  return `${buildingId}_v${number}`
}

export function signatureId(versionId: string, householdId: string): string {
  return `${versionId}:${householdId}`
}
