import {
  defaultMessageOf,
  errorEnvelope,
  httpStatusOf,
  okEnvelope,
  validate,
  type Envelope,
  type ErrorBody,
} from '../../contracts'
import { resolveCaller, type Identity } from '../core/account/identity'
import type { Caller } from '../core/shared/caller'
import { DuplicateKeyError } from '../core/shared/document-store'
import { AppError } from '../core/shared/errors'
import { RequestLoads } from '../core/shared/request-loads'
import type { Deps } from '../core/shared/ports'
import type { RateLimiter } from './rate-limiter'
import { DEFAULT_WRITE_LIMIT, isPublicRoute, type AnyRoute, type FunctionDefinition } from './route'

export interface Reply {
  status: number
  envelope: Envelope<unknown>
}

export interface Router {
  /** One call: validate → identify → authorise → (rate limit) → run → envelope. Never throws. */
  dispatch(functionName: string, body: unknown, identity: Identity | null, requestId: string): Promise<Reply>
  has(functionName: string): boolean
  functions: ReadonlyMap<string, FunctionDefinition>
}

export interface RouterOptions {
  deps: Deps
  functions: readonly FunctionDefinition[]
  rateLimiter: RateLimiter
  /** A use case still running after this long is answered with TIMEOUT (its work may still finish). */
  timeoutMs?: number
}

function fail(body: ErrorBody): Reply {
  return { status: httpStatusOf(body.code), envelope: errorEnvelope(body) }
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function createRouter({ deps, functions, rateLimiter, timeoutMs = 15_000 }: RouterOptions): Router {
  const byName = new Map(functions.map((f) => [f.name, f]))

  async function run(
    route: AnyRoute<never>,
    functionName: string,
    action: string,
    input: unknown,
    identity: Identity | null,
    requestId: string,
  ): Promise<Reply> {
    if (isPublicRoute(route)) {
      // No caller is resolved: the route touches nothing personal, and needs no account.
      const who = identity?.userId ?? identity?.openid ?? 'anonymous'
      const decision = rateLimiter.hit(
        `${who}:${functionName}.${action}`,
        route.rateLimit.max,
        route.rateLimit.windowSeconds * 1000,
        deps.clock.now(),
      )
      if (!decision.allowed)
        return fail({
          code: 'RATE.LIMITED',
          message: defaultMessageOf('RATE.LIMITED'),
          retryAfterSeconds: decision.retryAfterSeconds,
        })
      return {
        status: 200,
        envelope: okEnvelope(await withTimeout(route.run({ deps, requestId }, input as never), timeoutMs)),
      }
    }
    if (!identity) return fail({ code: 'AUTH.UNAUTHENTICATED', message: defaultMessageOf('AUTH.UNAUTHENTICATED') })
    const loaded = new RequestLoads()
    const caller: Caller = await resolveCaller(deps, identity, loaded)
    const verdict = await route.policy.check(caller, input as never, deps, loaded)
    if (verdict !== true)
      return fail({ code: verdict.code, message: verdict.message ?? defaultMessageOf(verdict.code) })
    const limit = route.rateLimit ?? (route.kind === 'write' ? DEFAULT_WRITE_LIMIT : undefined)
    if (limit) {
      const scope = limit.scope ? `:${limit.scope(input as never)}` : ''
      const decision = rateLimiter.hit(
        `${caller.userId}:${functionName}.${action}${scope}`,
        limit.max,
        limit.windowSeconds * 1000,
        deps.clock.now(),
      )
      if (!decision.allowed) {
        return fail({
          code: 'RATE.LIMITED',
          message: defaultMessageOf('RATE.LIMITED'),
          retryAfterSeconds: decision.retryAfterSeconds,
        })
      }
    }
    const data = await withTimeout(route.run({ caller, deps, requestId, loaded }, input as never), timeoutMs)
    return { status: 200, envelope: okEnvelope(data) }
  }

  async function decide(
    functionName: string,
    body: unknown,
    identity: Identity | null,
    requestId: string,
  ): Promise<{ action: string; reply: Reply }> {
    let action = '?'
    try {
      const definition = byName.get(functionName)
      if (!definition)
        return { action, reply: fail({ code: 'NOT_FOUND.FUNCTION', message: defaultMessageOf('NOT_FOUND.FUNCTION') }) }
      if (!isPlainObject(body) || typeof body.action !== 'string') {
        return { action, reply: fail({ code: 'INPUT.INVALID', message: '请求格式不对：缺少 action', field: 'action' }) }
      }
      const extra = Object.keys(body).find((key) => key !== 'action' && key !== 'data')
      if (extra)
        return { action, reply: fail({ code: 'INPUT.INVALID', message: `不认识的字段：${extra}`, field: extra }) }
      const actionContract = hasOwn(definition.routes, body.action) ? definition.contract[body.action] : undefined
      if (!actionContract) {
        return { action, reply: fail({ code: 'NOT_FOUND.ACTION', message: defaultMessageOf('NOT_FOUND.ACTION') }) }
      }
      action = body.action
      const validated = validate(actionContract.input, body.data === undefined ? {} : body.data)
      if (!validated.ok) {
        return {
          action,
          reply: fail({ code: 'INPUT.INVALID', message: validated.problem.message, field: validated.problem.field }),
        }
      }
      return {
        action,
        reply: await run(
          definition.routes[action] as AnyRoute<never>,
          functionName,
          action,
          validated.value,
          identity,
          requestId,
        ),
      }
    } catch (error) {
      return { action, reply: replyForError(error, requestId, functionName, action) }
    }
  }

  async function dispatch(
    functionName: string,
    body: unknown,
    identity: Identity | null,
    requestId: string,
  ): Promise<Reply> {
    const started = Date.now()
    const { action, reply } = await decide(functionName, body, identity, requestId)
    // Ids and codes only: never the input, which may hold messages, questions or rooms.
    deps.log.info(
      {
        requestId,
        fn: byName.has(functionName) ? functionName : '?',
        action,
        status: reply.status,
        code: reply.envelope.ok ? 'OK' : reply.envelope.error.code,
        ms: Date.now() - started,
      },
      'call',
    )
    return reply
  }

  function replyForError(error: unknown, requestId: string, functionName: string, action: string): Reply {
    if (error instanceof AppError) return fail(error.toBody())
    if (error instanceof DuplicateKeyError) return fail({ code: 'CONFLICT', message: defaultMessageOf('CONFLICT') })
    if (error instanceof TimeoutError) return fail({ code: 'TIMEOUT', message: defaultMessageOf('TIMEOUT'), requestId })
    // The details stay in the log; the client gets a request id to quote, never a stack.
    deps.log.error(
      { requestId, fn: functionName, action, error: (error as Error)?.stack ?? String(error) },
      'unhandled error',
    )
    return fail({ code: 'INTERNAL', message: defaultMessageOf('INTERNAL'), requestId })
  }

  return { dispatch, has: (name) => byName.has(name), functions: byName }
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('timeout')), ms)
    timer.unref?.()
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
