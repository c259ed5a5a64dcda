import * as z from 'zod'
import { action } from './action'
import { id, text, timestamp } from './fields'
import { titleText } from './names'
import type { WechatSendCounts } from './notifications'
import { pingAction } from './ping'

/** Who an announcement is for: one building's residents, or everyone in the neighbourhood. */
export type AnnouncementAudience = 'neighbourhood' | { buildingId: string }

export const ANNOUNCEMENT_TITLE_MAX = 60
export const ANNOUNCEMENT_BODY_MAX = 2000

/** The detail page of an announcement; notifications link to it. */
export const ANNOUNCEMENT_DETAIL_PAGE = '/packages/announcements/pages/detail/index'

export function announcementLink(announcementId: string): string {
  return `${ANNOUNCEMENT_DETAIL_PAGE}?id=${announcementId}`
}

/** The name a person sees for the neighbourhood-wide audience. */
export const NEIGHBOURHOOD_AUDIENCE_NAME = '全居民区'

/** What the author published as: 楼组长 for their building, or 居委会. */
export type AnnouncementAuthorRole = 'leader' | 'committee'

export const AUTHOR_ROLE_NAMES: Record<AnnouncementAuthorRole, string> = {
  leader: '楼组长',
  committee: '居委会',
}

/** One announcement in a list: enough for a card, with a short excerpt of the body. */
export interface AnnouncementSummary {
  announcementId: string
  audience: AnnouncementAudience
  /** e.g. 金上海家园 5号楼, or 全居民区 */
  audienceName: string
  title: string
  excerpt: string
  pinned: boolean
  urgent: boolean
  publishedAt: number
  editedAt?: number
  expiresAt?: number
  /** Only managers ever see expired announcements (with includeExpired or by opening one). */
  expired: boolean
  authorName: string
  authorRole: AnnouncementAuthorRole
  /** Whether the caller has opened it (the author always has). */
  read: boolean
  /** The caller wrote it. */
  mine: boolean
  /** The caller may edit or withdraw it (the author or the committee). */
  canManage: boolean
  /** The caller may see who has read it (the author, the building's leader, the committee). */
  canSeeReach: boolean
}

export interface AnnouncementDetail extends AnnouncementSummary {
  body: string
  /** How many people have opened it. */
  readCount: number
}

/** One building's part of an announcement's reach. */
export interface BuildingReach {
  buildingId: string
  buildingName: string
  households: number
  householdsRead: number
  /** Households with nobody who has read it yet: the leader's door-knock list, in room order. */
  unreadRooms: string[]
  /**
   * Those of `unreadRooms` where nobody has registered (no verified resident): they could not have
   * read it, so the knock there is to tell them about the notice and the app; the other unread rooms
   * have residents here who have not opened it yet.
   */
  unregisteredRooms: string[]
}

export interface ReachView {
  announcementId: string
  title: string
  audience: AnnouncementAudience
  audienceName: string
  /** Totals over the buildings the caller may see (all of them, or a leader's own part). */
  households: number
  householdsRead: number
  /** `part`: a leader looking at their own building(s) of a neighbourhood-wide announcement. */
  scope: 'all' | 'part'
  buildings: BuildingReach[]
  /** WeChat subscribe messages to the whole audience (with scope `all` only). */
  wechat?: WechatSendCounts
}

export interface AnnouncementPage {
  /**
   * First page: urgent announcements the caller has not read, then pinned ones, then the most
   * recent. Later pages (with `before`): only older, not pinned ones.
   */
  items: AnnouncementSummary[]
  /** Unread among the live announcements of the last 30 days, and any pinned or urgent one. */
  unread: number
  nextBefore?: string
}

const audience = z.union([z.literal('neighbourhood'), z.strictObject({ buildingId: id })], {
  message: '请选择发布范围',
})
const title = titleText({ max: ANNOUNCEMENT_TITLE_MAX })
const body = text({ max: ANNOUNCEMENT_BODY_MAX, multiline: true })

export const announcementsContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  /** A leader for their own building; the committee for any building or the whole neighbourhood. */
  publish: action<AnnouncementDetail>()(
    z.strictObject({
      audience,
      title,
      body,
      pinned: z.boolean().optional(),
      urgent: z.boolean().optional(),
      expiresAt: timestamp.optional(),
    }),
  ),
  /** The author or the committee. `expiresAt: null` removes the expiry. */
  edit: action<AnnouncementDetail>()(
    z
      .strictObject({
        announcementId: id,
        title: title.optional(),
        body: body.optional(),
        pinned: z.boolean().optional(),
        urgent: z.boolean().optional(),
        expiresAt: timestamp.nullable().optional(),
      })
      .refine((v) => Object.keys(v).some((key) => key !== 'announcementId'), { message: '没有要修改的内容' }),
  ),
  unpublish: action<{ announcementId: string; status: 'unpublished' }>()(z.strictObject({ announcementId: id })),
  /**
   * My announcements: my building's and the neighbourhood's (and those of buildings I lead). With
   * `buildingId`: what that building's residents see — for its residents, its leader, the committee.
   * `includeExpired` is for those who manage the building.
   */
  list: action<AnnouncementPage>()(
    z.strictObject({
      buildingId: id.optional(),
      includeExpired: z.boolean().optional(),
      before: id.optional(),
      limit: z.number().int().min(1).max(50).optional(),
    }),
  ),
  /** Opening an announcement marks it read for the caller. */
  get: action<AnnouncementDetail>()(z.strictObject({ announcementId: id })),
  /** Households read / households in the audience, and the rooms nobody has read it in yet. */
  reach: action<ReachView>()(z.strictObject({ announcementId: id })),
}
