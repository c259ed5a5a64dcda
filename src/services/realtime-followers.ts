import type { ChatEvent, MessageView, PersonalChange } from '../../contracts'
import { ApiError } from './api-error'

/**
 * The two ways of following a topic, written against small injected capabilities (no Taro, no
 * browser globals) so their reconnect and fallback rules are unit-tested. `realtime.ts` wires
 * them to the platform.
 */

export type RealtimeEvent =
  | ChatEvent
  /** Too much was missed to replay: reload from scratch, then follow from `cursor`. */
  | { type: 'reset'; cursor: number }
  /** The person may no longer read this (moved away, removed), or their sign-in ran out: stop. */
  | { type: 'revoked'; signedOut: boolean }
  /** The connection dropped; it is being re-established and will catch up by itself. */
  | { type: 'offline' }
  | { type: 'online' }
  /** On a person's own topic: these kinds of thing changed for them (fetch them again). */
  | { type: 'changed'; changes: PersonalChange[] }

export type Handler = (event: RealtimeEvent) => void
export type Unsubscribe = () => void

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

// ---------------------------------------------------------------------------------------------
// Server-Sent Events (browser, local runtime)

/** What we use of the browser's EventSource. */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void): void
  onerror: ((event: never) => void) | null
  close(): void
}

export interface SseDeps {
  open(url: string): EventSourceLike
  /** EventSource.CLOSED */
  closedState: number
  baseUrl: string
  token(): string
  timers: Timers
}

export function followBySse(topic: string, handler: Handler, after: number | undefined, deps: SseDeps): Unsubscribe {
  let source: EventSourceLike | null = null
  let lastId = after !== undefined ? `${topic}@${after}` : ''
  let closed = false
  let retryMs = 1000
  let timer: unknown
  let online = true

  const setOnline = (next: boolean) => {
    if (next === online) return
    online = next
    handler({ type: next ? 'online' : 'offline' })
  }

  const open = () => {
    if (closed) return
    const params = [`topics=${encodeURIComponent(topic)}`]
    if (lastId) params.push(`after=${encodeURIComponent(lastId)}`)
    const token = deps.token()
    if (token) params.push(`token=${encodeURIComponent(token)}`)
    const es = deps.open(`${deps.baseUrl}/api/realtime?${params.join('&')}`)
    source = es
    /** What the server sends on the stream (cloudfunctions/runtime/local-server.ts): parsed JSON, trusted as our own. */
    type StreamData = { cursor: number; message: MessageView; code?: string; changes?: PersonalChange[] }
    const listen = (type: string, deliver: (data: StreamData) => void) =>
      es.addEventListener(type, (event) => {
        if (closed) return
        if (event.lastEventId) lastId = event.lastEventId
        retryMs = 1000
        setOnline(true)
        let data: unknown
        try {
          data = event.data ? JSON.parse(event.data) : null
        } catch {
          return // a malformed event is skipped; a reconnect replays from the last good id
        }
        deliver(data as StreamData)
      })
    for (const type of ['message', 'recalled', 'hidden', 'reviewed', 'removed', 'expired'] as const) {
      listen(type, (data) => handler({ type, cursor: data.cursor, message: data.message }))
    }
    listen('changed', (data) => handler({ type: 'changed', changes: data.changes ?? [] }))
    listen('ready', () => undefined)
    listen('reset', (data) => handler({ type: 'reset', cursor: data.cursor }))
    listen('revoked', (data) => {
      handler({ type: 'revoked', signedOut: data?.code === 'AUTH.UNAUTHENTICATED' })
      close()
    })
    es.onerror = () => {
      if (closed) return
      setOnline(false)
      // Still CONNECTING: the browser retries by itself and sends Last-Event-ID. CLOSED: it gave
      // up (an error status, or the server went away): open again later from the last id.
      if (es.readyState === deps.closedState) {
        es.close()
        timer = deps.timers.setTimeout(open, retryMs)
        retryMs = Math.min(retryMs * 2, 30_000)
      }
    }
  }

  const close = () => {
    closed = true
    deps.timers.clearTimeout(timer)
    source?.close()
    source = null
  }

  open()
  return close
}

// ---------------------------------------------------------------------------------------------
// CloudBase database watch (WeChat)

