import { seedAnnouncements } from './announcements'
import { seedBuddies } from './buddies'
import { seedChat } from './chat'
import type { FeatureSeeder } from './seed'

import { seedHealth } from './health'

/** Each feature's demo content, in order. */
export const FEATURE_SEEDERS: readonly FeatureSeeder[] = [seedAnnouncements, seedBuddies, seedHealth, seedChat]
