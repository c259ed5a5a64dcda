import { SharpImageProcessor } from '../../adapters/shared/sharp-image-processor'
import { createCloudbaseRuntime, createCloudMain } from '../../runtime/cloud-entry'
import { chatFunction } from './routes'

/**
 * CloudBase entry point (handler `index.main`): one container serves this function's actions.
 * Photos are re-encoded here, so this is the one function that ships sharp.
 */
export const main = createCloudMain(chatFunction, {
  createRuntime: () => createCloudbaseRuntime(process.env, new SharpImageProcessor()),
})