export interface WatchDeps {
  /** Watch the group's messages newer than `cursor`; `onChange` is only a signal. */
  watch(
    groupId: string,
    cursor: number,
    callbacks: { onChange(): void; onError(error: unknown): void },
  ): { close(): unknown }
  /** `chat.updates` through the function: views with names, never what was taken back. */
  updates(groupId: string, since: number): Promise<{ items: MessageView[]; cursor: number; more: boolean }>
  /** `chat.history` with limit 1, for the current cursor when the page gave none. */
  currentCursor(groupId: string): Promise<number>
  timers: Timers
}

/** Restart the watch after this many changes, so its result set stays far below CloudBase's 5,000-record cap. */
export const WATCH_RESTART_AFTER = 200
/** While the watch works: a safety poll (and lease renewal) every few minutes. */
export const POLL_WHEN_WATCHING_MS = 5 * 60_000
/** Without a watch: poll often. */
export const POLL_WITHOUT_WATCH_MS = 4_000
export const RETRY_WATCH_MS = 60_000

const TYPE_OF_STATE: Record<MessageView['state'], ChatEvent['type']> = {
  normal: 'message',
  recalled: 'recalled',
  hidden: 'hidden',
  removed: 'removed',
}

export function followByWatch(
  topic: string,
  handler: Handler,
  after: number | undefined,
  deps: WatchDeps,
): Unsubscribe {
  const groupId = topic.startsWith('group:') ? topic.slice('group:'.length) : topic
  let cursor = after ?? -1
  let closed = false
  let pulling: Promise<void> | null = null
  let pullAgain = false
  let changesInWatch = 0
  let watcher: { close(): unknown } | null = null
  let poller: unknown
  let retryWatch: unknown
  let offline = false

  const poll = (ms: number) => {
    deps.timers.clearInterval(poller)
    poller = deps.timers.setInterval(() => void pull(), ms)
  }

  const fetchChanges = async () => {
    do {
      pullAgain = false
      if (cursor < 0) cursor = await deps.currentCursor(groupId)
      let more = true
      while (more && !closed) {
        const page = await deps.updates(groupId, cursor)
        if (closed) return
        for (const message of page.items)
          handler({ type: TYPE_OF_STATE[message.state], cursor: message.version, message })
        changesInWatch += page.items.length
        cursor = page.cursor
        more = page.more
      }
    } while (pullAgain && !closed)
  }

  /** Fetch what changed since the cursor; changes that arrive meanwhile fetch again after. */
  const pull = async (): Promise<void> => {
    if (closed) return
    if (pulling) {
      pullAgain = true
      return pulling
    }
    pulling = fetchChanges()
      .catch((error: unknown) => {
        if (
          error instanceof ApiError &&
          (error.code === 'CHAT.NOT_MEMBER' ||
            error.code === 'AUTH.UNAUTHENTICATED' ||
            error.code === 'ACCOUNT.DELETED')
        ) {
          handler({ type: 'revoked', signedOut: error.code !== 'CHAT.NOT_MEMBER' })
          close()
        }
        // Network trouble: the next change or poll tries again.
      })
      .finally(() => {
        pulling = null
      })
    await pulling
    if (watcher && changesInWatch >= WATCH_RESTART_AFTER) startWatch()
  }

  const fallBack = () => {
    watcher = null
    if (!offline) {
      offline = true
      handler({ type: 'offline' })
    }
    poll(POLL_WITHOUT_WATCH_MS)
    deps.timers.clearTimeout(retryWatch)
    retryWatch = deps.timers.setTimeout(startWatch, RETRY_WATCH_MS)
  }

  function startWatch(): void {
    if (closed) return
    const previous = watcher
    watcher = null
    void previous?.close()
    changesInWatch = 0
    try {
      const current = deps.watch(groupId, Math.max(cursor, 0), {
        onChange: () => void pull(),
        onError: () => {
          if (watcher === current) fallBack()
        },
      })
      watcher = current
      if (offline) {
        offline = false
        handler({ type: 'online' })
      }
      poll(POLL_WHEN_WATCHING_MS)
    } catch {
      fallBack()
    }
  }

  function close(): void {
    closed = true
    deps.timers.clearInterval(poller)
    deps.timers.clearTimeout(retryWatch)
    void watcher?.close()
    watcher = null
  }

  void pull().then(() => {
    if (!closed) startWatch()
  })
  return close
}
