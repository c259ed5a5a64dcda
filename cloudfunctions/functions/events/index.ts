import { createCloudMain } from '../../runtime/cloud-entry'
import { eventsFunction } from './routes'

/** CloudBase entry point (handler `index.main`): one container serves this function's actions. */
export const main = createCloudMain(eventsFunction)
