import { createCloudTask } from '../../runtime/cloud-entry'
import { runEventReminders, runLeftoverEndings } from './handler'

/** CloudBase timer entry (config.json: every 5 minutes): sends the reminders that are due, then settles leftover endings. */
export const main = createCloudTask('events-reminders', async (deps) => {
  const run = await runEventReminders(deps)
  await runLeftoverEndings(deps)
  return run
})
