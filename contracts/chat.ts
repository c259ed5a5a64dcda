import * as z from 'zod'
import { action } from './action'
import { id, noInput, text } from './fields'
import { uploadRef, VOICE_LIMITS } from './media'
import { pingAction } from './ping'

/**
 * Group chat (楼组群 and, later, interest groups). Every message has two numbers from its group's
 * change counter:
 * - `seq`: its place in the conversation, fixed when sent (history pages by it);
 * - `version`: the group's change number of its latest change (sent, recalled, hidden). Live
 *   delivery and catch-up follow versions, so a recall made while someone was offline still
 *   reaches them.
 * Both only ever grow within a group, so "everything after cursor N" is exact under concurrent sends.
 */

export const MESSAGE_MAX_CHARS = 1000
/** An author may take a message back this long after sending it; moderators any time. */
export const RECALL_WINDOW_MS = 2 * 60 * 1000
/** Messages a person may send, counted across all their groups. */
export const SEND_LIMIT = { max: 10, windowSeconds: 10 } as const
/** Mention notifications a person gets one by one per clock hour; the rest collapse into one that counts them. */
export const MENTION_NOTIFY_LIMIT = { max: 10, windowSeconds: 60 * 60 } as const
export const HISTORY_PAGE_MAX = 50
export const UPDATES_PAGE_MAX = 200
/** Longest mute a moderator can give at once: 7 days. */
export const MUTE_MAX_MINUTES = 7 * 24 * 60

export const RECALLED_PLACEHOLDER = '消息已撤回'
export const HIDDEN_PLACEHOLDER = '消息因被举报已隐藏'
/** What a photo that failed the content check leaves behind (its files are deleted). */
export const REMOVED_PLACEHOLDER = '图片未通过安全审核，已删除'
/** What an image message says where only text fits (group list, reply quotes, exports). */
export const IMAGE_LABEL = '[图片]'
/** A photo whose files were deleted with its sender's account. */
export const IMAGE_GONE_PLACEHOLDER = '[图片已删除]'
/** Photos and voice messages are kept this long, then their files are deleted (MEDIA_RETENTION_DAYS overrides it). */
export const DEFAULT_MEDIA_RETENTION_DAYS = 365
/** What a photo or voice message says once the retention rule deleted its files. */
export const IMAGE_EXPIRED_PLACEHOLDER = '[图片已过期]'
export const VOICE_EXPIRED_PLACEHOLDER = '[语音已过期]'
/** What a voice message says where only text fits. */
export const VOICE_LABEL = '[语音]'
/** A voice message whose file was deleted with its sender's account. */
export const VOICE_GONE_PLACEHOLDER = '[语音已删除]'
/** What a voice message that failed the content check leaves behind. */
export const VOICE_REMOVED_PLACEHOLDER = '语音未通过安全审核，已删除'

/** `removed`: a photo the content check rejected. */
export type MessageState = 'normal' | 'recalled' | 'hidden' | 'removed'
export type MessageKind = 'text' | 'image' | 'voice'
/** `pending`: the content check has not answered yet; only the sender may see the photo. */
export type MediaReview = 'pending' | 'passed'
export type GroupKindView = 'building' | 'interest'
export type Standing = 'member' | 'moderator'
/** What a name tag says next to a sender who helps run the group. */
export type SenderBadge = '楼组长' | '居委会' | '组织者'

export interface MessageView {
  messageId: string
  groupId: string
  seq: number
  version: number
  senderId: string
  /** Resolved when read: 已注销用户 for a deleted account. */
  senderName: string
  /** The sender's account is deleted: branch on this, never on the name shown. */
  senderDeleted?: true
  senderBadge?: SenderBadge
  kind: MessageKind
  /** The text, or a placeholder when recalled or hidden; `[图片]` for a photo. */
  text: string
  state: MessageState
  /**
   * A photo while its files exist (state normal): its size, and whether the content check passed.
   * The picture itself is fetched with `mediaUrls`, as short-lived links for the caller only.
   */
  image?: { width: number; height: number; review: MediaReview }
  /** A voice message while its file exists (state normal): how long it is, and the content check. */
  voice?: { durationMs: number; review: MediaReview }
  sentAt: number
  replyTo?: { messageId: string; senderName: string; excerpt: string }
  mentions: Array<{ userId: string; name: string }>
}

