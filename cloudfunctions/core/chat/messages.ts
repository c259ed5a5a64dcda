import {
  groupTopic,
  HISTORY_PAGE_MAX,
  MENTION_NOTIFY_LIMIT,
  RECALL_WINDOW_MS,
  SEND_LIMIT,
  UPDATES_PAGE_MAX,
  type ChatEvent,
  type MessageView,
} from '../../../contracts'
import type { GroupDoc } from '../groups/groups.docs'
import type { UserDoc } from '../account/account.docs'
import { ensureAcceptableText } from '../shared/content'
import { takeSlot } from '../shared/counters'
import type { RequestContext } from '../shared/context'
import { DuplicateKeyError, type DocumentStore } from '../shared/document-store'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { Deps } from '../shared/ports'
import { describePeople, knownAccounts, requireAccess } from './access'
import { groupIdOfMessage, memberKey, messageIdOf, type MessageDoc, type MuteDoc } from './chat.docs'
import { nextVersion, readState } from './counter'
import { renewReaderLease } from './readers'
import { unreadAfter } from './unread'
import { deleteMediaFiles } from './media-files'
import { messageViews } from './views'
import { firstOf, lastOf } from '../shared/lists'

/** Tell live listeners (SSE locally; WeChat clients see the document change through watch). */
export function publishChange(deps: Pick<Deps, 'realtime'>, type: ChatEvent['type'], view: MessageView): void {
  const event: ChatEvent = { type, cursor: view.version, message: view }
  deps.realtime.publish(groupTopic(view.groupId), { type, cursor: String(view.version), payload: event })
}

async function oneView(
  store: DocumentStore,
  group: GroupDoc,
  doc: MessageDoc,
  known?: ReadonlyMap<string, UserDoc>,
): Promise<MessageView> {
  return firstOf(await messageViews(store, group, [doc], known))
}

/** A mute still running for this person in this group, if any. */
export async function activeMute(
  deps: Pick<Deps, 'store' | 'clock'>,
  groupId: string,
  userId: string,
): Promise<MuteDoc | null> {
  const mute = await deps.store.get('chat_mutes', memberKey(groupId, userId))
  return mute && mute.until > deps.clock.now() ? mute : null
}

export interface NewMessage {
  groupId: string
  senderId: string
  clientId: string
  text: string
  replyTo?: string
  mentions?: string[]
  at: number
}

/**
 * One slot of the send limit (text and photos alike): counted per person across all their groups,
 * in the store, so that it holds across function instances.
 */
export async function takeSendSlot(deps: Pick<Deps, 'store' | 'clock'>, userId: string): Promise<void> {
  const slot = await takeSlot(
    deps.store,
    { name: 'chatSend', userId, windowMs: SEND_LIMIT.windowSeconds * 1000 },
    SEND_LIMIT.max,
    deps.clock.now(),
  )
  if (!slot.allowed) throw new AppError('RATE.LIMITED', undefined, { retryAfterSeconds: slot.retryAfterSeconds })
}

/**
 * Append a message in one transaction: its place comes from the group's counter, and a message
 * with the same id (a retried send) is returned instead of a second one.
 */
export async function appendMessage(
  store: DocumentStore,
  message: NewMessage,
  extra: Partial<MessageDoc> = {},
): Promise<{ doc: MessageDoc; created: boolean }> {
  const id = messageIdOf(message.groupId, message.senderId, message.clientId)
  try {
    return await insertMessage(store, id, message, extra)
  } catch (error) {
    // The id says which send this is: a retry that raced the first one finds it stored (the
    // insert refused, so the transaction took nothing) and answers with it. Not looked up
    // beforehand, which would cost every send a round trip for the rare race.
    if (!(error instanceof DuplicateKeyError)) throw error
    const existing = await store.get('messages', id)
    if (!existing) throw error
    return { doc: existing, created: false }
  }
}

async function insertMessage(
  store: DocumentStore,
  id: string,
  message: NewMessage,
  extra: Partial<MessageDoc>,
): Promise<{ doc: MessageDoc; created: boolean }> {
  return store.transaction(async (tx) => {
    const { state, version } = await nextVersion(tx, message.groupId, message.at)
    const doc: MessageDoc = {
      _id: id,
      groupId: message.groupId,
      senderId: message.senderId,
      clientId: message.clientId,
      seq: version,
      version,
      text: message.text,
      replyTo: message.replyTo ?? null,
      mentions: message.mentions ?? [],
      createdAt: message.at,
      recalledAt: null,
      recalledBy: null,
      hiddenAt: null,
      hiddenBy: null,
      ...extra,
    }
    await tx.insert('messages', doc)
    await tx.put('chat_state', { ...state, lastSeq: version, lastMessageId: id })
    return { doc, created: true }
  })
}

