import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { STATUS_CODES } from 'node:http'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import * as z from 'zod'
import {
  defaultMessageOf,
  errorEnvelope,
  httpStatusOf,
  okEnvelope,
  text,
  validate,
  type ErrorCode,
} from '../../contracts'
import { findOrCreateUser, type Identity } from '../core/account/identity'
import { redeemSignInCode } from '../core/account/signin-codes'
import { AppError } from '../core/shared/errors'
import type { Deps } from '../core/shared/ports'
import { applyCompression } from './compression'
import { isFromThisMachine, registerRequestGuard } from './request-guard'
import type { Router } from './router'
import type { TokenSigner } from './tokens'

/** CloudBase refuses function payloads over 100 KB; the local runtime behaves the same. */
export const BODY_LIMIT_BYTES = 100 * 1024

/** A request (headers and body) must have arrived by then; a stalled or dribbling client is cut off. */
export const REQUEST_TIMEOUT_MS = 30_000

export interface LocalServerOptions {
  router: Router
  deps: Deps
  /** The pino logger behind `deps.log`: fastify logs through it too (none given: fastify stays quiet). */
  logger?: FastifyBaseLogger
  tokens: TokenSigner
  /** The h5 build to serve at `/`; when missing, `/` explains how to build it. */
  staticDir?: string
  /** Demo personas the login page offers (local runtime only). */
  personas?: ReadonlyArray<{ openid: string; nickname: string; role: string }>
  /** Extra HTTP routes (e.g. the realtime stream), given the same identity resolution. */
  plugins?: ReadonlyArray<(app: FastifyInstance, helpers: ServerHelpers) => void>
  requestTimeoutMs?: number
  /**
   * Who may use the demo sign-in (any openid, the committee's included): this machine only
   * (default), or anyone who can reach the server — for trying the demo from a phone on the LAN.
   */
  devLoginFrom?: 'this-machine' | 'anywhere'
  /** Where it listens and which further Host names it answers to (see request-guard.ts). */
  hosts?: { listen?: string; allowed?: readonly string[] }
  /**
   * The demo sign-in (`POST /api/dev/login`, any identity) exists only on a database seeded with the
   * demo neighbourhood; on a real deployment people sign in with one-time codes (`POST /api/signin`).
   */
  demoSignIn?: boolean
}

export interface ServerHelpers {
  identify(request: FastifyRequest): Identity | null
  sendError(reply: FastifyReply, code: ErrorCode, message?: string): FastifyReply
}

export { isLoopbackAddress } from './request-guard'

const signInInput = z.strictObject({ code: z.string().max(32, { message: '登录码是 8 位数字' }) })

const devLoginInput = z.strictObject({
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '登录标识只能包含字母、数字、- 和 _' }),
  nickname: text({ max: 20 }).optional(),
})

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim()
  // EventSource cannot set headers, so the realtime stream (only) may carry the token in its URL.
  if (!request.url.startsWith('/api/realtime')) return null
  const query = request.query as Record<string, unknown> | undefined
  return typeof query?.token === 'string' ? query.token : null
}

/**
 * What a request log line says of the request: method and path. The query string stays out: the
 * realtime stream carries its token there.
 */
function requestSummary(request: { method?: string; url?: string }): { method?: string; path?: string } {
  return { method: request.method, path: request.url?.split('?')[0] }
}

/** Hashes of the inline scripts of our own index.html, the only inline scripts the CSP allows. */
function inlineScriptHashes(staticDir: string | undefined): string[] {
  const index = staticDir ? path.join(staticDir, 'index.html') : null
  if (!index || !fs.existsSync(index)) return []
  const html = fs.readFileSync(index, 'utf8')
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  )
}

/**
 * helmet's headers on every reply (routes, static pages, the realtime stream, which helmet reaches
 * because it sets them on the raw response before the stream writes its head): exactly these CSP
 * directives and none of helmet's defaults (its `upgrade-insecure-requests` would break the app
 * opened over plain HTTP from a phone on the LAN); framing refused outright; no HSTS, since the
 * local runtime speaks plain HTTP and a TLS proxy in front of it owns that header.
 */
