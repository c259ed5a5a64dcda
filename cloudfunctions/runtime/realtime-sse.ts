import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ServerResponse } from 'node:http'
import { defaultMessageOf, errorEnvelope, httpStatusOf, type ErrorCode } from '../../contracts'
import type { RealtimeEvent, RealtimeHub } from '../adapters/local/realtime-hub'
import { resolveCaller } from '../core/account/identity'
import type { Caller } from '../core/shared/caller'
import { AppError } from '../core/shared/errors'
import type { Deps } from '../core/shared/ports'
import type { TopicEvent, TopicSignal, TopicSource } from '../core/shared/realtime-topics'
import type { ServerHelpers } from './local-server'
import { formatCursors, parseCursors, parseTopics, type Topic } from './realtime-cursor'

export interface RealtimeOptions {
  deps: Deps
  hub: RealtimeHub
  /** Topic kinds this server streams, e.g. `{ group: groupTopicSource }`. */
  sources: Readonly<Record<string, TopicSource>>
  /** A comment line this often keeps proxies and the browser from timing the stream out. */
  heartbeatMs?: number
  /** Membership is re-checked before delivering when the last check is older than this (by deps.clock). */
  recheckMs?: number
  /** Catch-up larger than this tells the client to reload instead (`reset`). */
  replayLimit?: number
}

/** A client too slow to read this much queued output is dropped; it reconnects and catches up. */
const MAX_BUFFERED_BYTES = 1024 * 1024

interface Followed extends Topic {
  source: TopicSource
}

/** The source of a topic kind the caller named — only the declared ones, never a property every object has. */
function sourceOf(sources: Readonly<Record<string, TopicSource>>, kind: string): TopicSource | undefined {
  return Object.hasOwn(sources, kind) ? sources[kind] : undefined
}

function refuse(reply: FastifyReply, code: ErrorCode, message?: string, field?: string) {
  return reply
    .code(httpStatusOf(code))
    .send(errorEnvelope({ code, message: message ?? defaultMessageOf(code), ...(field ? { field } : {}) }))
}

/**
 * One open SSE stream. Every event — replayed from the database or pushed by the hub — goes
 * through one queue in order, so a catch-up and live events can never interleave: the stream
 * subscribes first, then replays from the cursor, then delivers what arrived meanwhile, dropping
 * anything at or below what it already sent on that topic.
 */
class TopicStream {
  private readonly cursors = new Map<string, number>()
  private queue: Promise<void> = Promise.resolve()
  private closed = false
  private lastCheck: number
  private unsubscribe: () => void = () => undefined
  private unwatch: () => void = () => undefined
  private unrelay: () => void = () => undefined
  private heartbeat: NodeJS.Timeout | undefined

  constructor(
    private readonly raw: ServerResponse,
    private readonly options: Required<Omit<RealtimeOptions, 'sources'>>,
    private readonly identity: { openid: string; userId?: string; expiresAt?: number },
    private caller: Caller,
    private readonly topics: readonly Followed[],
    private readonly onEnd: () => void,
  ) {
    this.lastCheck = options.deps.clock.now()
  }

  async start(initial: Map<string, number>): Promise<void> {
    const { deps, hub, heartbeatMs } = this.options
    // A topic without a cursor starts from where it stands now; read before subscribing, and the
    // catch-up below closes the gap between the two.
    for (const topic of this.topics) {
      this.cursors.set(topic.key, initial.get(topic.key) ?? (await topic.source.currentCursor(deps, topic.id)))
    }
    // The client may have gone while we read: then there is nothing to subscribe (or leak).
    if (this.closed) return
    this.unsubscribe = hub.subscribe(
      this.topics.map((t) => t.key),
      (event) => this.enqueue(() => this.deliverLive(event)),
    )
    // A membership or role that ends is announced to the hub: re-check at once, not at the next tick.
    this.unwatch = hub.watchPerson(this.caller.userId, () =>
      this.enqueue(async () => {
        if (await this.stillAllowed(true)) await this.followRelays()
      }),
    )
    this.enqueue(() => this.followRelays())
    this.raw.write('retry: 3000\n\n')
    for (const topic of this.topics) this.enqueue(() => this.catchUp(topic))
    this.enqueue(async () => this.write('ready', { topics: this.topics.map((t) => t.key) }))
    this.heartbeat = setInterval(() => this.enqueue(() => this.beat()), heartbeatMs)
    this.heartbeat.unref?.()
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue
      .then(async () => {
        if (!this.closed) await work()
      })
      .catch((error: unknown) => {
        this.options.deps.log.error({ error: (error as Error)?.message ?? String(error) }, 'realtime stream failed')
        this.close()
      })
  }

