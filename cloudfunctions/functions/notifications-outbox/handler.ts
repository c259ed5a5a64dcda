import { drainOutbox, type DrainRun } from '../../core/notifications/outbox'
import type { Deps, SubscribeMessenger } from '../../core/shared/ports'

/** The function's timeout (config.json) — no drain outlives it. */
export const FUNCTION_TIMEOUT_MS = 60_000
/** Stop claiming new batches this long after the start, so every claimed send is written down in time. */
const WORK_WINDOW_MS = 40_000
/** A claim older than this was made by a run the platform has already stopped (twice the timeout, for clock skew). */
const STALE_AFTER_MS = 2 * FUNCTION_TIMEOUT_MS

/**
 * The `notifications-outbox` function: a CloudBase timer trigger (config.json, every minute) calls
 * it with no caller and no input. It sends the queued WeChat subscribe messages (see
 * core/notifications/outbox.ts); runs may overlap, and each message still goes out at most once.
 */
export async function runOutboxDrain(
  deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'log'>,
  messenger: SubscribeMessenger,
): Promise<DrainRun> {
  const started = deps.clock.now()
  const run = await drainOutbox(
    { ...deps, messenger },
    { staleBefore: started - STALE_AFTER_MS, deadline: started + WORK_WINDOW_MS },
  )
  deps.log.info({ fn: 'notifications-outbox', ...run, ms: deps.clock.now() - started }, 'outbox run')
  return run
}