/** Storage one group's photos and voice files take now (bytes as stored). */
export interface StorageUseRow {
  groupId: string
  name: string
  buildingId: string | null
  photos: number
  voices: number
  bytes: number
  /** What the last 30 days added (× 12 ≈ a year at the current pace, until retention evens it out). */
  last30DaysBytes: number
}

/** 存储用量: for the committee. */
export interface MediaStorageUse {
  buildings: StorageUseRow[]
  interest: StorageUseRow
  totalBytes: number
  last30DaysBytes: number
  retentionDays: number
  measuredAt: number
}

export interface GroupSummary {
  groupId: string
  kind: GroupKindView
  name: string
  buildingId?: string
  standing: Standing
  /** false when the committee sees a group it oversees but does not belong to. */
  own: boolean
  /** The latest message, with its sender's badge as in the conversation: a preview never drops who is staff. */
  lastMessage?: { senderName: string; senderBadge?: SenderBadge; text: string; sentAt: number; seq: number }
  /** Others' messages after my read mark, counted up to 99 (show 99+ at 99). */
  unread: number
  readUpTo: number
  latestSeq: number
  /** When I am muted here, until when. */
  mutedUntil?: number
  /** Open reports, for moderators. */
  openReports?: number
}

export interface MemberView {
  userId: string
  name: string
  badge?: SenderBadge
  moderator: boolean
  mutedUntil?: number
}

export type ReportStatus = 'open' | 'hidden' | 'kept'

export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = {
  open: '待处理',
  hidden: '已隐藏',
  kept: '已保留',
}

/** One reported message in the moderators' queue; all reports of a message are one item. */
export interface ReportView {
  /** The id of the reported message (one queue item per message). */
  reportId: string
  groupId: string
  groupName: string
  messageId: string
  senderId: string
  senderName: string
  /** The text as it was when first reported (kept for the moderator even if recalled since). */
  excerpt: string
  messageState: MessageState
  sentAt: number
  reasons: string[]
  reporterCount: number
  status: ReportStatus
  firstReportedAt: number
  resolvedAt?: number
}

/** Retried sends carry the same clientId; the client makes one per message it composes. */
export const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '消息编号格式不对' })

/** `${groupId}:${senderId}:${clientId}` — deterministic, so a retried send finds its message. */
export const messageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{8,64}$/, { message: '消息编号格式不对' })

const cursor = z
  .number({ message: '位置格式不对' })
  .int({ message: '位置格式不对' })
  .min(0, { message: '位置格式不对' })
  .max(Number.MAX_SAFE_INTEGER)
const position = cursor.min(1, { message: '位置格式不对' })

export const REPORT_REASONS = ['广告推销', '骚扰辱骂', '谣言不实', '涉及隐私', '其他'] as const

export const MUTE_CHOICES: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 10, label: '10 分钟' },
  { minutes: 60, label: '1 小时' },
  { minutes: 24 * 60, label: '1 天' },
  { minutes: 7 * 24 * 60, label: '7 天' },
]

