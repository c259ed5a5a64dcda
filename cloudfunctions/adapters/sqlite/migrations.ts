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
  {
    version: 4,
    name: 'outbox: entries from before the queue were already sent',
    up(db) {
      // The outbox used to record messages as they were sent inline ({ delivered, reason }); it is
      // now the queue the drain works through. Those records become `sent` (or `failed`) items, so
      // no drain ever picks them up and exports read them like the rest.
      db.prepare(
        `UPDATE "c_outbox" SET doc = json_set(doc,
           '$.status', CASE WHEN json_extract(doc, '$.delivered') THEN 'sent' ELSE 'failed' END,
           '$.about', NULL, '$.claimToken', NULL, '$.claimedAt', NULL,
           '$.sentAt', CASE WHEN json_extract(doc, '$.delivered') THEN json_extract(doc, '$.createdAt') ELSE NULL END,
           '$.updatedAt', json_extract(doc, '$.createdAt'))
         WHERE json_extract(doc, '$.status') IS NULL`,
      ).run()
    },
  },
]