export async function send(
  ctx: RequestContext,
  input: { groupId: string; clientId: string; text: string; replyTo?: string; mentions?: string[] },
): Promise<MessageView> {
  const { deps, caller } = ctx
  const { store } = deps
  const { group } = await requireAccess(store, caller, input.groupId, ctx.loaded)
  const id = messageIdOf(group._id, caller.userId, input.clientId)

  // A retry of a send that already landed gets the same message back, whatever happened since.
  const already = await store.get('messages', id)
  if (already) return oneView(store, group, already, knownAccounts(ctx))

  const mute = await activeMute(deps, group._id, caller.userId)
  if (mute) throw new AppError('CHAT.MUTED', undefined, { until: mute.until })

  if (input.replyTo) {
    const target = groupIdOfMessage(input.replyTo) === group._id ? await store.get('messages', input.replyTo) : null
    if (!target) throw invalidInput('replyTo', '回复的消息：不存在或不在这个群里')
  }
  const mentions = [...new Set(input.mentions ?? [])].filter((userId) => userId !== caller.userId)
  if (mentions.length) {
    const people = await describePeople(store, group, mentions)
    if (mentions.some((userId) => !people.get(userId)?.member)) throw invalidInput('mentions', '提到的人：不在这个群里')
  }

  await ensureAcceptableText(deps, [input.text], 'social', caller.openid)

  // Taken last, so a send refused for any other reason costs nothing.
  await takeSendSlot(deps, caller.userId)

  const { doc, created } = await appendMessage(store, {
    groupId: group._id,
    senderId: caller.userId,
    clientId: input.clientId,
    text: input.text,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    mentions,
    at: deps.clock.now(),
  })
  const view = await oneView(store, group, doc, knownAccounts(ctx))
  if (created) {
    publishChange(deps, 'message', view)
    if (mentions.length) {
      // Notifications outlive accounts: they say where, never who or what.
      await deps.notifier.notify(mentions, {
        kind: 'chatMention',
        title: '有邻居在群里提到了您',
        body: `${group.name}有一条消息提到了您，点开看看。`,
        link: `/pages/group/index?groupId=${group._id}`,
        // Twenty mentions a message, ten messages in ten seconds: without a cap, thousands an hour.
        cap: {
          name: 'chatMention',
          max: MENTION_NOTIFY_LIMIT.max,
          windowMs: MENTION_NOTIFY_LIMIT.windowSeconds * 1000,
          summary: (overCap) => ({
            title: `有人在群里提到了您 ${overCap} 次`,
            body: `这一小时里提到您的消息很多，合并在这一条里；最近一次在${group.name}。`,
          }),
        },
      })
    }
  }
  return view
}

export async function history(
  ctx: RequestContext,
  input: { groupId: string; before?: number; after?: number; limit?: number },
): Promise<{
  items: MessageView[]
  nextBefore?: number
  nextAfter?: number
  cursor: number
  latestSeq: number
  readUpTo: number
}> {
  const { deps, caller } = ctx
  const { group } = await requireAccess(deps.store, caller, input.groupId, ctx.loaded)
  const limit = Math.min(input.limit ?? 30, HISTORY_PAGE_MAX)
  // The cursor is read before the page: whatever changes after it reaches the client live, so
  // nothing falls between this page and the stream (at worst a change arrives twice; clients
  // keep the higher version).
  const state = await readState(deps.store, group._id)
  let page: MessageDoc[]
  let more: boolean
  if (input.after !== undefined) {
    const docs = await deps.store.find(
      'messages',
      { groupId: group._id, seq: { $gt: input.after } },
      { orderBy: [['seq', 'asc']], limit: limit + 1 },
    )
    more = docs.length > limit
    page = docs.slice(0, limit).reverse()
  } else {
    const docs = await deps.store.find(
      'messages',
      { groupId: group._id, ...(input.before !== undefined ? { seq: { $lt: input.before } } : {}) },
      { orderBy: [['seq', 'desc']], limit: limit + 1 },
    )
    more = docs.length > limit
    page = docs.slice(0, limit)
  }
  const mark = await deps.store.get('chat_reads', memberKey(group._id, caller.userId))
  return {
    items: await messageViews(deps.store, group, page, knownAccounts(ctx)),
    ...(more && input.after === undefined ? { nextBefore: lastOf(page).seq } : {}),
    ...(more && input.after !== undefined ? { nextAfter: firstOf(page).seq } : {}),
    cursor: state.version,
    latestSeq: state.lastSeq,
    readUpTo: mark?.upTo ?? 0,
  }
}

