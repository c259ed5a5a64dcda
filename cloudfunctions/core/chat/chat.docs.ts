import type { MediaReview, MessageKind } from '../../../contracts'
import type { Doc } from '../shared/document-store'

/** One message. Names are never copied in: they are resolved when read. */
export interface MessageDoc extends Doc {
  /** `${groupId}:${senderId}:${clientId}` — a retried send finds its message by id. */
  groupId: string
  senderId: string
  clientId: string
  /** Place in the conversation, from the group's change counter, fixed at send. */
  seq: number
  /** The group's change number of this message's latest change (send, recall, hide). */
  version: number
  /** null once recalled or hidden: what was taken back is not kept in the message. */
  text: string | null
  replyTo: string | null
  mentions: string[]
  createdAt: number
  recalledAt: number | null
  recalledBy: string | null
  hiddenAt: number | null
  hiddenBy: string | null
  /** Absent on messages from before photos: text. */
  kind?: MessageKind
  /** A photo's files while they exist; null once recalled, hidden, removed or expired. */
  media?: MessageMedia | null
  /** The content check's id for this photo (WeChat answers by it). */
  reviewTrace?: string | null
  /** When the content check rejected the photo (its files are deleted). */
  removedAt?: number | null
  /** When the retention rule deleted the files (the message stays, saying 已过期). */
  mediaExpiredAt?: number | null
}

/** A photo's or a voice message's files. */
export interface MessageMedia {
  key: string
  /** A photo's thumbnail; null for a voice message. */
  thumbKey: string | null
  /** A photo's size in pixels; 0 for a voice message. */
  width: number
  height: number
  /** A voice message's length, measured from its MP3 frames. */
  durationMs?: number
  /** Bytes held in storage (photo and thumbnail, or the voice file), for storage use per building. */
  bytes: number
  review: MediaReview
}

/** Per group (_id = groupId): the change counter and the latest message, updated in the send transaction. */
export interface ChatStateDoc extends Doc {
  groupId: string
  version: number
  lastSeq: number
  lastMessageId: string | null
  updatedAt: number
}

/** How far a person has read a group (_id = groupId:userId). */
export interface ReadMarkDoc extends Doc {
  groupId: string
  userId: string
  upTo: number
  at: number
}

/** A mute (_id = groupId:userId); it ends by itself at `until`. */
export interface MuteDoc extends Doc {
  groupId: string
  userId: string
  until: number
  by: string
  at: number
}

export type ReportStatusDoc = 'open' | 'hidden' | 'kept'

/** The moderators' queue item for one reported message (_id = messageId). */
export interface ReportDoc extends Doc {
  groupId: string
  messageId: string
  senderId: string
  /** The text when first reported, kept so the moderator can judge it even after a recall. */
  excerpt: string
  sentAt: number
  status: ReportStatusDoc
  reasons: string[]
  reporterCount: number
  firstReportedAt: number
  lastReportedAt: number
  resolvedAt: number | null
  resolvedBy: string | null
}

/** One person's report of one message (_id = messageId~reporterId): one each, however often tapped. */
export interface ReportFilingDoc extends Doc {
  messageId: string
  groupId: string
  reporterId: string
  reason: string
  at: number
}

/**
 * A short lease that lets one WeChat user `watch()` one group's messages directly (CloudBase
 * security rule, see chat.collections.ts). _id = `${groupId}~${openid}`, because the rule can only
 * build a document path from the query (`doc.groupId`) and the caller (`auth.openid`).
 */
export interface ReaderLeaseDoc extends Doc {
  groupId: string
  userId: string
  openid: string
  until: number
}

/** Message ids are shared with the client, which builds them before the server answers. */
export { groupIdOfMessage, messageIdOf } from '../../../contracts/message-id'

export function memberKey(groupId: string, userId: string): string {
  return `${groupId}:${userId}`
}

export function filingId(messageId: string, reporterId: string): string {
  return `${messageId}~${reporterId}`
}

export function readerLeaseId(groupId: string, openid: string): string {
  return `${groupId}~${openid}`
}
