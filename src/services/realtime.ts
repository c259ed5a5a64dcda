import Taro from '@tarojs/taro'
import { call } from './api'
import { followBySse, followByWatch, type Handler, type Timers, type Unsubscribe } from './realtime-followers'
import { readStored, STORAGE_KEYS } from './storage'
import { API_BASE } from './transport'

export type { RealtimeEvent, Unsubscribe } from './realtime-followers'

/**
 * One way for pages to follow something live: `subscribe(topic, handler, { after })`.
 *
 * - Browser (local runtime): Server-Sent Events from `/api/realtime`. The stream replays what was
 *   missed after `after` (and, on every reconnect, after the last event id), then goes live.
 * - WeChat: CloudBase database `watch()` on the group's messages newer than the cursor, used as a
 *   signal only: each change makes us fetch `chat.updates` since the cursor through the function
 *   (which resolves names and never hands out what was recalled or hidden). If the watch fails,
 *   the same call is polled every few seconds; while the watch is healthy it is still called every
 *   few minutes, which also renews the reader lease the security rule checks.
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

export function subscribe(topic: string, handler: Handler, options: SubscribeOptions = {}): Unsubscribe {
  if (process.env.TARO_ENV === 'weapp') {
    return followByWatch(topic, handler, options.after, {
      timers,
      watch(groupId, cursor, callbacks) {
        const db = Taro.cloud.database()
        const _ = db.command
        // The `messages` security rule needs groupId with == in the query (see chat.collections.ts).
        return db.collection('messages').where({ groupId, version: _.gt(cursor) }).watch(callbacks)
      },
      updates: (groupId, since) => call('chat', 'updates', { groupId, since, limit: 100 }),
      currentCursor: async (groupId) => (await call('chat', 'history', { groupId, limit: 1 })).cursor,
    })
  }
  return followBySse(topic, handler, options.after, {
    open: (url) => new EventSource(url),
    closedState: typeof EventSource === 'undefined' ? 2 : EventSource.CLOSED,
    baseUrl: API_BASE,
    token: () => readStored<string>(STORAGE_KEYS.token, ''),
    timers,
  })
}
