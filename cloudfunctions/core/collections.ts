import { accountCollections } from './account/account.collections'
import { announcementCollections } from './announcements/announcements.collections'
import { buddyCollections } from './buddies/buddies.collections'
import { chatCollections } from './chat/chat.collections'
import { eventCollections } from './events/events.collections'
import { councilCollections } from './council/council.collections'
import { charterCollections } from './charter/charter.collections'
import { buildingCollections } from './building/building.collections'
import { groupCollections } from './groups/groups.collections'
import { healthCollections } from './health/health.collections'
import { notificationCollections } from './notifications/notifications.collections'
import type { CollectionSpec } from './shared/collections'
import { counterCollections } from './shared/counters'

/** The declarations with their literal names, so store-schema.ts can check its collection map against them. */
const DECLARED = [
  ...accountCollections,
  ...notificationCollections,
  ...groupCollections,
  ...announcementCollections,
  ...buddyCollections,
  ...healthCollections,
  ...chatCollections,
  ...eventCollections,
  ...counterCollections,
  ...councilCollections,
  ...charterCollections,
  ...buildingCollections,
] as const

export type DeclaredCollectionName = (typeof DECLARED)[number]['name']

/** Every collection the product stores, with its indexes. Each feature declares its own. */
export const ALL_COLLECTIONS: readonly CollectionSpec[] = DECLARED
