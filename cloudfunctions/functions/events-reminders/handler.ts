import { sendDueReminders, type ReminderRun } from '../../core/events/reminders'
import type { Deps } from '../../core/shared/ports'

/**
 * The `events-reminders` function: a CloudBase timer trigger (config.json, every 5 minutes) calls
 * it with no caller and no input. The cloud entry builds `deps` as for any function and exports
 * `main = () => runEventReminders(deps)`. Runs may overlap or repeat; each reminder still goes out
 * at most once (see core/events/reminders.ts).
 */
export async function runEventReminders(deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'clock'>): Promise<ReminderRun> {
  const started = deps.clock.now()
  const run = await sendDueReminders(deps, started)
  deps.log.info({ fn: 'events-reminders', ...run }, 'reminder run')
  return run
}
