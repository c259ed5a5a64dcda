import Taro from '@tarojs/taro'
import type { ChatEvent, MessageView } from '../../contracts'
import { call } from './api'
import { ApiError } from './api-error'
import { readStored, STORAGE_KEYS } from './storage'
import { API_BASE } from './transport'

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

export type RealtimeEvent =
  | ChatEvent
  /** Too much was missed to replay: reload from scratch, then follow from `cursor`. */
  | { type: 'reset'; cursor: number }
  /** The person may no longer read this (moved away, removed): stop. */
  | { type: 'revoked' }
  /** The connection dropped; it is being re-established and will catch up by itself. */
  | { type: 'offline' }
  | { type: 'online' }

export type Unsubscribe = () => void

export interface SubscribeOptions {
  /** The cursor the page already has (from `chat.history`); everything after it is delivered. */
  after?: number
}

const TYPE_OF_STATE: Record<MessageView['state'], ChatEvent['type']> = { normal: 'message', recalled: 'recalled', hidden: 'hidden' }

export function subscribe(topic: string, handler: (event: RealtimeEvent) => void, options: SubscribeOptions = {}): Unsubscribe {
  if (process.env.TARO_ENV === 'weapp') return subscribeByWatch(topic, handler, options)
  return subscribeBySse(topic, handler, options)
}

function subscribeBySse(topic: string, handler: (event: RealtimeEvent) => void, options: SubscribeOptions): Unsubscribe {
  let source: EventSource | null = null
  let lastId = options.after !== undefined ? `${topic}@${options.after}` : ''
  let closed = false
  let retryMs = 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  let online = true

  const setOnline = (next: boolean) => {
    if (next === online) return
    online = next
    handler({ type: next ? 'online' : 'offline' })
  }

  const open = () => {
    if (closed) return
    const params = new URLSearchParams({ topics: topic })
    if (lastId) params.set('after', lastId)
    const token = readStored<string>(STORAGE_KEYS.token, '')
    if (token) params.set('token', token)
    const es = new EventSource(`${API_BASE}/api/realtime?${params.toString()}`)
    source = es
    const listen = (type: string, deliver: (data: any) => void) =>
      es.addEventListener(type, (event) => {
        const message = event as MessageEvent<string>
        if (message.lastEventId) lastId = message.lastEventId
        retryMs = 1000
        setOnline(true)
        try {
          deliver(message.data ? JSON.parse(message.data) : null)
        } catch {
          // A malformed event is skipped; the next reconnect replays from the last good id.
        }
      })
    for (const type of ['message', 'recalled', 'hidden'] as const) {
      listen(type, (data) => handler({ type, cursor: data.cursor, message: data.message }))
    }
    listen('ready', () => undefined)
    listen('reset', (data) => handler({ type: 'reset', cursor: data.cursor }))
    listen('revoked', () => {
      handler({ type: 'revoked' })
      close()
    })
    es.onerror = () => {
      setOnline(false)
      // CONNECTING: the browser retries by itself, sending Last-Event-ID. CLOSED: it gave up
      // (the server answered with an error or went away): try again later with the last id.
      if (es.readyState === EventSource.CLOSED && !closed) {
        es.close()
        timer = setTimeout(open, retryMs)
        retryMs = Math.min(retryMs * 2, 30_000)
      }
    }
  }

  const close = () => {
    closed = true
    clearTimeout(timer)
    source?.close()
    source = null
  }

  open()
  return close
}

/** WeChat: restart the watch after this many changes so its result set stays small (CloudBase caps a watch at 5,000 records). */
const WATCH_RESTART_AFTER = 200
const POLL_WHEN_WATCHING_MS = 5 * 60_000
const POLL_WITHOUT_WATCH_MS = 4_000
const RETRY_WATCH_MS = 60_000

function subscribeByWatch(topic: string, handler: (event: RealtimeEvent) => void, options: SubscribeOptions): Unsubscribe {
  const groupId = topic.startsWith('group:') ? topic.slice('group:'.length) : ''
  let cursor = options.after ?? -1
  let closed = false
  let pulling = false
  let pullAgain = false
  let changesInWatch = 0
  let watcher: { close(): Promise<unknown> | unknown } | null = null
  let poller: ReturnType<typeof setInterval> | undefined
  let retryWatch: ReturnType<typeof setTimeout> | undefined

  const poll = (ms: number) => {
    clearInterval(poller)
    poller = setInterval(() => void pull(), ms)
  }

  const pull = async (): Promise<void> => {
    if (closed) return
    if (pulling) {
      pullAgain = true
      return
    }
    pulling = true
    try {
      do {
        pullAgain = false
        if (cursor < 0) cursor = (await call('chat', 'history', { groupId, limit: 1 })).cursor
        let more = true
        while (more && !closed) {
          const page = await call('chat', 'updates', { groupId, since: cursor, limit: 100 })
          for (const message of page.items) handler({ type: TYPE_OF_STATE[message.state], cursor: message.version, message })
          changesInWatch += page.items.length
          cursor = page.cursor
          more = page.more
        }
      } while (pullAgain && !closed)
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'CHAT.NOT_MEMBER' || error.code === 'AUTH.UNAUTHENTICATED')) {
        handler({ type: 'revoked' })
        close()
      }
      // Network trouble: the next change or poll tries again.
    } finally {
      pulling = false
    }
    if (watcher && changesInWatch >= WATCH_RESTART_AFTER) startWatch()
  }

  const startWatch = () => {
    if (closed) return
    void watcher?.close()
    watcher = null
    changesInWatch = 0
    try {
      const db = Taro.cloud.database()
      const _ = db.command
      // The security rule on `messages` requires groupId with ==; see chat.collections.ts.
      watcher = db
        .collection('messages')
        .where({ groupId, version: _.gt(Math.max(cursor, 0)) })
        .watch({
          onChange: () => void pull(),
          onError: () => {
            watcher = null
            handler({ type: 'offline' })
            poll(POLL_WITHOUT_WATCH_MS)
            retryWatch = setTimeout(startWatch, RETRY_WATCH_MS)
          },
        })
      poll(POLL_WHEN_WATCHING_MS)
    } catch {
      poll(POLL_WITHOUT_WATCH_MS)
      retryWatch = setTimeout(startWatch, RETRY_WATCH_MS)
    }
  }

  const close = () => {
    closed = true
    clearInterval(poller)
    clearTimeout(retryWatch)
    void watcher?.close()
    watcher = null
  }

  void pull().then(startWatch)
  return close
}
