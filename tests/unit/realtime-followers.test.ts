import type { MessageView } from '../../contracts'
import { ApiError } from '../../src/services/api-error'
import {
  followBySse,
  followByWatch,
  POLL_WHEN_WATCHING_MS,
  POLL_WITHOUT_WATCH_MS,
  RETRY_WATCH_MS,
  WATCH_RESTART_AFTER,
  type EventSourceLike,
  type RealtimeEvent,
  type Timers,
} from '../../src/services/realtime-followers'
import { at, lastOf } from '../support/lists'

/** Timers the test fires by hand. */
class ManualTimers implements Timers {
  next = 1
  timeouts = new Map<number, { fn: () => void; ms: number }>()
  intervals = new Map<number, { fn: () => void; ms: number }>()
  setTimeout(fn: () => void, ms: number) {
    this.timeouts.set(this.next, { fn, ms })
    return this.next++
  }
  clearTimeout(handle: unknown) {
    this.timeouts.delete(handle as number)
  }
  setInterval(fn: () => void, ms: number) {
    this.intervals.set(this.next, { fn, ms })
    return this.next++
  }
  clearInterval(handle: unknown) {
    this.intervals.delete(handle as number)
  }
  /** Run every pending timeout once. */
  fireTimeouts() {
    const due = [...this.timeouts.values()]
    this.timeouts.clear()
    for (const t of due) t.fn()
  }
  intervalMs(): number[] {
    return [...this.intervals.values()].map((i) => i.ms)
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

const message = (seq: number, extra: Partial<MessageView> = {}): MessageView => ({
  messageId: `bg-1:u_1:client-${String(seq).padStart(4, '0')}`,
  groupId: 'bg-1',
  kind: 'text',
  seq,
  version: seq,
  senderId: 'u_1',
  senderName: '王阿姨',
  text: `第${seq}条`,
  state: 'normal',
  sentAt: seq,
  mentions: [],
  ...extra,
})

describe('following a group by CloudBase watch (WeChat)', () => {
  function setup(
    options: {
      after?: number
      initial?: MessageView[]
      updates?: (groupId: string, since: number) => Promise<{ items: MessageView[]; cursor: number; more: boolean }>
    } = {},
  ) {
    const timers = new ManualTimers()
    const events: RealtimeEvent[] = []
    const watches: Array<{ cursor: number; closed: boolean; onChange(): void; onError(e: unknown): void }> = []
    const asked: number[] = []
    let failWatch = false
    const store: MessageView[] = [...(options.initial ?? [])]
    const deps = {
      timers,
      watch(_groupId: string, cursor: number, callbacks: { onChange(): void; onError(e: unknown): void }) {
        if (failWatch) throw new Error('no cloud')
        const w = { cursor, closed: false, ...callbacks }
        watches.push(w)
        return { close: () => (w.closed = true) }
      },
      updates:
        options.updates ??
        (async (_groupId: string, since: number) => {
          asked.push(since)
          const items = store.filter((m) => m.version > since).sort((a, b) => a.version - b.version)
          return { items, cursor: items.length ? lastOf(items).version : since, more: false }
        }),
      currentCursor: async () => 40,
    }
    const stop = followByWatch('group:bg-1', (e) => events.push(e), options.after, deps)
    return { timers, events, watches, asked, store, stop, setFailWatch: (v: boolean) => (failWatch = v) }
  }

  test('when following starts, then it first catches up through the function, then watches from the new cursor', async () => {
    const f = setup({ after: 10, initial: [message(11), message(12)] })
    await flush()
    expect(f.asked).toEqual([10])
    expect(f.events.map((e) => e.type === 'message' && e.message.seq)).toEqual([11, 12])
    expect(f.watches).toHaveLength(1)
    expect(at(f.watches, 0).cursor).toBe(12)
    expect(f.timers.intervalMs()).toEqual([POLL_WHEN_WATCHING_MS])
  })

  test('when the page gives no cursor, then it starts from where the group stands now', async () => {
    const f = setup()
    await flush()
    expect(f.asked).toEqual([40])
  })

  test('when the watch signals a change, then the changes since the cursor are fetched and delivered in order, recalls included', async () => {
    const f = setup({ after: 0 })
    await flush()
    f.store.push(
      message(1),
      message(2, { messageId: 'bg-1:u_1:client-0001', version: 3, state: 'recalled', text: '消息已撤回' }),
    )
    at(f.watches, 0).onChange()
    await flush()
    expect(f.events.map((e) => e.type)).toEqual(['message', 'recalled'])
    at(f.watches, 0).onChange()
    await flush()
    expect(f.asked).toEqual([0, 0, 3])
    expect(f.events).toHaveLength(2)
  })

  test('when changes arrive while a fetch is running, then one more fetch follows it', async () => {
    let release!: () => void
    const calls: number[] = []
    const f = setup({
      after: 5,
      updates: async (_groupId, since) => {
        calls.push(since)
        if (calls.length === 2) await new Promise<void>((resolve) => (release = resolve))
        return { items: [], cursor: since, more: false }
      },
    })
    await flush()
    at(f.watches, 0).onChange()
    at(f.watches, 0).onChange()
    at(f.watches, 0).onChange()
    await flush()
    expect(calls).toHaveLength(2)
    release()
    await flush()
    await flush()
    expect(calls).toHaveLength(3)
  })

  test('when the watch fails, then it says offline, polls every few seconds and tries the watch again later; back online it says so', async () => {
    const f = setup({ after: 0 })
    await flush()
    at(f.watches, 0).onError(new Error('closed'))
    expect(f.events).toEqual([{ type: 'offline' }])
    expect(f.timers.intervalMs()).toEqual([POLL_WITHOUT_WATCH_MS])
    expect([...f.timers.timeouts.values()].map((t) => t.ms)).toEqual([RETRY_WATCH_MS])
    f.store.push(message(1))
    for (const i of f.timers.intervals.values()) i.fn()
    await flush()
    expect(f.events.map((e) => e.type)).toEqual(['offline', 'message'])
    f.timers.fireTimeouts()
    expect(f.watches).toHaveLength(2)
    expect(f.events.map((e) => e.type)).toEqual(['offline', 'message', 'online'])
    expect(f.timers.intervalMs()).toEqual([POLL_WHEN_WATCHING_MS])
  })

  test('when the cloud database is not available at all, then it polls', async () => {
    const timers = new ManualTimers()
    const events: RealtimeEvent[] = []
    followByWatch('group:bg-1', (e) => events.push(e), 0, {
      timers,
      watch: () => {
        throw new Error('Taro.cloud is not initialised')
      },
      updates: async (_g, since) => ({ items: [], cursor: since, more: false }),
      currentCursor: async () => 0,
    })
    await flush()
    expect(events).toEqual([{ type: 'offline' }])
    expect(timers.intervalMs()).toEqual([POLL_WITHOUT_WATCH_MS])
  })

  test(`when ${WATCH_RESTART_AFTER} changes went through one watch, then it is restarted from the new cursor`, async () => {
    const f = setup({ after: 0 })
    await flush()
    for (let i = 1; i <= WATCH_RESTART_AFTER; i++) f.store.push(message(i))
    at(f.watches, 0).onChange()
    await flush()
    await flush()
    expect(f.watches).toHaveLength(2)
    expect(at(f.watches, 0).closed).toBe(true)
    expect(at(f.watches, 1).cursor).toBe(WATCH_RESTART_AFTER)
  })

  test('when the function says the person is no longer a member, then the page is told and everything stops', async () => {
    const f = setup({
      after: 0,
      updates: async () => {
        throw new ApiError({ code: 'CHAT.NOT_MEMBER', message: '您还不是这个群的成员' })
      },
    })
    await flush()
    expect(f.events).toEqual([{ type: 'revoked', signedOut: false }])
    expect(f.watches).toHaveLength(0)
    expect(f.timers.intervals.size).toBe(0)
  })

  test('when the page hides and unsubscribes, then the watch closes and nothing is fetched any more', async () => {
    const f = setup({ after: 0 })
    await flush()
    f.stop()
    expect(at(f.watches, 0).closed).toBe(true)
    expect(f.timers.intervals.size).toBe(0)
    at(f.watches, 0).onChange()
    await flush()
    expect(f.asked).toEqual([0])
  })
})

describe('following a group by Server-Sent Events (browser)', () => {
  class FakeSource implements EventSourceLike {
    readyState = 0
    onerror: ((event: unknown) => void) | null = null
    closed = false
    listeners = new Map<string, (event: { data: string; lastEventId: string }) => void>()
    constructor(readonly url: string) {}
    addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void) {
      this.listeners.set(type, listener)
    }
    emit(type: string, data: unknown, lastEventId = '') {
      this.listeners.get(type)?.({ data: JSON.stringify(data), lastEventId })
    }
    close() {
      this.closed = true
      this.readyState = 2
    }
  }

  function setup(after?: number) {
    const timers = new ManualTimers()
    const sources: FakeSource[] = []
    const events: RealtimeEvent[] = []
    const stop = followBySse('group:bg-1', (e) => events.push(e), after, {
      open: (url) => {
        const source = new FakeSource(url)
        sources.push(source)
        return source
      },
      closedState: 2,
      baseUrl: '',
      token: () => 'v1.tok.en',
      timers,
    })
    return { timers, sources, events, stop }
  }

  test('when following starts, then the stream is asked for the topic after the cursor, with the token', () => {
    const f = setup(12)
    expect(at(f.sources, 0).url).toBe('/api/realtime?topics=group%3Abg-1&after=group%3Abg-1%4012&token=v1.tok.en')
  })

  test('when events arrive, then messages, recalls and hides reach the page with their cursors', () => {
    const f = setup(0)
    at(f.sources, 0).emit('ready', { topics: ['group:bg-1'] }, 'group:bg-1@0')
    at(f.sources, 0).emit('message', { cursor: 1, message: message(1) }, 'group:bg-1@1')
    at(f.sources, 0).emit(
      'recalled',
      { cursor: 2, message: message(1, { version: 2, state: 'recalled' }) },
      'group:bg-1@2',
    )
    at(f.sources, 0).emit('hidden', { cursor: 3, message: message(1, { version: 3, state: 'hidden' }) }, 'group:bg-1@3')
    expect(f.events.map((e) => [e.type, 'cursor' in e ? e.cursor : null])).toEqual([
      ['message', 1],
      ['recalled', 2],
      ['hidden', 3],
    ])
  })

  test('when the connection drops but the browser is retrying, then the page hears offline and nothing is reopened by hand', () => {
    const f = setup(0)
    at(f.sources, 0).onerror?.({})
    expect(f.events).toEqual([{ type: 'offline' }])
    expect(f.timers.timeouts.size).toBe(0)
    at(f.sources, 0).emit('message', { cursor: 1, message: message(1) }, 'group:bg-1@1')
    expect(f.events.map((e) => e.type)).toEqual(['offline', 'online', 'message'])
  })

  test('when the browser gives up, then it reopens later from the last event id, waiting longer each time', () => {
    const f = setup(0)
    at(f.sources, 0).emit('message', { cursor: 7, message: message(7) }, 'group:bg-1@7')
    at(f.sources, 0).readyState = 2
    at(f.sources, 0).onerror?.({})
    expect([...f.timers.timeouts.values()].map((t) => t.ms)).toEqual([1000])
    f.timers.fireTimeouts()
    expect(at(f.sources, 1).url).toContain('after=group%3Abg-1%407')
    at(f.sources, 1).readyState = 2
    at(f.sources, 1).onerror?.({})
    expect([...f.timers.timeouts.values()].map((t) => t.ms)).toEqual([2000])
  })

  test('when the server says revoked, then the page is told and the stream is not reopened', () => {
    const f = setup(0)
    at(f.sources, 0).emit('revoked', { code: 'CHAT.NOT_MEMBER', message: '您还不是这个群的成员' })
    expect(f.events).toEqual([{ type: 'revoked', signedOut: false }])
    expect(at(f.sources, 0).closed).toBe(true)
    at(f.sources, 0).onerror?.({})
    expect(f.timers.timeouts.size).toBe(0)
  })

  test('when the server says the sign-in ran out, then the page is told it is a sign-in matter, not membership', () => {
    const f = setup(0)
    at(f.sources, 0).emit('revoked', { code: 'AUTH.UNAUTHENTICATED', message: '登录已失效，请重新登录' })
    expect(f.events).toEqual([{ type: 'revoked', signedOut: true }])
    expect(at(f.sources, 0).closed).toBe(true)
  })

  test('when a reset comes, then the page is told to reload from the given cursor', () => {
    const f = setup(0)
    at(f.sources, 0).emit('reset', { topic: 'group:bg-1', cursor: 900 })
    expect(f.events).toEqual([{ type: 'reset', cursor: 900 }])
  })

  test('when the page unsubscribes, then the stream closes and a pending reopen is cancelled', () => {
    const f = setup(0)
    at(f.sources, 0).readyState = 2
    at(f.sources, 0).onerror?.({})
    f.stop()
    expect(f.timers.timeouts.size).toBe(0)
    expect(at(f.sources, 0).closed).toBe(true)
  })
})
