import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CollectionSpec } from '../../cloudfunctions/core/shared/collections'
import { FakeCloudbaseDatabase } from './fake-cloudbase-database'

/**
 * A local stand-in for CloudBase's `tcb-api` endpoint, for tests of code that uses
 * @cloudbase/node-sdk: point the SDK's `serviceUrl` here (with any secretId/secretKey and
 * TENCENTCLOUD=true, see tests/support/env.ts). Every request is recorded; database actions are
 * answered by an in-memory model of the service (fake-cloudbase-database.ts: real error codes,
 * `updated: 0` for a missing document, transaction conflicts), and a test can queue the replies
 * it needs instead.
 *
 * Wire format (node-sdk 3.18): POST {serviceUrl}?env=…&seqId=… with a JSON body
 * `{ action: 'database.getDocument', collectionName, query: '<EJSON>', … }`; replies are
 * `{ requestId, data: { list: ['<EJSON doc>'] } }` and similar, or `{ code, message }` for errors.
 */

export interface CapturedRequest {
  action: string
  url: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: Record<string, unknown>
}

export type Reply = Record<string, unknown> | ((request: CapturedRequest) => Record<string, unknown>)
type Handler = (request: CapturedRequest) => Record<string, unknown> | Promise<Record<string, unknown>>

let sequence = 0

/** Anything that is not a database action (e.g. `wx.openApi`): an empty success. */
function defaultReply(): Record<string, unknown> {
  return { requestId: `req-${++sequence}`, data: {} }
}

export class CloudbaseCapture {
  readonly requests: CapturedRequest[] = []
  /** What the database holds; `seed` it to arrange a test, read it to check one. */
  readonly database: FakeCloudbaseDatabase
  private readonly queued = new Map<string, Reply[]>()
  private readonly handlers = new Map<string, Handler>()
  private server: http.Server | null = null

  /** With `collections`, only those exist (as after a deploy); otherwise any is created on first use. */
  constructor(options: { collections?: readonly CollectionSpec[] } = {}) {
    this.database = new FakeCloudbaseDatabase(options.collections)
  }

  /** Every request with this action (not answered by a queued reply) is answered by `handler`. */
  handle(action: string, handler: Handler): this {
    this.handlers.set(action, handler)
    return this
  }

  /** The next request with this action gets `reply` (queued in order); later ones get the default. */
  reply(action: string, reply: Reply): this {
    const list = this.queued.get(action) ?? []
    list.push(reply)
    this.queued.set(action, list)
    return this
  }

  /** Requests so far with this action (or all). */
  of(action?: string): CapturedRequest[] {
    return action ? this.requests.filter((r) => r.action === action) : [...this.requests]
  }

  /** Forget requests, queued replies, handlers and every stored document. */
  clear(): void {
    this.requests.length = 0
    this.queued.clear()
    this.handlers.clear()
    this.database.clear()
  }

  /** A queued reply first, then a handler, then the database model; anything else an empty success. */
  private async answer(request: CapturedRequest, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const next = this.queued.get(request.action)?.shift()
    if (next !== undefined) return typeof next === 'function' ? next(request) : next
    const handler = this.handlers.get(request.action)
    if (handler) return handler(request)
    if (request.action.startsWith('database.')) return this.database.handle(request.action, body)
    return defaultReply()
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      // An answer that throws becomes a 500 the SDK sees, not an unhandled rejection in the test.
      req.on(
        'end',
        () =>
          void (async () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let body: Record<string, unknown> = {}
            try {
              body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
            } catch {
              body = { raw: text }
            }
            const url = new URL(req.url ?? '/', 'http://capture')
            const request: CapturedRequest = {
              action: String(body.action ?? ''),
              url: req.url ?? '',
              query: url.searchParams,
              headers: req.headers,
              body,
            }
            this.requests.push(request)
            const reply = await this.answer(request, body)
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', connection: 'close' })
            res.end(JSON.stringify(reply))
          })().catch((error: unknown) => {
            res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', connection: 'close' })
            res.end(JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: String(error) }))
          }),
      )
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}/admin`
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** An EJSON document as the server sends it in `data.list` (canonical numbers, like the SDK writes). */
export function ejsonDoc(doc: Record<string, unknown>): string {
  const encode = (value: unknown): unknown => {
    if (typeof value === 'number') {
      if (Number.isInteger(value))
        return Math.abs(value) > 2147483647 ? { $numberLong: String(value) } : { $numberInt: String(value) }
      return { $numberDouble: String(value) }
    }
    if (Array.isArray(value)) return value.map(encode)
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
    return value
  }
  return JSON.stringify(encode(doc))
}
