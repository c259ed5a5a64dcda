import { createCloudTask } from '../../runtime/cloud-entry'
import { runEventReminders } from './handler'

/** CloudBase timer entry (config.json: every 5 minutes): sends the reminders that are due. */
export const main = createCloudTask('events-reminders', runEventReminders)
