import type { FunctionDefinition } from '../runtime/route'
import { accountFunction } from './account/routes'
import { eventsFunction } from './events/routes'
import { notificationsFunction } from './notifications/routes'

/** Every deployable function. The local runtime serves them all; each also deploys on its own. */
export const ALL_FUNCTIONS: readonly FunctionDefinition[] = [accountFunction, notificationsFunction, eventsFunction] as unknown as FunctionDefinition[]
