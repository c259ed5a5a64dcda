import type { FastifyInstance } from 'fastify'
import { groupTopicSource } from './core/chat/realtime'
import { personalTopicSource } from './core/personal-topic'
import { PERSONAL_TOPIC_KIND } from '../contracts'
import type { RealtimeHub } from './adapters/local/realtime-hub'
import { drainOutbox } from './core/notifications/outbox'
import type { Deps, SubscribeMessenger } from './core/shared/ports'
import {
  runCounterHousekeeping,
  runEventReminders,
  runLeftoverEndings,
  runMediaRetention,
  runUrgentHealthReminders,
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
  // GET /api/realtime: chat messages, and each person's own changes, as Server-Sent Events (WeChat
  // uses database watch and polling instead).
  ({ deps, hub }) =>
    realtimeRoute({ deps, hub, sources: { group: groupTopicSource, [PERSONAL_TOPIC_KIND]: personalTopicSource } }),
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

/**
 * A job that runs now, then every `everyMs`, and whenever `poke` is called: runs never overlap; a
 * poke or a beat during a run asks for one more run right after it; a failed run is logged and
 * the next beat tries again. Stopping waits for the run in progress. This is a fixed beat, not a
 * calendar: a timer and a flag are all it needs, so it stays hand-written (docs/DECISIONS.md).
 */
export function periodicJob(options: {
  name: string
  everyMs: number
  deps: Deps
  run: (stopping: () => boolean) => Promise<unknown>
}): { poke(): void; stop(): Promise<void> } {
  const { name, everyMs, deps, run } = options
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  let again = false
  let stopped = false
  const poke = () => {
    if (stopped) return
    if (busy) {
      again = true
      return
    }
    busy = true
    running = run(() => stopped)
      .catch((error: Error) => deps.log.error({ job: name, error: error.stack ?? String(error) }, `${name} run failed`))
      .finally(() => {
        busy = false
        if (again) {
          again = false
          poke()
        }
      })
  }
  poke()
  const timer = setInterval(poke, everyMs)
  timer.unref?.()
  return {
    poke,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

/** How often the local scheduler looks for due event reminders (CloudBase's timer: every 5 minutes). */
export const EVENT_REMINDER_TICK_MS = 30_000

/** Event reminders, flagged health questions left waiting and media past retention, as the `events-reminders` timer function does on CloudBase (at start to catch up after a stop, then every 30 s). */
export const eventReminderJob: LocalJob = ({ deps }) =>
  periodicJob({
    name: 'event-reminders',
    everyMs: EVENT_REMINDER_TICK_MS,
    deps,
    run: () =>
      runEventReminders(deps)
        .then(() => runUrgentHealthReminders(deps))
        .then(() => runLeftoverEndings(deps))
        .then(() => runCounterHousekeeping(deps))
        .then(() => runMediaRetention(deps)),
  }).stop

/** How often the local outbox job looks for queued WeChat messages besides being told (CloudBase's timer: every minute). */
export const OUTBOX_TICK_MS = 5_000

/**
 * The WeChat outbox, as the `notifications-outbox` timer function drains it on CloudBase: at start
 * (settling what a killed process left mid-send: every claim older than this start), whenever a
 * request queues messages, and every 5 s.
 */
export const outboxJob: LocalJob = ({ deps, messenger, outboxSignal, startedAt }) => {
  const job = periodicJob({
    name: 'outbox',
    everyMs: OUTBOX_TICK_MS,
    deps,
    run: (stopping) => drainOutbox({ ...deps, messenger }, { staleBefore: startedAt, stopWhen: stopping }),
  })
  outboxSignal.listen(job.poke)
  return async () => {
    outboxSignal.listen(null)
    await job.stop()
  }
}

/** How often the local scheduler closes due votes (CloudBase's timer: every minute). */
export const COUNCIL_CLOSE_TICK_MS = 15_000

/** Votes whose time has come are closed and their results published, as the `council-close` timer does on CloudBase. */
export const councilCloseJob: LocalJob = ({ deps }) =>
  periodicJob({ name: 'council-close', everyMs: COUNCIL_CLOSE_TICK_MS, deps, run: () => runCouncilClose(deps) }).stop

export const LOCAL_JOBS: readonly LocalJob[] = [eventReminderJob, outboxJob, councilCloseJob]
