import type { FastifyInstance } from 'fastify'
import { groupTopicSource } from './core/chat/realtime'
import type { RealtimeHub } from './adapters/local/realtime-hub'
import { drainOutbox } from './core/notifications/outbox'
import type { Deps, SubscribeMessenger } from './core/shared/ports'
import {
  runCounterHousekeeping,
  runEventReminders,
  runLeftoverEndings,
  runMediaRetention,
} from './functions/events-reminders/handler'
import { runCouncilClose } from './functions/council-close/handler'
import type { ServerHelpers } from './runtime/local-server'
import { realtimeRoute } from './runtime/realtime-sse'
import { mediaRoutes } from './runtime/media-routes'
import type { FileMediaStorage } from './adapters/local/file-media-storage'
import type { LocalMediaCheck } from './adapters/local/local-media-check'
import type { Router } from './runtime/router'

/** Lets the notifier tell the outbox job that WeChat messages were just queued. */
export class OutboxSignal {
  private listener: (() => void) | null = null

  listen(listener: (() => void) | null): void {
    this.listener = listener
  }

  queued(): void {
    this.listener?.()
  }
}

/** The local media adapters, for the file routes and for tests that look at the files. */
export interface LocalMedia {
  files: FileMediaStorage
  check: LocalMediaCheck
}

export interface LocalWiring {
  media: LocalMedia
  deps: Deps
  hub: RealtimeHub
  router: Router
  /** Stands in for WeChat (records each subscribe message sent). */
  messenger: SubscribeMessenger
  outboxSignal: OutboxSignal
  /** When the runtime opened its database. */
  startedAt: number
}

/** Extra HTTP routes of the local runtime (e.g. the realtime stream). */
export type LocalPlugin = (wiring: LocalWiring) => (app: FastifyInstance, helpers: ServerHelpers) => void

/** Background work of the local runtime (e.g. event reminders); returns how to stop it (waiting for a run in progress). */
export type LocalJob = (wiring: LocalWiring) => () => void | Promise<void>

export const LOCAL_PLUGINS: readonly LocalPlugin[] = [
  // GET /api/realtime: chat messages as Server-Sent Events (WeChat uses database watch instead).
  ({ deps, hub }) => realtimeRoute({ deps, hub, sources: { group: groupTopicSource } }),
  // POST /api/media/uploads and GET /api/media/files/…: photos (WeChat uses cloud storage instead).
  ({ deps, media }) => mediaRoutes({ deps, files: media.files }),
]

/**
 * `GET /api/dev/diagnostics` — only when the runtime is started with `diagnostics: true`
 * (`LOUZU_DIAGNOSTICS=1 npm start`): how many realtime listeners are open and the process's
 * memory, so load tools can see that connections opening and closing leave nothing behind.
 */
export const diagnosticsPlugin: LocalPlugin =
  ({ hub }) =>
  (app) => {
    app.get('/api/dev/diagnostics', async (_request, reply) => {
      const memory = process.memoryUsage()
      return reply.header('cache-control', 'no-store').send({
        realtimeListeners: hub.listenerCount(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
        uptimeSeconds: Math.round(process.uptime()),
      })
    })
  }

/** How often the local scheduler looks for due event reminders (CloudBase's timer: every 5 minutes). */
export const EVENT_REMINDER_TICK_MS = 30_000

/**
 * Event reminders, as the `events-reminders` timer function does on CloudBase: once at start (to
 * catch up after a stop), then every 30 s by `deps.clock`. Runs never overlap here; the use case
 * is safe even if they did.
 */
export const eventReminderJob: LocalJob = ({ deps }) => {
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  const tick = () => {
    if (busy) return
    busy = true
    running = runEventReminders(deps)
      .then(() => runLeftoverEndings(deps))
      .then(() => runCounterHousekeeping(deps))
      .then(() => runMediaRetention(deps))
      .catch((error: Error) =>
        deps.log.error({ job: 'event-reminders', error: error.stack ?? String(error) }, 'reminder run failed'),
      )
      .finally(() => {
        busy = false
      })
  }
  tick()
  const timer = setInterval(tick, EVENT_REMINDER_TICK_MS)
  timer.unref?.()
  return async () => {
    clearInterval(timer)
    await running
  }
}

/** How often the local outbox job looks for queued WeChat messages besides being told (CloudBase's timer: every minute). */
export const OUTBOX_TICK_MS = 5_000

/**
 * The WeChat outbox, as the `notifications-outbox` timer function drains it on CloudBase: at start
 * (settling what a killed process left mid-send: every claim older than this start), whenever a
 * request queues messages, and every 5 s. Runs never overlap; one asked for during a run follows it.
 */
export const outboxJob: LocalJob = ({ deps, messenger, outboxSignal, startedAt }) => {
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  let again = false
  let stopped = false
  const tick = () => {
    if (stopped) return
    if (busy) {
      again = true
      return
    }
    busy = true
    running = drainOutbox({ ...deps, messenger }, { staleBefore: startedAt, stopWhen: () => stopped })
      .catch((error: Error) =>
        deps.log.error({ job: 'outbox', error: error.stack ?? String(error) }, 'outbox run failed'),
      )
      .finally(() => {
        busy = false
        if (again) {
          again = false
          tick()
        }
      })
  }
  outboxSignal.listen(tick)
  tick()
  const timer = setInterval(tick, OUTBOX_TICK_MS)
  timer.unref?.()
  return async () => {
    stopped = true
    outboxSignal.listen(null)
    clearInterval(timer)
    await running
  }
}

/** How often the local scheduler closes due votes (CloudBase's timer: every minute). */
export const COUNCIL_CLOSE_TICK_MS = 15_000

/** Votes whose time has come are closed and their results published, as the `council-close` timer does on CloudBase. */
export const councilCloseJob: LocalJob = ({ deps }) => {
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  const tick = () => {
    if (busy) return
    busy = true
    running = runCouncilClose(deps)
      .catch((error: Error) =>
        deps.log.error({ job: 'council-close', error: error.stack ?? String(error) }, 'council close run failed'),
      )
      .finally(() => {
        busy = false
      })
  }
  tick()
  const timer = setInterval(tick, COUNCIL_CLOSE_TICK_MS)
  timer.unref?.()
  return async () => {
    clearInterval(timer)
    await running
  }
}

export const LOCAL_JOBS: readonly LocalJob[] = [eventReminderJob, outboxJob, councilCloseJob]
