import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import { CONTRACT_COLLECTIONS, documentStoreContract } from './document-store.contract'

// The reference adapter: always run, on a fresh in-memory database.
documentStoreContract('sqlite', async () => {
  const db = openDatabase({ file: ':memory:', collections: CONTRACT_COLLECTIONS })
  const store = new SqliteDocumentStore(db)
  return {
    store,
    async reset() {
      for (const spec of CONTRACT_COLLECTIONS) await store.deleteWhere(spec.name, {})
    },
    async close() {
      db.close()
    },
  }
})
