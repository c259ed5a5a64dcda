import type { AnnouncementAuthorRole } from '../../../contracts'
import type { Doc } from '../shared/document-store'

/** `audienceKey` of a neighbourhood-wide announcement; never a building id (ids cannot contain `*`). */
export const NEIGHBOURHOOD_KEY = '*'

/** `liveUntil` of an announcement that never expires: one indexed range filter hides expired ones. */
export const NEVER_EXPIRES = Date.UTC(9999, 11, 31)

export type AnnouncementStatus = 'published' | 'unpublished'

export interface AnnouncementDoc extends Doc {
  /** The building id, or NEIGHBOURHOOD_KEY. */
  audienceKey: string
  title: string
  body: string
  pinned: boolean
  urgent: boolean
  expiresAt: number | null
  /** expiresAt, or NEVER_EXPIRES: what the feed filters on. */
  liveUntil: number
  status: AnnouncementStatus
  authorId: string
  authorRole: AnnouncementAuthorRole
  publishedAt: number
  editedAt?: number
  editedBy?: string
  unpublishedAt?: number
  unpublishedBy?: string
}

/**
 * One person having opened one announcement (`_id` = `${announcementId}:${userId}`, so a second
 * opening changes nothing). Household and building are those of the reader at the time of reading:
 * reach counts households with index queries, without looking people up again.
 */
export interface AnnouncementReadDoc extends Doc {
  announcementId: string
  userId: string
  /** null when the reader was not a verified resident (e.g. committee staff who live elsewhere). */
  householdId: string | null
  buildingId: string | null
  readAt: number
}

export function readId(announcementId: string, userId: string): string {
  return `${announcementId}:${userId}`
}

export function liveUntilOf(expiresAt: number | null): number {
  return expiresAt ?? NEVER_EXPIRES
}

/** The outbox's `about` for an announcement's WeChat messages (counted on its reach page). */
export function wechatAbout(announcementId: string): string {
  return `announcement:${announcementId}`
}
