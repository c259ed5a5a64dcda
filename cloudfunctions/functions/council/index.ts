import { createCloudMain } from '../../runtime/cloud-entry'
import { councilFunction } from './routes'

/** CloudBase entry point (handler `index.main`): one container serves this function's actions. */
export const main = createCloudMain(councilFunction)
