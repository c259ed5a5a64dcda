import {
  HIDDEN_PLACEHOLDER,
  IMAGE_EXPIRED_PLACEHOLDER,
  IMAGE_GONE_PLACEHOLDER,
  IMAGE_LABEL,
  RECALLED_PLACEHOLDER,
  REMOVED_PLACEHOLDER,
  VOICE_EXPIRED_PLACEHOLDER,
  VOICE_GONE_PLACEHOLDER,
  VOICE_LABEL,
  VOICE_REMOVED_PLACEHOLDER,
  type MessageState,
  type MessageView,
} from '../../../contracts'
import type { GroupDoc } from '../groups/groups.docs'
import type { DocumentStore } from '../shared/document-store'
import { describePeople, type Author } from './access'
import type { MessageDoc } from './chat.docs'
import type { UserDoc } from '../account/account.docs'

export function stateOf(doc: MessageDoc): MessageState {
  if (doc.recalledAt !== null) return 'recalled'
  if (doc.hiddenAt !== null) return 'hidden'
  if (doc.removedAt) return 'removed'
  return 'normal'
}

/** What a message shows: its text, or the placeholder that says why not. */
export function shownText(doc: MessageDoc): string {
  const state = stateOf(doc)
  if (state === 'recalled') return RECALLED_PLACEHOLDER
  if (state === 'hidden') return HIDDEN_PLACEHOLDER
  if (state === 'removed') return doc.kind === 'voice' ? VOICE_REMOVED_PLACEHOLDER : REMOVED_PLACEHOLDER
  if (doc.kind === 'image')
    return doc.media ? IMAGE_LABEL : doc.mediaExpiredAt ? IMAGE_EXPIRED_PLACEHOLDER : IMAGE_GONE_PLACEHOLDER
  if (doc.kind === 'voice')
    return doc.media ? VOICE_LABEL : doc.mediaExpiredAt ? VOICE_EXPIRED_PLACEHOLDER : VOICE_GONE_PLACEHOLDER
  return doc.text ?? ''
}

/** One line, at most `max` characters, for reply quotes and group lists. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`
}

function viewOf(doc: MessageDoc, people: Map<string, Author>, replied: Map<string, MessageDoc>): MessageView {
  const author = people.get(doc.senderId)
  const state = stateOf(doc)
  const target = doc.replyTo ? replied.get(doc.replyTo) : undefined
  return {
    messageId: doc._id,
    groupId: doc.groupId,
    seq: doc.seq,
    version: doc.version,
    senderId: doc.senderId,
    senderName: author?.name ?? '',
    ...(author?.deleted ? { senderDeleted: true as const } : {}),
    ...(author?.badge ? { senderBadge: author.badge } : {}),
    kind: doc.kind ?? 'text',
    text: shownText(doc),
    state,
    ...(state === 'normal' && doc.media && doc.kind === 'image'
      ? { image: { width: doc.media.width, height: doc.media.height, review: doc.media.review } }
      : {}),
    ...(state === 'normal' && doc.media && doc.kind === 'voice'
      ? { voice: { durationMs: doc.media.durationMs ?? 0, review: doc.media.review } }
      : {}),
    sentAt: doc.createdAt,
    // A taken-back message shows nothing of what it said, nor whom it quoted or named.
    ...(state === 'normal' && target
      ? {
          replyTo: {
            messageId: target._id,
            senderName: people.get(target.senderId)?.name ?? '',
            excerpt: excerpt(shownText(target)),
          },
        }
      : {}),
    mentions:
      state === 'normal' ? doc.mentions.map((userId) => ({ userId, name: people.get(userId)?.name ?? '' })) : [],
  }
}

/** Views of messages of one group, with names, badges and quoted replies resolved in a few reads. */
export async function messageViews(
  store: DocumentStore,
  group: GroupDoc,
  docs: readonly MessageDoc[],
  known?: ReadonlyMap<string, UserDoc>,
): Promise<MessageView[]> {
  // A reply usually quotes a message on the same page: only the others are read.
  const onPage = new Map(docs.map((d) => [d._id, d]))
  const replyIds = [...new Set(docs.map((d) => d.replyTo).filter((id): id is string => !!id))]
  const elsewhere = replyIds.filter((id) => !onPage.has(id))
  const replied = new Map(replyIds.flatMap((id) => (onPage.has(id) ? [[id, onPage.get(id) as MessageDoc]] : [])))
  if (elsewhere.length) for (const d of await store.getMany('messages', elsewhere)) replied.set(d._id, d)
  const userIds = new Set<string>()
  for (const doc of docs) {
    userIds.add(doc.senderId)
    for (const id of doc.mentions) userIds.add(id)
  }
  for (const doc of replied.values()) userIds.add(doc.senderId)
  const people = await describePeople(store, group, [...userIds], known)
  return docs.map((doc) => viewOf(doc, people, replied))
}
