import { randomUUID } from 'node:crypto'
import { defaultMessageOf, errorEnvelope, okEnvelope, type Envelope } from '../../contracts'
import { cloudbaseDocumentStore, cloudbaseTextSearch, initCloudbaseApp } from '../adapters/cloudbase/cloudbase-app'
import { platformIdentity, type CloudFunctionContext } from '../adapters/cloudbase/cloudbase-identity'
import { MsgSecContentCheck } from '../adapters/cloudbase/msgsec-content-check'
import { WechatSubscribeMessenger, type MiniprogramState } from '../adapters/cloudbase/subscribe-messenger'
import { parseTemplateConfig, TEMPLATE_ENV_VAR } from '../../contracts/subscribe-templates'
import { databaseWatchRealtime } from '../adapters/cloudbase/watch-realtime'
import { lazyWxOpenApi } from '../adapters/cloudbase/wx-openapi'
import { CloudMediaStorage, type CloudStorageApi } from '../adapters/cloudbase/cloud-media-storage'
import { isMediaCheckPush, verdictOfPush, WxMediaCheck } from '../adapters/cloudbase/wx-media-check'
import { applyMediaVerdict } from '../core/chat/media'
import { createIdGenerator } from '../adapters/shared/ids'
import { createStdoutLogger } from '../adapters/cloudbase/stdout-logger'
import type { LogLevel } from '../adapters/shared/log-format'
import type { Identity } from '../core/account/identity'
import { StoreNotifier } from '../core/notifications/store-notifier'
import { ping } from '../core/ops/ping'
import { systemClock, type Deps, type ImageProcessor, type Logger, type SubscribeMessenger } from '../core/shared/ports'
import { MemoryRateLimiter, type RateLimiter } from './rate-limiter'
import type { FunctionDefinition } from './route'
import type { FunctionContract } from '../../contracts'
import { createRouter, type Router } from './router'

export type { CloudFunctionContext }

/** What one container needs to serve calls: the ports, and how to learn who is calling. */
export interface CloudRuntime {
  deps: Deps
  /** The caller, from the platform (never from the event). */
  identify(context: CloudFunctionContext | undefined): Identity | null
  rateLimiter?: RateLimiter
  /** WeChat subscribe messages, for the outbox drain (requests only queue them). */
  messenger?: SubscribeMessenger
}

export interface CloudMainOptions {
  /** Builds the runtime once per container; defaults to the CloudBase adapters. Tests inject fakes. */
  createRuntime?: () => CloudRuntime | Promise<CloudRuntime>
  /** Router timeout for one use case (ms); keep it below the function timeout in config.json. */
  timeoutMs?: number
}

/** The signature CloudBase calls: `exports.main = async (event, context) => reply`. */
export type CloudMain = (event: unknown, context?: CloudFunctionContext) => Promise<Envelope<unknown>>

/**
 * Keys the platform itself adds to the event of a `wx.cloud.callFunction` (older runtimes put the
 * caller's `userInfo: { appId, openId }` there). They are not part of our call body — and we
 * never trust them for identity — so they are dropped before the router's strict body check.
 */
const PLATFORM_EVENT_KEYS = ['userInfo', 'tcbContext']

function callBody(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event
  const body = { ...(event as Record<string, unknown>) }
  for (const key of PLATFORM_EVENT_KEYS) delete body[key]
  return body
}

function logLevel(value: string | undefined): LogLevel {
  return value === 'warn' || value === 'error' || value === 'silent' ? value : 'info'
}

function miniprogramState(value: string | undefined): MiniprogramState | undefined {
  return value === 'formal' || value === 'trial' || value === 'developer' ? value : undefined
}

/**
 * The production composition, mirroring local-runtime.ts with CloudBase adapters: the document
 * database through node-sdk, msgSecCheck and subscribe messages through wx-server-sdk's openapi,
 * no realtime push (clients `watch()` the database), JSON logs to stdout (CloudBase collects
 * them), and an in-memory rate limiter — per container, so a best-effort brake, not a quota.
 */
/** Where a function does not handle photos: sharp (a native addon) is bundled with `chat` only. */
const noImageProcessing: ImageProcessor = {
  normalize: async () => {
    throw new Error('this function does not process images; photos are sent through the chat function')
  },
}

