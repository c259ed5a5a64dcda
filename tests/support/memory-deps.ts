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
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FileMediaStorage } from '../../cloudfunctions/adapters/local/file-media-storage'
import { LocalMediaCheck } from '../../cloudfunctions/adapters/local/local-media-check'
import { SharpImageProcessor } from '../../cloudfunctions/adapters/shared/sharp-image-processor'

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
  const ids = createIdGenerator(() => clock.now())
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined }
  return {
    db,
    sent,
    store,
    search: new SqliteTextSearch(store),
    purge: store,
    clock,
    ids,
    media: {
      storage: new FileMediaStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-media-')), clock),
      images: new SharpImageProcessor(),
      // Never answers by itself here: tests apply verdicts with applyMediaVerdict.
      check: new LocalMediaCheck({ ids, log, delayMs: 0 }),
    },
    contentCheck: WordListContentCheck.fromFile(),
    notifier: {
      async notify(recipientIds, draft) {
        sent.push({ recipientIds, draft })
      },
    },
    realtime: { publish: () => undefined, revoke: () => undefined },
    log,
  }
}

/** Media ports for tests whose calls never touch photos: any use fails the test loudly. */
export const unusedMediaPorts: Deps['media'] = {
  storage: {
    put: async () => Promise.reject(new Error('media storage not expected here')),
    get: async () => Promise.reject(new Error('media storage not expected here')),
    delete: async () => Promise.reject(new Error('media storage not expected here')),
    links: async () => Promise.reject(new Error('media storage not expected here')),
  },
  images: { normalize: async () => Promise.reject(new Error('image processing not expected here')) },
  check: { submit: async () => Promise.reject(new Error('media check not expected here')) },
}