/** Every message that changed after `since`, oldest change first (what SSE replays on reconnect). */
export async function changesSince(
  store: DocumentStore,
  groupId: string,
  since: number,
  limit: number,
): Promise<{ docs: MessageDoc[]; more: boolean }> {
  const docs = await store.find(
    'messages',
    { groupId, version: { $gt: since } },
    { orderBy: [['version', 'asc']], limit: limit + 1 },
  )
  return { docs: docs.slice(0, limit), more: docs.length > limit }
}

export async function updates(
  ctx: RequestContext,
  input: { groupId: string; since: number; limit?: number },
): Promise<{ items: MessageView[]; cursor: number; more: boolean }> {
  const { deps, caller } = ctx
  const { group } = await requireAccess(deps.store, caller, input.groupId, ctx.loaded)
  const { docs, more } = await changesSince(
    deps.store,
    group._id,
    input.since,
    Math.min(input.limit ?? 100, UPDATES_PAGE_MAX),
  )
  // WeChat clients call this before they watch() and every few minutes while they do: it is
  // where the lease the `messages` security rule checks is granted and renewed.
  await renewReaderLease(deps, caller, group._id)
  return {
    items: await messageViews(deps.store, group, docs, knownAccounts(ctx)),
    cursor: docs.length ? lastOf(docs).version : input.since,
    more,
  }
}

/** Change one message's state in a transaction that also takes the next change number. */
export async function changeMessage(
  deps: Pick<Deps, 'store' | 'clock'>,
  messageId: string,
  change: (doc: MessageDoc, version: number, now: number) => Partial<MessageDoc> | null,
): Promise<{ doc: MessageDoc; changed: boolean; previous: MessageDoc }> {
  return deps.store.transaction(async (tx) => {
    const doc = await tx.get('messages', messageId)
    if (!doc) throw notFound('这条消息不存在')
    const now = deps.clock.now()
    const { state, version } = await nextVersion(tx, doc.groupId, now)
    const fields = change(doc, version, now)
    if (!fields) return { doc, changed: false, previous: doc }
    const next: MessageDoc = { ...doc, ...fields, version }
    await tx.put('messages', next)
    await tx.put('chat_state', state)
    return { doc: next, changed: true, previous: doc }
  })
}

export async function recall(ctx: RequestContext, input: { messageId: string }): Promise<MessageView> {
  const { deps, caller } = ctx
  const { group, standing } = await requireAccess(deps.store, caller, groupIdOfMessage(input.messageId), ctx.loaded)
  const message = await deps.store.get('messages', input.messageId)
  if (!message) throw notFound('这条消息不存在')
  const mine = message.senderId === caller.userId
  // Authors within the window; moderators (leader, organiser, committee) any time.
  if (standing !== 'moderator') {
    if (!mine) throw forbidden('只能撤回自己的消息')
    if (deps.clock.now() - message.createdAt > RECALL_WINDOW_MS) throw new AppError('CHAT.RECALL_EXPIRED')
  }
  const { doc, changed, previous } = await changeMessage(deps, message._id, (current, _version, now) =>
    current.recalledAt !== null
      ? null
      : { recalledAt: now, recalledBy: caller.userId, text: null, ...(current.media ? { media: null } : {}) },
  )
  // A recalled photo is gone from storage, not just from the conversation.
  if (changed) await deleteMediaFiles(deps, [previous])
  const view = await oneView(deps.store, group, doc)
  if (changed) publishChange(deps, 'recalled', view)
  return view
}

export async function markRead(
  ctx: RequestContext,
  input: { groupId: string; upTo: number },
): Promise<{ readUpTo: number; unread: number }> {
  const { deps, caller } = ctx
  const { group } = await requireAccess(deps.store, caller, input.groupId, ctx.loaded)
  const state = await readState(deps.store, group._id)
  const id = memberKey(group._id, caller.userId)
  const readUpTo = await deps.store.transaction(async (tx) => {
    const mark = await tx.get('chat_reads', id)
    // Never past the last message, never backwards (two tabs may report out of order).
    const upTo = Math.max(mark?.upTo ?? 0, Math.min(input.upTo, state.lastSeq))
    if (mark && mark.upTo === upTo) return upTo
    await tx.put('chat_reads', {
      _id: id,
      groupId: group._id,
      userId: caller.userId,
      upTo,
      at: deps.clock.now(),
    })
    return upTo
  })
  return { readUpTo, unread: await unreadAfter(deps.store, group._id, caller.userId, readUpTo) }
}
