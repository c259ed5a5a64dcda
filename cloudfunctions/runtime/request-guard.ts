import os from 'node:os'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode } from '../../contracts'

/**
 * What the local server accepts before any route runs.
 *
 * - Only the Host names it serves. A web page whose DNS name is rebound to 127.0.0.1 reaches the
 *   server from the visitor's own browser, as loopback, carrying its own name in `Host`: refused
 *   (421), so it can neither sign in nor read anything.
 * - Only its own pages may call `/api/*` from a browser: `Origin` (when sent) must be the host
 *   the request was addressed to, and `Sec-Fetch-Site` (when sent) must be `same-origin` or
 *   `none` (typed into the address bar). Tools without browser headers are unaffected.
 * - Whether a request comes from this machine is judged on the TCP peer and on the absence of
 *   every proxy header: behind a reverse proxy on the same machine each visitor's peer is
 *   loopback, so a proxied request is never "this machine".
 */

export interface RequestGuardOptions {
  /** The address or name the server was asked to listen on (e.g. 127.0.0.1, 0.0.0.0, localhost). */
  listenHost?: string
  /** Further names, `name` or `name:port` (LOUZU_ALLOWED_HOSTS); see `allowedHostsFromEnv`. */
  allowedHosts?: readonly string[]
  sendError(reply: FastifyReply, code: ErrorCode, message?: string): FastifyReply
}

const HOST_REFUSED =
  '这个网址不是本服务的地址，请求已拒绝。如确需用这个名字访问，请在启动时用 LOUZU_ALLOWED_HOSTS 加上它。'
const CROSS_ORIGIN_REFUSED = '只有楼组一片天自己的页面可以调用这个服务，其他网页的请求已拒绝。'

/** Headers a proxy adds: any of them means the TCP peer is the proxy, not the person. */
const PROXY_HEADER = /^(forwarded|x-forwarded-.+|x-real-ip|via)$/

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

export function cameThroughProxy(request: FastifyRequest): boolean {
  return Object.keys(request.headers).some((name) => PROXY_HEADER.test(name))
}

/** The person is at this machine: a loopback peer, and no proxy in between. */
export function isFromThisMachine(request: FastifyRequest): boolean {
  return isLoopbackAddress(request.socket.remoteAddress) && !cameThroughProxy(request)
}

interface HostPort {
  name: string
  port: number | null
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`, lower-cased; null when it is anything else. */
function parseHostPort(value: string): HostPort | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase())
  const [, name, portText] = match ?? []
  if (name === undefined) return null
  const port = portText === undefined ? null : Number(portText)
  if (port !== null && (port < 1 || port > 65535)) return null
  return { name, port }
}

/**
 * `LOUZU_ALLOWED_HOSTS`: comma-separated `name` or `name:port`. A name without a port is accepted
 * without a port (as a reverse proxy on 80/443 passes it on) or on the port the server listens on.
 */
export function allowedHostsFromEnv(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of entries) {
    if (!parseHostPort(entry))
      throw new Error(
        `LOUZU_ALLOWED_HOSTS: "${entry}" is not a host name or host:port (e.g. louzu.example or 192.168.1.20:8787)`,
      )
  }
  return entries.map((entry) => entry.toLowerCase())
}

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address)

/** The names this server answers to on its own port. */
function defaultNames(listenHost: string | undefined, boundAddress: string | undefined): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]'])
  // The listen address itself (even 0.0.0.0: the runtime prints its URL with it); a page elsewhere
  // that aims at it is still refused /api/* by the origin check.
  for (const host of [listenHost, boundAddress]) if (host) names.add(bracketed(host.toLowerCase()))
  // Listening on every interface: each of this machine's own addresses is a name it serves.
  if (boundAddress === '0.0.0.0' || boundAddress === '::') {
    for (const info of Object.values(os.networkInterfaces()).flat()) {
      if (info) names.add(bracketed(info.address.toLowerCase()))
    }
  }
  return names
}

export function registerRequestGuard(app: FastifyInstance, options: RequestGuardOptions): void {
  const configured = (options.allowedHosts ?? [])
    .map((entry) => parseHostPort(entry))
    .filter((entry): entry is HostPort => entry !== null)
  let own: { names: Set<string>; port: number } | null = null
  // The port is known only once the server listens (port 0 picks one).
  const ownHosts = () => {
    if (own) return own
    const address = app.server.address()
    const bound = typeof address === 'object' && address ? address : null
    own = { names: defaultNames(options.listenHost, bound?.address), port: bound?.port ?? 0 }
    return own
  }

  const hostIsServed = (header: string | undefined): boolean => {
    const host = header === undefined ? null : parseHostPort(header)
    if (!host) return false
    const { names, port } = ownHosts()
    if (names.has(host.name) && host.port === port) return true
    return configured.some(
      (entry) =>
        entry.name === host.name &&
        (entry.port === null ? host.port === null || host.port === port : entry.port === host.port),
    )
  }

  const fromOwnPage = (request: FastifyRequest): boolean => {
    const site = request.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return false
    const origin = request.headers.origin
    if (origin === undefined) return true
    try {
      // Both through URL, so that a default port is written the same way on each side.
      return new URL(origin).host === new URL(`http://${request.headers.host}`).host
    } catch {
      return false // 'null' (a sandboxed frame, a file) and anything unreadable
    }
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!hostIsServed(request.headers.host)) return options.sendError(reply, 'REQUEST.HOST_NOT_ALLOWED', HOST_REFUSED)
    const api = request.url.startsWith('/api/') || (request.routeOptions.url ?? '').startsWith('/api/')
    if (api && !fromOwnPage(request)) return options.sendError(reply, 'REQUEST.CROSS_ORIGIN', CROSS_ORIGIN_REFUSED)
  })
}
