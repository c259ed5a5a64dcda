import type { Migration } from './schema'
import { createFullTextIndex, enableSecureDelete, FULL_TEXT_INDEXES } from './text-search'

/**
 * Versioned changes to stored data, applied once each, in order, inside a transaction, and
 * recorded in `schema_migrations`. Tables and indexes follow the collection declarations and need
 * no entry here.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'baseline',
    up() {
      // The first schema: collections are created from their declarations.
    },
  },
  {
    version: 2,
    name: 'full-text indexes (FTS5 trigram) for the health column search',
    up(db) {
      for (const spec of FULL_TEXT_INDEXES) createFullTextIndex(db, spec)
    },
  },
  {
    version: 3,
    name: 'full-text indexes forget deleted text at once (FTS5 secure-delete)',
    up(db) {
      for (const spec of FULL_TEXT_INDEXES) enableSecureDelete(db, spec)
    },
  },
]
