import { createCloudTask } from '../../runtime/cloud-entry'
import { runCouncilClose } from './handler'

/** CloudBase timer entry (config.json: every minute): closes the votes whose time has come. */
export const main = createCloudTask('council-close', (deps) => runCouncilClose(deps))