export const chatContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  listGroups: action<{ groups: GroupSummary[]; unreadTotal: number }>()(noInput),
  /**
   * A photo as its own message, from an upload the caller made just before (see contracts/media.ts).
   * The sender sees it at once; others see 审核中 until the content check passes.
   */
  sendImage: action<MessageView>()(z.strictObject({ groupId: id, clientId, upload: uploadRef })),
  /**
   * Short-lived links (MEDIA_URL_TTL_SECONDS) to photos of one group, for the caller only: a
   * photo under review only for its sender, nothing for a recalled, hidden or removed one.
   */
  /**
   * A voice message as its own message, from an MP3 upload the caller made just before. The
   * server measures the duration from the file; `durationMs` is what the recorder said, checked
   * against the limit before anything is read.
   */
  sendVoice: action<MessageView>()(
    z.strictObject({
      groupId: id,
      clientId,
      upload: uploadRef,
      durationMs: z
        .number({ message: '语音时长格式不对' })
        .int({ message: '语音时长格式不对' })
        .min(VOICE_LIMITS.minDurationMs, { message: '说话时间太短' })
        .max(VOICE_LIMITS.maxDurationMs + VOICE_LIMITS.durationToleranceMs, { message: '语音最长 60 秒' }),
    }),
  ),
  /**
   * Short-lived links (MEDIA_URL_TTL_SECONDS) to photos and voice messages of one group, for the
   * caller only: an item under review only for its sender, nothing for a recalled, hidden or
   * removed one. A voice message has no thumbnail.
   */
  mediaUrls: action<{ items: Array<{ messageId: string; thumbUrl?: string; url: string }>; expiresAt: number }>()(
    z.strictObject({
      groupId: id,
      messageIds: z.array(messageId).min(1, { message: '至少要一张图片' }).max(50, { message: '一次最多 50 张图片' }),
    }),
  ),
  /** 存储用量: the photos and voice files held per building, for the committee. */
  storageUse: action<MediaStorageUse>()(noInput),
  send: action<MessageView>()(
    z.strictObject({
      groupId: id,
      clientId,
      text: text({ max: MESSAGE_MAX_CHARS, multiline: true }),
      replyTo: messageId.optional(),
      mentions: z.array(id).max(20, { message: '最多提到 20 个人' }).optional(),
    }),
  ),
  /**
   * A page of the conversation, newest first: the latest messages, those just `before` a seq
   * (scrolling up), or those just `after` one (scrolling back down a trimmed window). `cursor` is
   * where live updates for this page start.
   */
  history: action<{
    items: MessageView[]
    nextBefore?: number
    nextAfter?: number
    cursor: number
    latestSeq: number
    readUpTo: number
  }>()(
    z
      .strictObject({
        groupId: id,
        before: position.optional(),
        after: cursor.optional(),
        limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
      })
      .refine((v) => v.before === undefined || v.after === undefined, {
        message: '位置：before 和 after 只能选一个',
        path: ['after'],
      }),
  ),
  /** Everything that changed after `since` (a cursor), oldest first: the catch-up and polling feed. */
  updates: action<{ items: MessageView[]; cursor: number; more: boolean }>()(
    z.strictObject({ groupId: id, since: cursor, limit: z.number().int().min(1).max(UPDATES_PAGE_MAX).optional() }),
  ),
  recall: action<MessageView>()(z.strictObject({ messageId })),
  markRead: action<{ readUpTo: number; unread: number }>()(z.strictObject({ groupId: id, upTo: cursor })),
  report: action<{ reportId: string; status: ReportStatus }>()(
    z.strictObject({ messageId, reason: text({ max: 100 }) }),
  ),
  listReports: action<{ reports: ReportView[] }>()(
    z.strictObject({ groupId: id.optional(), status: z.enum(['open', 'resolved']).optional() }),
  ),
  resolveReport: action<ReportView>()(z.strictObject({ reportId: messageId, decision: z.enum(['hide', 'keep']) })),
  mute: action<{ userId: string; until: number }>()(
    z.strictObject({ groupId: id, userId: id, minutes: z.number().int().min(1).max(MUTE_MAX_MINUTES) }),
  ),
  unmute: action<{ userId: string }>()(z.strictObject({ groupId: id, userId: id })),
  /** Who is in the group (to @mention, and for moderators to mute). */
  listMembers: action<{ members: MemberView[] }>()(z.strictObject({ groupId: id })),
}

/** The realtime topic of a group's messages. */
export function groupTopic(groupId: string): string {
  return `group:${groupId}`
}

/** What a live event on a group topic carries (SSE `data:`; `id:` is the cursor). */
export interface ChatEvent {
  /**
   * `reviewed`: a photo or voice message passed the content check; `removed`: it failed and is
   * gone; `expired`: its files were deleted by the retention rule (the message stays, saying so).
   */
  type: 'message' | 'recalled' | 'hidden' | 'reviewed' | 'removed' | 'expired'
  cursor: number
  message: MessageView
}
