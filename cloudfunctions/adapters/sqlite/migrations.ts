import type { Migration } from './schema'

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
]
