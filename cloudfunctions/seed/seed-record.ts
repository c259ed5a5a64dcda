import type { CollectionSpec } from '../core/shared/collections'
import { noPersonalData } from '../core/shared/collections'
import { untypedStore, type Doc, type DocumentStore } from '../core/shared/document-store'
import { DEMO_ADMIN_OPENID } from './neighbourhood'

/**
 * What the local database was started with: the demo neighbourhood (or its pilot-size version),
 * or nothing (a real deployment, `npm start -- --no-demo`, filled by `npm run bootstrap`). The
 * demo sign-in — anyone may be anyone, the committee included — exists only on a demo database.
 */
export type SeededWith = 'demo' | 'pilot' | 'none'

interface SeedRecordDoc extends Doc {
  neighbourhood: SeededWith
  at: number
}

export const SEED_RECORD_COLLECTIONS: readonly CollectionSpec[] = [
  {
    name: 'local_runtime_meta',
    description: '本地数据库的来历（_id = seed）：演示小区、试点规模的演示小区，或空库（真实部署）（仅本地）',
    indexes: [],
    personalData: noPersonalData('一个词和一个时间'),
  },
]

const ID = 'seed'

export async function recordSeed(store: DocumentStore, neighbourhood: SeededWith, at: number): Promise<void> {
  await untypedStore(store).put<SeedRecordDoc>('local_runtime_meta', { _id: ID, neighbourhood, at })
}

/**
 * The record, or for a database seeded before records were kept: demo when the demo personas are
 * there, otherwise nothing is known (null).
 */
export async function seededWith(store: DocumentStore): Promise<SeededWith | null> {
  const record = await untypedStore(store).get<SeedRecordDoc>('local_runtime_meta', ID)
  if (record) return record.neighbourhood
  const [persona] = await store.find('users', { openid: DEMO_ADMIN_OPENID }, { limit: 1 })
  return persona ? 'demo' : null
}

export function isDemo(seeded: SeededWith | null): boolean {
  return seeded === 'demo' || seeded === 'pilot'
}
