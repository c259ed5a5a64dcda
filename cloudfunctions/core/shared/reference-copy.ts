import type { CounterDoc } from './counters'
import { DuplicateKeyError, type DocumentStore } from './document-store'

/*
 * Reference data — estates, buildings, their groups — changes a few times a year (the committee's
 * bootstrap import), yet nearly every call names it. Each function instance keeps a copy per
 * store, and one small document, the places version, says whether the copies are current:
 * whoever changes the places bumps it (bumpPlacesVersion). An instance looks at the version at
 * most once a minute, so a change made elsewhere shows within a minute; a change made in this
 * process shows at once. On CloudBase each look is a round trip, which is the point: one read of
 * the version instead of reading the places on every call.
 */

const PLACES_VERSION_ID = 'placesVersion'
/** How long an instance trusts its copies before it looks at the version again. */
export const PLACES_RECHECK_MS = 60_000

interface VersionSeen {
  version: number
  checkedAt: number
}

const versions = new WeakMap<DocumentStore, VersionSeen>()
/** This process's count of place changes: a copy made before one is dropped at once. */
let generation = 0

async function placesVersion(store: DocumentStore): Promise<number> {
  const now = Date.now()
  const seen = versions.get(store)
  if (seen && now - seen.checkedAt < PLACES_RECHECK_MS) return seen.version
  const version = (await store.get('counters', PLACES_VERSION_ID))?.count ?? 0
  versions.set(store, { version, checkedAt: now })
  return version
}

interface Copy<T> {
  version: number
  generation: number
  value: T
}

/** A per-instance copy of some reference data, loaded again when the places version moves. */
export function referenceCopy<T>(load: (store: DocumentStore) => Promise<T>): (store: DocumentStore) => Promise<T> {
  const copies = new WeakMap<DocumentStore, Copy<T>>()
  return async (store) => {
    const version = await placesVersion(store)
    const copy = copies.get(store)
    if (copy && copy.version === version && copy.generation === generation) return copy.value
    const seenGeneration = generation
    const value = await load(store)
    copies.set(store, { version, generation: seenGeneration, value })
    return value
  }
}

/** Say that estates, buildings or building groups changed: every instance's copies are refreshed (this process's at once). */
export async function bumpPlacesVersion(store: DocumentStore): Promise<void> {
  generation += 1
  versions.delete(store)
  if (await store.update('counters', PLACES_VERSION_ID, { inc: { count: 1 } })) return
  const first: CounterDoc = {
    _id: PLACES_VERSION_ID,
    name: PLACES_VERSION_ID,
    userId: null,
    scope: null,
    windowStart: 0,
    count: 1,
    // Never expires: the counters' housekeeping leaves it alone.
    expiresAt: Number.MAX_SAFE_INTEGER,
  }
  try {
    await store.insert('counters', first)
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error
    await store.update('counters', PLACES_VERSION_ID, { inc: { count: 1 } })
  }
}
