import { createCloudTask } from '../../runtime/cloud-entry'
import {
  runCounterHousekeeping,
  runEventReminders,
  runLeftoverEndings,
  runMediaRetention,
  runUrgentHealthReminders,
} from './handler'

/**
 * CloudBase timer entry (config.json: every 5 minutes): sends the reminders that are due (events, and
 * flagged health questions left waiting), settles leftover endings, deletes expired counters and
 * media past retention.
 */
export const main = createCloudTask('events-reminders', async (deps) => {
  const run = await runEventReminders(deps)
  await runUrgentHealthReminders(deps)
  await runLeftoverEndings(deps)
  await runCounterHousekeeping(deps)
  await runMediaRetention(deps)
  return run
})
