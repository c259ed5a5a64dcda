import type { FunctionDefinition } from '../runtime/route'
import { accountFunction } from './account/routes'
import { healthFunction } from './health/routes'
import { notificationsFunction } from './notifications/routes'

/** Every deployable function. The local runtime serves them all; each also deploys on its own. */
export const ALL_FUNCTIONS: readonly FunctionDefinition[] = [accountFunction, notificationsFunction, healthFunction] as unknown as FunctionDefinition[]
