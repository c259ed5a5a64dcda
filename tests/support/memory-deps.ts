import type { Database } from 'better-sqlite3'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { WordListContentCheck } from '../../cloudfunctions/adapters/local/word-list-content-check'
import { MIGRATIONS } from '../../cloudfunctions/adapters/sqlite/migrations'
import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import { SqliteTextSearch } from '../../cloudfunctions/adapters/sqlite/text-search'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { Deps, NotificationDraft } from '../../cloudfunctions/core/shared/ports'
import { TestClock } from './clock'

export interface MemoryDeps extends Deps {
  clock: TestClock
  db: Database
  /** What the notifier was asked to send, in order. */
  sent: Array<{ recipientIds: readonly string[]; draft: NotificationDraft }>
}

/** The ports on an in-memory SQLite store, a hand-moved clock, and a notifier that only records. */
export function memoryDeps(clock = new TestClock()): MemoryDeps {
  const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS, migrations: MIGRATIONS })
  const sent: MemoryDeps['sent'] = []
  const store = new SqliteDocumentStore(db)
  return {
    db,
    sent,
    store,
    search: new SqliteTextSearch(store),
    purge: store,
    clock,
    ids: createIdGenerator(() => clock.now()),
    contentCheck: WordListContentCheck.fromFile(),
    notifier: {
      async notify(recipientIds, draft) {
        sent.push({ recipientIds, draft })
      },
    },
    realtime: { publish: () => undefined, revoke: () => undefined },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  }
}