function helmetOptions(staticDir: string | undefined): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(staticDir)],
        // Taro and React set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  }
}

/** helmet has no Permissions-Policy: the app uses no camera, microphone or location in the browser. */
// The microphone only for the app's own page (hold to talk); camera and location for nobody.
const PERMISSIONS_POLICY = 'camera=(), microphone=(self), geolocation=()'

/**
 * The headers of a reply written straight to the socket (below), where no request exists for
 * helmet to act on: the same ones as every other reply but the page-only CSP.
 */
const RAW_REPLY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
} as const

/**
 * Failures before a request reaches a route (too slow, malformed HTTP): answered in our envelope,
 * like everything else, so the app shows a sentence instead of failing to read the reply.
 */
function clientErrorReply(error: { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const code: ErrorCode = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST.TIMEOUT' : 'INPUT.INVALID'
  const body = JSON.stringify(
    errorEnvelope(
      code === 'INPUT.INVALID'
        ? { code, message: '请求格式不对', field: '' }
        : { code, message: defaultMessageOf(code) },
    ),
  )
  const status = httpStatusOf(code)
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        ...Object.entries(RAW_REPLY_HEADERS).map(([name, value]) => `${name}: ${value}`),
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    )
  }
  socket.destroy()
}

export function createLocalServer({
  router,
  deps,
  logger,
  tokens,
  staticDir,
  personas = [],
  plugins = [],
  requestTimeoutMs = REQUEST_TIMEOUT_MS,
  devLoginFrom = 'this-machine',
  demoSignIn = true,
  hosts = {},
}: LocalServerOptions): FastifyInstance {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger.child({}, { serializers: { req: requestSummary } }) } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestTimeout: requestTimeoutMs,
    // Node 20 enforces the request timeout only when the server is constructed with it (fastify
    // sets it afterwards, which is silently ignored), and checks on this beat (30 s by default).
    http: {
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    },
    clientErrorHandler: clientErrorReply,
    // JSON with __proto__ / constructor.prototype keys is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  })
  // First, so that it reaches every route declared below.
  applyCompression(app)
  // Before any other hook, so that a request refused early (wrong Host, cross-origin) has them too.
  app.register(fastifyHelmet, helmetOptions(staticDir))
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, like helmet's, so the hijacked realtime stream carries it too.
    reply.raw.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    if (request.url.startsWith('/api/')) reply.raw.setHeader('Cache-Control', 'no-store')
  })

  const helpers: ServerHelpers = {
    identify(request) {
      const token = bearerToken(request)
      if (!token) return null
      const claims = tokens.verify(token)
      return claims ? { openid: claims.openid, userId: claims.uid, expiresAt: claims.exp } : null
    },
    sendError(reply, code, message) {
      return reply.code(httpStatusOf(code)).send(errorEnvelope({ code, message: message ?? defaultMessageOf(code) }))
    },
  }

  registerRequestGuard(app, { listenHost: hosts.listen, allowedHosts: hosts.allowed, sendError: helpers.sendError })

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status === 413)
      return helpers.sendError(reply, request.url.startsWith('/api/media/') ? 'MEDIA.TOO_LARGE' : 'PAYLOAD.TOO_LARGE')
    if (status >= 400 && status < 500) {
      // The body as a whole is wrong (field ''): say how, since fastify's reasons are in English.
      const message =
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? '请求格式不对：内容是空的'
          : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? '请求格式不对：不是有效的 JSON，或含有不允许的字段名（如 __proto__、constructor）'
            : '请求格式不对，请发送 JSON'
      return reply.code(400).send(errorEnvelope({ code: 'INPUT.INVALID', message, field: '' }))
    }
    deps.log.error({ requestId: request.id, code: error.code ?? 'unknown' }, 'http error')
    return reply
      .code(500)
      .send(errorEnvelope({ code: 'INTERNAL', message: defaultMessageOf('INTERNAL'), requestId: request.id }))
  })

  // The router writes one line per call (function, action, code, time), so fastify's request lines
  // for this route would only repeat it.
  app.post<{ Params: { name: string } }>('/api/functions/:name', { logLevel: 'warn' }, async (request, reply) => {
    const result = await router.dispatch(request.params.name, request.body, helpers.identify(request), request.id)
    return reply.code(result.status).send(result.envelope)
  })

  // Local runtime only: in WeChat the platform tells the function who is calling.
  app.post('/api/dev/login', async (request, reply) => {
    if (!demoSignIn) {
      return helpers.sendError(
        reply,
        'AUTH.FORBIDDEN',
        '演示登录已关闭：这个数据库不是演示小区。请用居委会或管理员给您的登录码登录。',
      )
    }
    // It hands out any identity, so by default only to someone at this machine, not through a proxy.
    if (devLoginFrom !== 'anywhere' && !isFromThisMachine(request)) {
      return helpers.sendError(
        reply,
        'AUTH.FORBIDDEN',
        '演示登录只对本机开放。要在其他设备上试用，请用 LOUZU_DEV_LOGIN=anywhere 启动。',
      )
    }
    const parsed = validate(devLoginInput, request.body ?? {})
    if (!parsed.ok) {
      return reply
        .code(400)
        .send(errorEnvelope({ code: 'INPUT.INVALID', message: parsed.problem.message, field: parsed.problem.field }))
    }
    const user = await findOrCreateUser(deps, parsed.value.openid, parsed.value.nickname)
    if (user.deletedAt) return helpers.sendError(reply, 'ACCOUNT.DELETED')
    return reply.send(okEnvelope({ token: tokens.sign({ uid: user._id, openid: user.openid }), userId: user._id }))
  })

  // A one-time code from `npm run signin-code` or the committee's page: this person's session.
  app.post('/api/signin', async (request, reply) => {
    const parsed = validate(signInInput, request.body ?? {})
    if (!parsed.ok) {
      return reply
        .code(400)
        .send(errorEnvelope({ code: 'INPUT.INVALID', message: parsed.problem.message, field: parsed.problem.field }))
    }
    try {
      const user = await redeemSignInCode(deps, parsed.value.code)
      return reply.send(okEnvelope({ token: tokens.sign({ uid: user._id, openid: user.openid }), userId: user._id }))
    } catch (error) {
      if (error instanceof AppError) return helpers.sendError(reply, error.code, error.message)
      throw error
    }
  })

  // `demo: false` tells the login page to offer only the sign-in code.
  app.get('/api/dev/personas', async (_request, reply) =>
    reply.send(
      okEnvelope({
        demo: demoSignIn,
        personas: demoSignIn ? personas.map(({ openid, nickname, role }) => ({ openid, nickname, role })) : [],
      }),
    ),
  )

  app.get('/api/health', async (_request, reply) => {
    await deps.store.count('estates', {})
    return reply.send(okEnvelope({ status: 'ok', time: deps.clock.now() }))
  })

  for (const plugin of plugins) plugin(app, helpers)

  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    app.register(fastifyStatic, {
      root: path.resolve(staticDir),
      index: 'index.html',
      // Ours below, not the file sender's own `public, max-age=0`, which would otherwise win.
      cacheControl: false,
      setHeaders(res, file) {
        // Hashed bundles never change; index.html must always be fresh.
        res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
      },
    })
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<p>楼组一片天：还没有构建网页版。请先运行 <code>npm run build:h5</code>，再重新启动。</p>'),
    )
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return helpers.sendError(reply, 'NOT_FOUND')
    return reply.code(404).type('text/plain; charset=utf-8').send('没有这个页面')
  })

  return app
}
