import { seedAnnouncements } from './announcements'
import { seedBuddies } from './buddies'
import { seedBuddyGroupLife } from './buddies-life'
import { seedChat } from './chat'
import { seedEvents } from './events'
import { seedHealth } from './health'
import type { FeatureSeeder } from './seed'

/**
 * Each feature's demo content, in order (events use the interest groups the buddies seed makes;
 * the interest groups' own chat and sessions come last, once chat and events are there).
 */
export const FEATURE_SEEDERS: readonly FeatureSeeder[] = [
  seedAnnouncements,
  seedBuddies,
  seedHealth,
  seedChat,
  seedEvents,
  seedBuddyGroupLife,
]
