import type { PersonalChange } from '../../contracts'
import { follow, followPersonal } from '../platform/realtime'
import { chatContract } from '../../contracts/chat'
import { caller } from './api'
import type { Handler, Timers, Unsubscribe } from './realtime-followers'

export type { RealtimeEvent, Unsubscribe } from './realtime-followers'

/**
 * One way for pages to follow something live: `subscribe(topic, handler, { after })`.
 *
 * - Browser (local runtime): Server-Sent Events from `/api/realtime` (src/platform/realtime.h5.ts).
 * - WeChat: CloudBase database `watch()` on the group's messages newer than the cursor, used as a
 *   signal only: each change makes us fetch `chat.updates` since the cursor through the function
 *   (which resolves names and never hands out what was recalled or hidden). If the watch fails,
 *   the same call is polled every few seconds; while the watch is healthy it is still called every
 *   few minutes, which also renews the reader lease the security rule checks
 *   (src/platform/realtime.weapp.ts).
 *
 * Handlers see the same events either way. Pages close the subscription when they hide.
 */

export interface SubscribeOptions {
  /** The cursor the page already has (from `chat.history`); everything after it is delivered. */
  after?: number
}

const timers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
}

const callChat = caller('chat', chatContract)

export function subscribe(topic: string, handler: Handler, options: SubscribeOptions = {}): Unsubscribe {
  return follow(topic, handler, options.after, timers, {
    updates: (groupId, since) => callChat('updates', { groupId, since, limit: 100 }),
    currentCursor: async (groupId) => (await callChat('history', { groupId, limit: 1 })).cursor,
  })
}

/**
 * Follow what changes for the signed-in person (membership, roles, notifications, their chats):
 * Server-Sent Events locally, polling in WeChat. `onChange` hears only which kinds changed.
 */
export function subscribePersonal(userId: string, onChange: (changes: readonly PersonalChange[]) => void): Unsubscribe {
  return followPersonal(userId, onChange, timers)
}
