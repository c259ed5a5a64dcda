import type { FunctionDefinition } from '../runtime/route'
import { accountFunction } from './account/routes'
import { chatFunction } from './chat/routes'
import { notificationsFunction } from './notifications/routes'

/** Every deployable function. The local runtime serves them all; each also deploys on its own. */
export const ALL_FUNCTIONS: readonly FunctionDefinition[] = [accountFunction, notificationsFunction, chatFunction] as unknown as FunctionDefinition[]
