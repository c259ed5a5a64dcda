import type { MessageView } from '../../../contracts'

/**
 * The messages a chat page holds: a window of at most WINDOW messages around what the person is
 * reading, so a group with years of history scrolls as smoothly as a new one. Scrolling up loads
 * older pages (trimming the newest when the window is full); scrolling back down loads newer ones.
 * Pure functions, so the rules are tested without a page.
 */

export const WINDOW = 120
export const PAGE = 30

export interface ChatItem extends MessageView {
  /** A message of mine not yet confirmed by the server. */
  local?: 'sending' | 'failed'
}

export interface ConversationState {
  /** Oldest first. Unconfirmed messages of mine come last. */
  items: ChatItem[]
  hasOlder: boolean
  /** The newest messages were trimmed off (the person scrolled far up): live ones are counted, not shown. */
  hasNewer: boolean
  /** The latest change cursor applied: live updates resume after it. */
  cursor: number
  latestSeq: number
  /** Messages that arrived while the person was not looking at the bottom. */
  unseen: number
}

export interface HistoryPage {
  items: MessageView[]
  nextBefore?: number
  nextAfter?: number
  cursor: number
  latestSeq: number
}

const PENDING_SEQ = Number.MAX_SAFE_INTEGER

const bySeq = (a: ChatItem, b: ChatItem) => a.seq - b.seq || a.sentAt - b.sentAt

/** Keep the newer version of each message (a recall overrides the original, never the reverse). */
function merge(existing: ChatItem[], incoming: readonly MessageView[]): ChatItem[] {
  const byId = new Map(existing.map((m) => [m.messageId, m]))
  for (const message of incoming) {
    const current = byId.get(message.messageId)
    if (!current || current.local || message.version >= current.version) byId.set(message.messageId, message)
  }
  return [...byId.values()].sort(bySeq)
}

export function initialState(page: HistoryPage): ConversationState {
  return {
    items: merge([], page.items),
    hasOlder: page.nextBefore !== undefined,
    hasNewer: false,
    cursor: page.cursor,
    latestSeq: Math.max(page.latestSeq, ...page.items.map((m) => m.seq)),
    unseen: 0,
  }
}

/** Older page above the window; if the window overflows, the newest are let go. */
export function withOlder(state: ConversationState, page: HistoryPage): ConversationState {
  const items = merge(state.items, page.items)
  const overflow = Math.max(0, items.length - WINDOW)
  const confirmed = items.filter((m) => !m.local)
  const kept = overflow ? [...confirmed.slice(0, confirmed.length - overflow)] : items
  return {
    ...state,
    items: kept,
    hasOlder: page.nextBefore !== undefined,
    hasNewer: state.hasNewer || overflow > 0,
    cursor: Math.max(state.cursor, page.cursor),
    latestSeq: Math.max(state.latestSeq, page.latestSeq),
  }
}

/** Newer page below the window (scrolling back down); the oldest are let go. */
export function withNewer(state: ConversationState, page: HistoryPage): ConversationState {
  const items = merge(state.items, page.items)
  const overflow = Math.max(0, items.length - WINDOW)
  return {
    ...state,
    items: items.slice(overflow),
    hasOlder: state.hasOlder || overflow > 0,
    hasNewer: page.nextAfter !== undefined,
    cursor: Math.max(state.cursor, page.cursor),
    latestSeq: Math.max(state.latestSeq, page.latestSeq),
    unseen: page.nextAfter !== undefined ? state.unseen : 0,
  }
}

/** A live change: a new message joins the bottom (if the window is at the bottom); recalls and hides update in place. */
export function withChange(
  state: ConversationState,
  message: MessageView,
  cursor: number,
  looking: boolean,
): ConversationState {
  const known = state.items.some((m) => m.messageId === message.messageId)
  const isNew = !known && message.seq > state.latestSeq
  const next: ConversationState = {
    ...state,
    cursor: Math.max(state.cursor, cursor),
    latestSeq: Math.max(state.latestSeq, message.seq),
  }
  if (known) return { ...next, items: merge(state.items, [message]) }
  if (!isNew) return next // an old message changed outside the window: nothing to show
  if (state.hasNewer) return { ...next, unseen: state.unseen + 1 }
  const items = merge(state.items, [message])
  const overflow = Math.max(0, items.length - WINDOW)
  return {
    ...next,
    items: items.slice(overflow),
    hasOlder: state.hasOlder || overflow > 0,
    unseen: looking ? 0 : state.unseen + 1,
  }
}

/** My message, shown at once while it is being sent. */
export function withPending(
  state: ConversationState,
  message: Omit<MessageView, 'seq' | 'version'>,
): ConversationState {
  const pending: ChatItem = { ...message, seq: PENDING_SEQ, version: -1, local: 'sending' }
  return { ...state, items: [...state.items.filter((m) => m.messageId !== message.messageId), pending].sort(bySeq) }
}

export function withFailed(state: ConversationState, messageId: string): ConversationState {
  return {
    ...state,
    items: state.items.map((m) => (m.messageId === messageId && m.local ? { ...m, local: 'failed' as const } : m)),
  }
}

export function withoutItem(state: ConversationState, messageId: string): ConversationState {
  return { ...state, items: state.items.filter((m) => m.messageId !== messageId) }
}

export function newestSeq(state: ConversationState): number {
  const confirmed = state.items.filter((m) => !m.local)
  return confirmed[confirmed.length - 1]?.seq ?? 0
}

export function oldestSeq(state: ConversationState): number | undefined {
  return state.items.find((m) => !m.local)?.seq
}
