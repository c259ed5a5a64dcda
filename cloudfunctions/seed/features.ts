import { seedEvents } from './events'
import type { FeatureSeeder } from './seed'

/** Each feature's demo content, in order. */
export const FEATURE_SEEDERS: readonly FeatureSeeder[] = [seedEvents]