  private topicOf(key: string): Followed | undefined {
    return this.topics.find((t) => t.key === key)
  }

  /** Replay from the database everything after the topic's cursor. */
  private async catchUp(topic: Followed): Promise<void> {
    const { deps, replayLimit } = this.options
    const since = this.cursors.get(topic.key) ?? 0
    const { events, more } = await topic.source.changesSince(deps, topic.id, since, replayLimit)
    if (more) {
      // Too much to replay: the client reloads its history and follows from here.
      const cursor = await topic.source.currentCursor(deps, topic.id)
      this.cursors.set(topic.key, cursor)
      this.write('reset', { topic: topic.key, cursor })
      return
    }
    for (const event of events) this.send(topic.key, event)
  }

  /**
   * Listen to the topics a followed topic relays (the person's groups, for their personal topic),
   * as they stand now: called at the start and whenever the person's own topic or standing changes.
   */
  private async followRelays(): Promise<void> {
    const { deps, hub } = this.options
    const unsubscribes: Array<() => void> = []
    for (const topic of this.topics) {
      if (!topic.source.relays) continue
      const { topics, signal } = await topic.source.relays(deps, this.caller, topic.id)
      unsubscribes.push(hub.subscribe(topics, () => this.enqueue(() => this.relay(topic, signal))))
    }
    this.unrelay()
    this.unrelay = () => unsubscribes.forEach((unsubscribe) => unsubscribe())
    if (this.closed) this.unrelay()
  }

  private async relay(topic: Followed, signal: TopicSignal): Promise<void> {
    if (!(await this.stillAllowed())) return
    const cursor = signal.cursor(this.options.deps.clock.now())
    this.send(topic.key, { type: signal.type, cursor, payload: signal.payload })
  }

  private async deliverLive(event: RealtimeEvent): Promise<void> {
    const topic = this.topicOf(event.topic)
    if (!topic) return
    if (!(await this.stillAllowed())) return
    // A change to the person themself (a new membership, a role) may change what is relayed.
    if (topic.source.relays)
      this.enqueue(async () => {
        if (await this.stillAllowed(true)) await this.followRelays()
      })
    const cursor = Number(event.cursor)
    const last = this.cursors.get(topic.key) ?? 0
    if (!Number.isFinite(cursor) || cursor <= last) return
    if (cursor === last + 1) {
      this.send(topic.key, { type: event.type, cursor, payload: event.payload })
      return
    }
    // A gap: an earlier change is committed but its push has not arrived (pushes can overtake
    // each other). The database has it: replay from there, which includes this one.
    await this.catchUp(topic)
    if (cursor > (this.cursors.get(topic.key) ?? 0))
      this.send(topic.key, { type: event.type, cursor, payload: event.payload })
  }

  /** Membership can end at any moment (moved away, removed, deleted), and so does the token: re-check both now and then. */
  private async stillAllowed(force = false): Promise<boolean> {
    const { deps, recheckMs } = this.options
    const now = deps.clock.now()
    if (!force && now - this.lastCheck < recheckMs) return true
    this.lastCheck = now
    if (this.identity.expiresAt !== undefined && now >= this.identity.expiresAt) {
      // The stream outlived the token it was opened with: the client signs in again to follow on.
      this.write('revoked', { code: 'AUTH.UNAUTHENTICATED', message: defaultMessageOf('AUTH.UNAUTHENTICATED') })
      this.close()
      return false
    }
    let allowed = true
    try {
      this.caller = await resolveCaller(deps, this.identity)
      for (const topic of this.topics) if (!(await topic.source.mayRead(deps, this.caller, topic.id))) allowed = false
    } catch {
      allowed = false
    }
    if (!allowed) {
      this.write('revoked', { code: 'CHAT.NOT_MEMBER', message: defaultMessageOf('CHAT.NOT_MEMBER') })
      this.close()
    }
    return allowed
  }

