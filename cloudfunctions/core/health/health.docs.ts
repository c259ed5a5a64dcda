import type { HealthCategory, QuestionStatus } from '../../../contracts'
import type { Doc } from '../shared/document-store'

/** A question. Private: only its asker and the columnists ever read it. */
export interface QuestionDoc extends Doc {
  askerId: string
  /** The asker's pseudonym for columnists, copied from health_aliases when asked. */
  alias: string
  question: string
  category: HealthCategory
  allowPublish: boolean
  status: QuestionStatus
  /** Emergency phrases found when it was asked (guidance was shown at once). */
  emergencySigns: string[]
  createdAt: number
  withdrawnAt: number | null
  answer: string | null
  answeredBy: string | null
  answeredAt: number | null
  /** The public entry made from it, if the columnist published it. Not derived from this id. */
  publishedEntryId: string | null
  /** When a flagged question still waiting after two hours reminded the columnists and the asker (core/health/urgent.ts). */
  urgentRemindedAt?: number | null
}

/** `_id` = userId. The alias is random, not derived from the user id, and unique (index). */
export interface AliasDoc extends Doc {
  alias: string
  createdAt: number
}

export interface TipDoc extends Doc {
  title: string
  body: string
  tags: string[]
  authorId: string
  status: 'published' | 'unpublished'
  publishedAt: number
  updatedAt: number | null
  updatedBy: string | null
  unpublishedAt: number | null
}

/**
 * What the column shows and searches: a published tip (`_id` = tipId) or a published Q&A (a fresh
 * id). By construction it holds nothing about who asked — no asker id, no question id.
 */
export interface EntryDoc extends Doc {
  kind: 'qa' | 'tip'
  /** The question as published (Q&A) or the tip's title. */
  title: string
  /** The answer (Q&A) or the tip's text. */
  body: string
  tags: string[]
  /** Tags joined with spaces, so the search index can look in them. */
  tagText: string
  category: HealthCategory | null
  /** The columnist who answered or wrote it. */
  authorId: string
  publishedAt: number
}

/** `_id` = userId */
export interface FollowerDoc extends Doc {
  followedAt: number
}
