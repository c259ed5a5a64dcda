import http from 'node:http'

/** One parsed Server-Sent Event. */
export interface SseEvent {
  id?: string
  event: string
  data: string
}

export interface SseFollowerOptions {
  /** Where the server is now (it may come back on another port after a restart). */
  baseUrl: () => string
  token: string
  /** e.g. ['group:bg-jsh-5']. */
  topics: readonly string[]
  /** Start after this cursor (a bare number, single topic), as a page does after `chat.history`. */
  after?: number
  /** First reconnect delay; doubles up to `maxRetryMs`, like the browser client's back-off. */
  retryMs?: number
  maxRetryMs?: number
  onEvent?: (event: SseEvent) => void
}

interface ChatEventData {
  topic: string
  cursor: number
  message?: { messageId: string }
}

/**
 * A reconnecting SSE reader that behaves like EventSource: it remembers the last event id and
 * sends it back as `Last-Event-ID` when it reconnects, so the server replays what was missed.
 * It keeps the ledger the durability checks need: how often each message arrived, and every
 * place where a topic's cursor did not advance by exactly one (a gap or a duplicate).
 */
export class SseFollower {
  lastEventId: string | undefined
  connects = 0
  /** Reconnects that sent `Last-Event-ID` and got their stream (`ready`): resumed where the last one stopped. */
  resumedWithId = 0
  private resuming = false
  readies = 0
  /** Connection attempts that failed or streams that ended (each is followed by a reconnect). */
  drops = 0
  /** messageId → times received as a `message` event. */
  readonly received = new Map<string, number>()
  /** Per topic, the last cursor delivered. */
  readonly cursors = new Map<string, number>()
  /** Events whose cursor was not last + 1 on their topic. */
  readonly irregular: Array<{ topic: string; expected: number; got: number }> = []
  /** Non-200 answers (status and body), e.g. a refused token. */
  readonly refusals: string[] = []
  resets = 0
  private request: http.ClientRequest | undefined
  private stopped = false
  private timer: NodeJS.Timeout | undefined
  private delay: number
  private readyWaiters: Array<() => void> = []

  constructor(private readonly options: SseFollowerOptions) {
    this.delay = options.retryMs ?? 100
    if (options.after !== undefined) for (const topic of options.topics) this.cursors.set(topic, options.after)
  }

  start(): void {
    this.stopped = false
    this.connect()
  }

  /** Resolves at the next `ready` event (the replay after a (re)connect is done). */
  nextReady(): Promise<void> {
    return new Promise((resolve) => this.readyWaiters.push(resolve))
  }

  /** Open now (used to measure listener leaks: the stream is up between `ready` and `stop`). */
  get open(): boolean {
    return this.request !== undefined
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.request?.destroy()
    this.request = undefined
  }

  /** Messages that arrived more than once. */
  duplicates(): string[] {
    return [...this.received].filter(([, n]) => n > 1).map(([id]) => id)
  }

  private connect(): void {
    if (this.stopped) return
    this.connects++
    const query = new URLSearchParams({ topics: this.options.topics.join(','), token: this.options.token })
    if (!this.lastEventId && this.options.after !== undefined) query.set('after', String(this.options.after))
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    this.resuming = !!this.lastEventId
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId
    let request: http.ClientRequest
    try {
      request = http.get(`${this.options.baseUrl()}/api/realtime?${query}`, { agent: false, headers }, (response) => {
        if (response.statusCode !== 200) {
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (body += chunk))
          response.on('end', () => {
            this.refusals.push(`${response.statusCode} ${body.slice(0, 200)}`)
            this.dropped(request)
          })
          return
        }
        let buffer = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            this.handle(block)
          }
        })
        response.on('end', () => this.dropped(request))
        response.on('error', () => this.dropped(request))
        response.on('close', () => this.dropped(request))
      })
    } catch {
      this.dropped(undefined)
      return
    }
    this.request = request
    request.on('error', () => this.dropped(request))
  }

  private dropped(request: http.ClientRequest | undefined): void {
    if (request && request !== this.request) return // an old connection's late event
    this.request = undefined
    request?.destroy()
    if (this.stopped) return
    this.drops++
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.connect(), this.delay)
    this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 1000)
  }

  private handle(block: string): void {
    const event: SseEvent = { event: 'message', data: '' }
    let sawField = false
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'id') event.id = value
      else if (field === 'event') event.event = value
      else if (field === 'data') event.data = event.data ? `${event.data}\n${value}` : value
      else continue
      sawField = true
    }
    if (!sawField) return
    if (event.id !== undefined) this.lastEventId = event.id
    if (event.event === 'ready') {
      this.readies++
      if (this.resuming) this.resumedWithId++
      this.resuming = false
      this.delay = this.options.retryMs ?? 100
      for (const resolve of this.readyWaiters.splice(0)) resolve()
    } else if (event.event === 'reset') {
      this.resets++
      const data = JSON.parse(event.data) as { topic: string; cursor: number }
      this.cursors.set(data.topic, data.cursor)
    } else if (event.event === 'message' || event.event === 'recalled' || event.event === 'hidden') {
      const data = JSON.parse(event.data) as ChatEventData
      const last = this.cursors.get(data.topic)
      if (last !== undefined && data.cursor !== last + 1)
        this.irregular.push({ topic: data.topic, expected: last + 1, got: data.cursor })
      this.cursors.set(data.topic, Math.max(last ?? 0, data.cursor))
      if (event.event === 'message' && data.message)
        this.received.set(data.message.messageId, (this.received.get(data.message.messageId) ?? 0) + 1)
    }
    this.options.onEvent?.(event)
  }
}