  private async beat(): Promise<void> {
    if (!(await this.stillAllowed(true))) return
    this.raw.write(': ping\n\n')
  }

  private send(key: string, event: TopicEvent): void {
    this.cursors.set(key, Math.max(this.cursors.get(key) ?? 0, event.cursor))
    this.write(event.type, { topic: key, ...(event.payload as object) })
  }

  private write(type: string, data: unknown): void {
    if (this.closed) return
    const id = formatCursors(this.cursors)
    this.raw.write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`)
    if (this.raw.writableLength > MAX_BUFFERED_BYTES) this.close()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.heartbeat)
    this.unsubscribe()
    this.unwatch()
    this.unrelay()
    this.raw.end()
    this.onEnd()
  }
}

/**
 * `GET /api/realtime?topics=group:<id>,…[&after=<cursor>]` — Server-Sent Events for the local
 * runtime. Authenticated like every call (Bearer header, or `?token=` since EventSource cannot
 * send headers); a topic the caller may not read refuses the whole request with the usual
 * envelope (403 CHAT.NOT_MEMBER). Reconnects send `Last-Event-ID` and get what they missed first.
 */
export function realtimeRoute(options: RealtimeOptions) {
  const settings = {
    deps: options.deps,
    hub: options.hub,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    recheckMs: options.recheckMs ?? 5_000,
    replayLimit: options.replayLimit ?? 500,
  }
  const open = new Set<TopicStream>()

  return (app: FastifyInstance, helpers: ServerHelpers) => {
    // Streams never end by themselves: end them when the server stops, or close() would wait forever.
    app.addHook('preClose', async () => {
      for (const stream of [...open]) stream.close()
    })

    app.get('/api/realtime', async (request: FastifyRequest, reply: FastifyReply) => {
      const query = (request.query ?? {}) as Record<string, unknown>
      // Same order as every call: the input first (400), then who is asking (401), then may they (403).
      const topics = parseTopics(query.topics)
      if (!topics) return refuse(reply, 'INPUT.INVALID', '订阅内容：格式不对，例如 topics=group:bg-jsh-5', 'topics')
      const unknown = topics.find((topic) => !sourceOf(options.sources, topic.kind))
      if (unknown) return refuse(reply, 'INPUT.INVALID', `订阅内容：不认识 ${unknown.kind}`, 'topics')
      const lastEventId = request.headers['last-event-id']
      const cursors = parseCursors(typeof lastEventId === 'string' && lastEventId ? lastEventId : query.after, topics)
      if (!cursors) return refuse(reply, 'INPUT.INVALID', '位置：格式不对', 'after')
      const identity = helpers.identify(request)
      if (!identity) return refuse(reply, 'AUTH.UNAUTHENTICATED')
      let caller: Caller
      try {
        caller = await resolveCaller(settings.deps, identity)
      } catch (error) {
        if (error instanceof AppError) return refuse(reply, error.code, error.message)
        throw error
      }
      const followed: Followed[] = []
      for (const topic of topics) {
        const source = sourceOf(options.sources, topic.kind)
        if (!source) return refuse(reply, 'INPUT.INVALID', `订阅内容：不认识 ${topic.kind}`, 'topics')
        if (!(await source.mayRead(settings.deps, caller, topic.id))) return refuse(reply, 'CHAT.NOT_MEMBER')
        followed.push({ ...topic, source })
      }

      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      })
      const stream = new TopicStream(raw, settings, identity, caller, followed, () => open.delete(stream))
      open.add(stream)
      raw.on('close', () => stream.close())
      await stream.start(cursors)
    })
  }
}
