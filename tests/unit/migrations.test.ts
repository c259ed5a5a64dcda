import BetterSqlite3 from 'better-sqlite3'
import { MIGRATIONS } from '../../cloudfunctions/adapters/sqlite/migrations'
import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { OutboxDoc } from '../../cloudfunctions/core/notifications/notifications.docs'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

describe('data migrations', () => {
  test('when a database from before the outbox queue is opened, then its sent-message records become sent or failed items that no drain picks up', async () => {
    // Arrange: a database at migration 2, holding two records in the old shape.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-migrate-'))
    const file = path.join(dir, 'louzu.db')
    openDatabase({ file, collections: ALL_COLLECTIONS, migrations: MIGRATIONS.filter((m) => m.version <= 2) }).close()
    const raw = new BetterSqlite3(file)
    const old = (id: string, delivered: boolean) => ({
      _id: id,
      recipientId: 'u1',
      templateKey: 'announcement',
      page: null,
      data: { title: 't', body: 'b' },
      delivered,
      reason: delivered ? null : 'errCode:43101',
      createdAt: 1000,
    })
    for (const doc of [old('o1', true), old('o2', false)])
      raw.prepare(`INSERT INTO "c_outbox" (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc))
    raw.close()
    // Act
    const db = openDatabase({ file, collections: ALL_COLLECTIONS, migrations: MIGRATIONS })
    const store = new SqliteDocumentStore(db)
    // Assert
    expect(await store.get<OutboxDoc>('outbox', 'o1')).toMatchObject({
      status: 'sent',
      sentAt: 1000,
      claimToken: null,
      about: null,
    })
    expect(await store.get<OutboxDoc>('outbox', 'o2')).toMatchObject({ status: 'failed', sentAt: null })
    expect(await store.count('outbox', { status: 'queued' })).toBe(0)
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
