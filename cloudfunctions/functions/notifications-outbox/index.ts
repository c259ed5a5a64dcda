import { createCloudTask } from '../../runtime/cloud-entry'
import { runOutboxDrain } from './handler'

/** CloudBase timer entry (config.json: every minute): sends the queued WeChat subscribe messages. */
export const main = createCloudTask('notifications-outbox', (deps, runtime) => {
  if (!runtime.messenger) throw new Error('notifications-outbox needs a subscribe messenger')
  return runOutboxDrain(deps, runtime.messenger)
})
