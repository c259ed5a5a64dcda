import { seedChat } from './chat'
import type { FeatureSeeder } from './seed'

/** Each feature's demo content, in order. */
export const FEATURE_SEEDERS: readonly FeatureSeeder[] = [seedChat]
