import { createCloudTask } from '../../runtime/cloud-entry'
import { runCounterHousekeeping, runEventReminders, runLeftoverEndings } from './handler'

/** CloudBase timer entry (config.json: every 5 minutes): sends the reminders that are due, settles leftover endings, deletes expired counters. */
export const main = createCloudTask('events-reminders', async (deps) => {
  const run = await runEventReminders(deps)
  await runLeftoverEndings(deps)
  await runCounterHousekeeping(deps)
  return run
})