export function createCloudbaseRuntime(
  env: NodeJS.ProcessEnv = process.env,
  images: ImageProcessor = noImageProcessing,
): CloudRuntime {
  const log: Logger = createStdoutLogger(logLevel(env.LOUZU_LOG_LEVEL))
  const clock = systemClock
  const ids = createIdGenerator(() => clock.now())
  // LOUZU_TCB_SERVICE_URL: a test hook that points the SDK at a local capture server (see
  // tests/support/cloudbase-capture.ts); unset in production, where the SDK finds its endpoint.
  const serviceUrl = env.LOUZU_TCB_SERVICE_URL || undefined
  const app = initCloudbaseApp({ serviceUrl })
  const store = cloudbaseDocumentStore(app)
  const openapi = lazyWxOpenApi({ serviceUrl })
  const parsed = parseTemplateConfig(env[TEMPLATE_ENV_VAR])
  // A broken template config must not take the product down: notifications still land in-app.
  if (!parsed.ok) log.error({ problem: parsed.problem }, 'subscribe templates not configured')
  const messenger = new WechatSubscribeMessenger({
    openapi,
    templates: parsed.ok ? parsed.templates : {},
    clock,
    log,
    miniprogramState: miniprogramState(env.LOUZU_MINIPROGRAM_STATE),
  })
  const storage = new CloudMediaStorage(app as unknown as CloudStorageApi)
  const deps: Deps = {
    store,
    clock,
    ids,
    media: { storage, images, check: new WxMediaCheck(openapi, storage) },
    contentCheck: new MsgSecContentCheck(openapi),
    notifier: new StoreNotifier({ store, clock, ids }),
    realtime: databaseWatchRealtime,
    search: cloudbaseTextSearch(app),
    log,
  }
  return {
    deps,
    identify: (context) => platformIdentity(app, context),
    rateLimiter: new MemoryRateLimiter(),
    messenger,
  }
}

function coldStartFailure(functionName: string, requestId: string, error: unknown): Envelope<unknown> {
  // No logger exists yet if building the runtime failed; write the same JSON line shape.
  process.stdout.write(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'runtime failed',
      requestId,
      fn: functionName,
      error: (error as Error)?.stack ?? String(error),
    }) + '\n',
  )
  return errorEnvelope({ code: 'INTERNAL', message: defaultMessageOf('INTERNAL'), requestId })
}

/**
 * `exports.main` for one deployable function. The runtime (SDK clients, ports, router) is built
 * on the first call and reused while the container stays warm; a failed build is retried on the
 * next call. The router holds only this function, so another function's actions are NOT_FOUND.
 */
export function createCloudMain<F extends FunctionContract>(
  definition: FunctionDefinition<F>,
  options: CloudMainOptions = {},
): CloudMain {
  const build = async (): Promise<{ router: Router; runtime: CloudRuntime }> => {
    const runtime = await (options.createRuntime ?? createCloudbaseRuntime)()
    const router = createRouter({
      deps: runtime.deps,
      // The router holds functions of any contract; their routes were checked against it by defineFunction.
      functions: [definition as unknown as FunctionDefinition],
      rateLimiter: runtime.rateLimiter ?? new MemoryRateLimiter(),
      timeoutMs: options.timeoutMs,
    })
    return { router, runtime }
  }
  let ready: Promise<{ router: Router; runtime: CloudRuntime }> | null = null

  return async function main(event, context) {
    const requestId = typeof context?.request_id === 'string' && context.request_id ? context.request_id : randomUUID()
    let built: { router: Router; runtime: CloudRuntime }
    try {
      ready ??= build()
      built = await ready
    } catch (error) {
      ready = null
      return coldStartFailure(definition.name, requestId, error)
    }
    let identity: Identity | null
    try {
      identity = built.runtime.identify(context)
    } catch (error) {
      built.runtime.deps.log.error(
        { requestId, fn: definition.name, error: (error as Error)?.stack ?? String(error) },
        'identity lookup failed',
      )
      return errorEnvelope({ code: 'INTERNAL', message: defaultMessageOf('INTERNAL'), requestId })
    }
    // WeChat's answer to a media check arrives as a message push to the chat function. Only the
    // platform's own push is taken: it comes with no caller, while any phone's call carries one
    // (so a member cannot forge a verdict with a trace id they saw).
    if (definition.name === 'chat' && isMediaCheckPush(event) && !identity) {
      const verdict = verdictOfPush(event)
      const applied = await applyMediaVerdict(built.runtime.deps, verdict)
      built.runtime.deps.log.info(
        { requestId, traceId: verdict.traceId, pass: verdict.pass, applied },
        'media check push',
      )
      return okEnvelope({ applied })
    }
    const reply = await built.router.dispatch(definition.name, callBody(event), identity, requestId)
    return reply.envelope
  }
}

/** `{ action: 'ping' }` asks a scheduled task whether it is up, instead of running it (the smoke check). */
function isPing(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { action?: unknown }).action === 'ping'
}

/**
 * `exports.main` for a scheduled task (a timer trigger calls it with no caller and no input):
 * the same CloudBase ports as a function, built once per container, then the task. The smoke
 * check's `{ action: 'ping' }` gets a ping report instead, and runs nothing.
 */
export function createCloudTask<R>(
  name: string,
  task: (deps: Deps, runtime: CloudRuntime) => Promise<R>,
  options: Pick<CloudMainOptions, 'createRuntime'> = {},
) {
  let ready: Promise<CloudRuntime> | null = null
  return async function main(event?: unknown, context?: CloudFunctionContext): Promise<R | Envelope<unknown>> {
    const requestId = typeof context?.request_id === 'string' && context.request_id ? context.request_id : randomUUID()
    let runtime: CloudRuntime
    try {
      ready ??= Promise.resolve((options.createRuntime ?? createCloudbaseRuntime)())
      runtime = await ready
    } catch (error) {
      ready = null
      return coldStartFailure(name, requestId, error)
    }
    if (isPing(event)) return okEnvelope(await ping(name, { deps: runtime.deps, requestId }, {}))
    return task(runtime.deps, runtime)
  }
}
