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

describe('sqlite: one connection shared by transactions and plain operations', () => {
  const open = () => new SqliteDocumentStore(openDatabase({ file: ':memory:', collections: CONTRACT_COLLECTIONS }))

  test('when a plain operation arrives while a transaction is open, then it runs after the commit and neither slips into nor sees the transaction half-done', async () => {
    const store = open()
    let release: () => void = () => undefined
    const paused = new Promise<void>((resolve) => (release = resolve))
    const order: string[] = []
    const tx = store.transaction(async (t) => {
      await t.insert('contract_docs', { _id: 'a', n: 1 })
      await paused
      await t.insert('contract_docs', { _id: 'b', n: 2 })
      order.push('commit')
    })
    await new Promise((resolve) => setImmediate(resolve))
    const counted = store.count('contract_docs', {}).then((n) => {
      order.push(`count ${n}`)
      return n
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual([])
    release()
    await tx
    expect(await counted).toBe(2)
    expect(order).toEqual(['commit', 'count 2'])
  })

  test('when transactions arrive one after another and one fails, then they run one at a time in arrival order and the failure frees the next', async () => {
    const store = open()
    const order: string[] = []
    const step = (name: string, fail = false) =>
      store.transaction(async (t) => {
        order.push(`${name} begins`)
        await new Promise((resolve) => setImmediate(resolve))
        await t.put('contract_docs', { _id: name, n: order.length })
        order.push(`${name} ends`)
        if (fail) throw new Error(`${name} fails`)
      })
    const results = await Promise.allSettled([step('first'), step('second', true), step('third')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends', 'third begins', 'third ends'])
    expect(await store.get('contract_docs', 'second')).toBeNull()
  })
})
