import type { FunctionDefinition } from '../runtime/route'
import { accountFunction } from './account/routes'
import { announcementsFunction } from './announcements/routes'
import { healthFunction } from './health/routes'
import { chatFunction } from './chat/routes'
import { eventsFunction } from './events/routes'
import { notificationsFunction } from './notifications/routes'
import { buddiesFunction } from './buddies/routes'
import { councilFunction } from './council/routes'

/** Every deployable function. The local runtime serves them all; each also deploys on its own. */
export const ALL_FUNCTIONS: readonly FunctionDefinition[] = [
  accountFunction,
  notificationsFunction,
  announcementsFunction,
  buddiesFunction,
  healthFunction,
  chatFunction,
  eventsFunction,
  councilFunction,
] as unknown as FunctionDefinition[]
