import { personNow } from '../../core/account/identity'
import { ENDING_HANDLERS } from '../../core/endings'
import { expireOldMedia, retentionDays, type RetentionRun } from '../../core/chat/retention'
import { sendDueReminders, type ReminderRun } from '../../core/events/reminders'
import { remindUrgentQuestions, type UrgentReminderRun } from '../../core/health/urgent'
import { sweepExpiredCounters } from '../../core/shared/counters'
import { drainEndings } from '../../core/shared/endings'
import type { Deps } from '../../core/shared/ports'

/**
 * The `events-reminders` function: a CloudBase timer trigger (config.json, every 5 minutes) calls
 * it with no caller and no input. The cloud entry builds `deps` as for any function and exports
 * `main = () => runEventReminders(deps)`. Runs may overlap or repeat; each reminder still goes out
 * at most once (see core/events/reminders.ts).
 */
export async function runEventReminders(
  deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'clock'>,
): Promise<ReminderRun> {
  const started = deps.clock.now()
  const run = await sendDueReminders(deps, started)
  deps.log.info({ fn: 'events-reminders', ...run }, 'reminder run')
  return run
}

/**
 * The same timer settles endings a crashed request left unsettled (a membership or role ended,
 * but not every feature had answered yet): see core/shared/endings.ts.
 */
export async function runLeftoverEndings(deps: Deps): Promise<number> {
  const settled = await drainEndings(deps, ENDING_HANDLERS, (userId) => personNow(deps.store, userId))
  if (settled) deps.log.warn({ fn: 'events-reminders', settled }, 'settled leftover endings')
  return settled
}

/** The same timer deletes the protective counters whose window has ended (core/shared/counters.ts). */
export async function runCounterHousekeeping(deps: Pick<Deps, 'store' | 'clock' | 'log'>): Promise<number> {
  const swept = await sweepExpiredCounters(deps.store, deps.clock.now())
  if (swept) deps.log.info({ fn: 'events-reminders', swept }, 'expired counters deleted')
  return swept
}

/**
 * The same timer reminds the columnists of flagged health questions (含急症信号) unanswered for two
 * hours, and tells their askers again where to get help now (core/health/urgent.ts).
 */
export async function runUrgentHealthReminders(
  deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'clock'>,
): Promise<UrgentReminderRun> {
  const run = await remindUrgentQuestions(deps, deps.clock.now())
  if (run.reminded) deps.log.info({ fn: 'events-reminders', ...run }, 'urgent health questions reminded')
  return run
}

/**
 * The same timer removes photos and voice files older than the retention period
 * (`MEDIA_RETENTION_DAYS`, default a year; docs/MEDIA.md): the messages stay, saying 已过期.
 */
export async function runMediaRetention(
  deps: Pick<Deps, 'store' | 'clock' | 'media' | 'log' | 'realtime'>,
  setting: string | undefined = process.env.MEDIA_RETENTION_DAYS,
): Promise<RetentionRun> {
  const run = await expireOldMedia(deps, { days: retentionDays(setting) })
  if (run.expired) deps.log.info({ fn: 'events-reminders', ...run }, 'old media expired')
  return run
}
