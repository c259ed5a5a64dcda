import { DuplicateKeyError, type Doc, type UntypedDocumentStore } from '../../cloudfunctions/core/shared/document-store'
import { noPersonalData, type CollectionSpec } from '../../cloudfunctions/core/shared/collections'
import { at } from '../support/lists'

const TEST_ONLY = noPersonalData('contract suite test data')

/**
 * The DocumentStore port's behaviour, written once and run against every adapter
 * (sqlite-document-store.test.ts always; cloudbase-document-store.test.ts when credentials are
 * set). A behaviour belongs here only if feature code may rely on it on both adapters.
 */

/** Collections the suite uses; fixtures create them (with these indexes) before it runs. */
export const CONTRACT_COLLECTIONS: CollectionSpec[] = [
  {
    name: 'contract_docs',
    description: 'DocumentStore contract suite',
    personalData: TEST_ONLY,
    indexes: [
      {
        name: 'group_rank',
        fields: [
          ['group', 'asc'],
          ['rank', 'asc'],
        ],
      },
    ],
  },
  {
    name: 'contract_people',
    description: 'DocumentStore contract suite',
    personalData: TEST_ONLY,
    indexes: [{ name: 'email', fields: [['email', 'asc']], unique: true }],
  },
  {
    name: 'contract_seats',
    description: 'DocumentStore contract suite',
    personalData: TEST_ONLY,
    indexes: [{ name: 'event', fields: [['eventId', 'asc']] }],
  },
]

const DOCS = 'contract_docs'
const PEOPLE = 'contract_people'
const SEATS = 'contract_seats'

export interface StoreFixture {
  store: UntypedDocumentStore
  /** Empty every contract collection. */
  reset(): Promise<void>
  close(): Promise<void>
}

export interface ContractOptions {
  /** Per-test timeout; a remote store needs more than SQLite. */
  timeoutMs?: number
}

/** Insert many documents, a bounded number at a time (a remote store would otherwise be flooded). */
async function insertAll(store: UntypedDocumentStore, collection: string, docs: Doc[], parallel = 25): Promise<void> {
  for (let i = 0; i < docs.length; i += parallel) {
    await Promise.all(docs.slice(i, i + parallel).map((doc) => store.insert(collection, doc)))
  }
}

const ids = (docs: Doc[]) => docs.map((d) => d._id)

export function documentStoreContract(
  adapter: string,
  open: () => Promise<StoreFixture>,
  options: ContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 10_000

  describe(`DocumentStore contract: ${adapter}`, () => {
    let fixture: StoreFixture
    let store: UntypedDocumentStore

    beforeAll(
      async () => {
        fixture = await open()
        store = fixture.store
      },
      Math.max(timeout, 60_000),
    )
    afterAll(async () => {
      await fixture?.close()
    })
    beforeEach(async () => {
      await fixture.reset()
    }, timeout)

    describe('get, getMany, insert', () => {
      test('when many documents are inserted at once, then every one of them is stored', async () => {
        // Arrange
        const docs = Array.from({ length: 1200 }, (_, i) => ({ _id: `many-${i}`, n: i, group: i % 3 }))
        // Act
        await store.insertMany(DOCS, docs)
        // Assert
        expect(await store.count(DOCS, { group: 1 })).toBe(400)
        expect(await store.get(DOCS, 'many-1199')).toEqual({ _id: 'many-1199', n: 1199, group: 2 })
      })

      test('when a batch repeats an existing id, then insertMany throws DuplicateKeyError', async () => {
        // Arrange
        await store.insert(DOCS, { _id: 'taken' })
        // Act
        const attempt = store.insertMany(DOCS, [{ _id: 'fresh' }, { _id: 'taken' }])
        // Assert
        await expect(attempt).rejects.toBeInstanceOf(DuplicateKeyError)
      })

      test(
        'when a document is inserted, then get returns it with every JSON value intact',
        async () => {
          // Arrange
          const doc = {
            _id: 'd1',
            text: '楼组 🏠 "quoted"',
            count: 42,
            ratio: 0.25,
            negative: -7,
            time: 1764295200000,
            ok: true,
            off: false,
            nothing: null,
            list: [1, 'two', { three: 3 }, [4]],
            nested: { deep: { deeper: 'yes' }, empty: {} },
          }
          // Act
          await store.insert(DOCS, doc)
          const found = await store.get(DOCS, 'd1')
          // Assert
          expect(found).toEqual(doc)
        },
        timeout,
      )

      test(
        'when get asks for an id that does not exist, then it returns null',
        async () => {
          expect(await store.get(DOCS, 'missing')).toBeNull()
        },
        timeout,
      )

      test(
        'when getMany asks for present, missing and repeated ids, then each present document comes back once',
        async () => {
          await insertAll(store, DOCS, [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }])
          const found = await store.getMany(DOCS, ['a', 'zzz', 'c', 'a'])
          expect(ids(found).sort()).toEqual(['a', 'c'])
        },
        timeout,
      )

      test(
        'when getMany asks for more ids than one request carries, then all of them come back',
        async () => {
          const docs = Array.from({ length: 230 }, (_, i) => ({ _id: `m${String(i).padStart(3, '0')}` }))
          await insertAll(store, DOCS, docs)
          const found = await store.getMany(DOCS, ids(docs))
          expect(ids(found).sort()).toEqual(ids(docs))
        },
        timeout * 3,
      )

      test(
        'when a document is inserted with an _id that exists, then DuplicateKeyError is thrown and the original stays',
        async () => {
          await store.insert(DOCS, { _id: 'dup', version: 1 })
          await expect(store.insert(DOCS, { _id: 'dup', version: 2 })).rejects.toBeInstanceOf(DuplicateKeyError)
          expect(await store.get(DOCS, 'dup')).toEqual({ _id: 'dup', version: 1 })
        },
        timeout,
      )

      test(
        'when a document clashes on a unique index, then DuplicateKeyError is thrown and nothing is added',
        async () => {
          await store.insert(PEOPLE, { _id: 'p1', email: 'a@example.com' })
          await expect(store.insert(PEOPLE, { _id: 'p2', email: 'a@example.com' })).rejects.toBeInstanceOf(
            DuplicateKeyError,
          )
          expect(await store.get(PEOPLE, 'p2')).toBeNull()
        },
        timeout,
      )
    })

    describe('put', () => {
      test(
        'when put writes a new id, then the document is created',
        async () => {
          await store.put(DOCS, { _id: 'new', a: 1 })
          expect(await store.get(DOCS, 'new')).toEqual({ _id: 'new', a: 1 })
        },
        timeout,
      )

      test(
        'when put writes an existing id, then the whole document is replaced',
        async () => {
          await store.insert(DOCS, { _id: 'p', a: 1, b: { c: 2 } })
          await store.put(DOCS, { _id: 'p', b: { d: 3 } })
          expect(await store.get(DOCS, 'p')).toEqual({ _id: 'p', b: { d: 3 } })
        },
        timeout,
      )
    })

    describe('update', () => {
      test(
        'when a patch sets, increments and removes top-level and dotted fields, then exactly those change',
        async () => {
          // Arrange
          await store.insert(DOCS, {
            _id: 'u',
            name: 'old',
            profile: { city: '上海', phone: '123', floor: 3 },
            stats: { visits: 2 },
            keep: 'me',
            gone: 1,
          })
          // Act
          const updated = await store.update(DOCS, 'u', {
            set: { name: 'new', 'profile.city': '北京', 'settings.largeText': true },
            inc: { 'stats.visits': 3, 'stats.likes': 1 },
            unset: ['profile.phone', 'gone'],
          })
          // Assert
          expect(updated).toBe(true)
          expect(await store.get(DOCS, 'u')).toEqual({
            _id: 'u',
            name: 'new',
            profile: { city: '北京', floor: 3 },
            settings: { largeText: true },
            stats: { visits: 5, likes: 1 },
            keep: 'me',
          })
        },
        timeout,
      )

      test(
        'when a patch sets an object field, then the stored object is replaced, not merged',
        async () => {
          await store.insert(DOCS, {
            _id: 'o',
            membership: { id: 'm1', status: 'pending', room: '101' },
            roles: [{ role: 'a' }],
          })
          await store.update(DOCS, 'o', { set: { membership: { id: 'm2', status: 'verified' }, roles: [] } })
          expect(await store.get(DOCS, 'o')).toEqual({
            _id: 'o',
            membership: { id: 'm2', status: 'verified' },
            roles: [],
          })
        },
        timeout,
      )

      test(
        'when a patch sets an object on a field that was null, then the object is stored',
        async () => {
          await store.insert(DOCS, { _id: 'n', membership: null })
          await store.update(DOCS, 'n', { set: { membership: { id: 'm1' } } })
          expect(await store.get(DOCS, 'n')).toEqual({ _id: 'n', membership: { id: 'm1' } })
        },
        timeout,
      )

      test(
        'when update targets a missing id, then it returns false and creates nothing',
        async () => {
          expect(await store.update(DOCS, 'ghost', { set: { a: 1 } })).toBe(false)
          expect(await store.get(DOCS, 'ghost')).toBeNull()
        },
        timeout,
      )

      test(
        'when update writes the values already stored, then it still reports the document as updated',
        async () => {
          await store.insert(DOCS, { _id: 'same', a: 1 })
          expect(await store.update(DOCS, 'same', { set: { a: 1 } })).toBe(true)
        },
        timeout,
      )

      test(
        'when a field that does not exist is incremented, then it starts from zero',
        async () => {
          await store.insert(DOCS, { _id: 'i' })
          await store.update(DOCS, 'i', { inc: { n: 2 } })
          expect(await store.get(DOCS, 'i')).toEqual({ _id: 'i', n: 2 })
        },
        timeout,
      )
    })

    describe('updateWhere', () => {
      test(
        'when a conditional update takes seats, then it succeeds only while seats remain',
        async () => {
          await store.insert(SEATS, { _id: 'e1', seats: 2 })
          const take = () => store.updateWhere(SEATS, { _id: 'e1', seats: { $gt: 0 } }, { inc: { seats: -1 } })
          expect([await take(), await take(), await take()]).toEqual([1, 1, 0])
          expect(await store.get(SEATS, 'e1')).toEqual({ _id: 'e1', seats: 0 })
        },
        timeout,
      )

      test(
        'when updateWhere matches several documents, then each is patched and the count returned',
        async () => {
          await insertAll(store, DOCS, [
            { _id: 'w1', group: 'g', rank: 1 },
            { _id: 'w2', group: 'g', rank: 2 },
            { _id: 'w3', group: 'h', rank: 3 },
          ])
          const count = await store.updateWhere(DOCS, { group: 'g' }, { set: { seen: true }, inc: { rank: 10 } })
          expect(count).toBe(2)
          expect(await store.get(DOCS, 'w1')).toEqual({ _id: 'w1', group: 'g', rank: 11, seen: true })
          expect(await store.get(DOCS, 'w3')).toEqual({ _id: 'w3', group: 'h', rank: 3 })
        },
        timeout,
      )
    })

    describe('delete, deleteWhere', () => {
      test(
        'when an existing document is deleted, then true is returned and it is gone; a missing one gives false',
        async () => {
          await store.insert(DOCS, { _id: 'x' })
          expect(await store.delete(DOCS, 'x')).toBe(true)
          expect(await store.get(DOCS, 'x')).toBeNull()
          expect(await store.delete(DOCS, 'x')).toBe(false)
        },
        timeout,
      )

      test(
        'when deleteWhere runs, then only matching documents are removed and counted',
        async () => {
          await insertAll(store, DOCS, [
            { _id: 'k1', tag: 'old', rank: 1 },
            { _id: 'k2', tag: 'old', rank: 5 },
            { _id: 'k3', tag: 'new', rank: 1 },
          ])
          expect(await store.deleteWhere(DOCS, { tag: 'old', rank: { $lt: 3 } })).toBe(1)
          expect(ids(await store.find(DOCS, {}, { orderBy: [['_id', 'asc']] }))).toEqual(['k2', 'k3'])
        },
        timeout,
      )
    })

    describe('find and count', () => {
      const seed = () =>
        insertAll(store, DOCS, [
          { _id: 'f1', group: 'a', rank: 3, tag: 'x', profile: { city: '上海' } },
          { _id: 'f2', group: 'a', rank: 1, tag: 'y', profile: { city: '北京' } },
          { _id: 'f3', group: 'b', rank: 2, tag: null, profile: null },
          { _id: 'f4', group: 'b', rank: 5 },
          { _id: 'f5', group: null, rank: 4, tag: 'x' },
        ])

      test(
        'when find filters by equality on a top-level and a dotted field, then only matches return',
        async () => {
          await seed()
          expect(ids(await store.find(DOCS, { group: 'a', tag: 'x' }))).toEqual(['f1'])
          expect(ids(await store.find(DOCS, { 'profile.city': '北京' }))).toEqual(['f2'])
        },
        timeout,
      )

      test(
        'when find filters on null, then null and missing fields match, and $ne null matches the rest',
        async () => {
          await seed()
          expect(ids(await store.find(DOCS, { tag: null }, { orderBy: [['_id', 'asc']] }))).toEqual(['f3', 'f4'])
          expect(ids(await store.find(DOCS, { tag: { $ne: null } }, { orderBy: [['_id', 'asc']] }))).toEqual([
            'f1',
            'f2',
            'f5',
          ])
        },
        timeout,
      )

      test(
        'when find combines range conditions on one field, then the bounds are inclusive or exclusive as written',
        async () => {
          await seed()
          expect(ids(await store.find(DOCS, { rank: { $gt: 1, $lte: 4 } }, { orderBy: [['rank', 'asc']] }))).toEqual([
            'f3',
            'f1',
            'f5',
          ])
          expect(ids(await store.find(DOCS, { rank: { $gte: 4, $lt: 5 } }))).toEqual(['f5'])
        },
        timeout,
      )

      test(
        'when find uses $in, then listed values match (null also matching missing) and an empty list matches nothing',
        async () => {
          await seed()
          expect(ids(await store.find(DOCS, { tag: { $in: ['y', null] } }, { orderBy: [['_id', 'asc']] }))).toEqual([
            'f2',
            'f3',
            'f4',
          ])
          expect(await store.find(DOCS, { tag: { $in: [] } })).toEqual([])
        },
        timeout,
      )

      test(
        'when find uses $ne with a value, then documents lacking the field match too',
        async () => {
          await seed()
          expect(ids(await store.find(DOCS, { tag: { $ne: 'x' } }, { orderBy: [['_id', 'asc']] }))).toEqual([
            'f2',
            'f3',
            'f4',
          ])
        },
        timeout,
      )

      test(
        'when find orders by several keys, then later keys break ties and _id breaks the rest',
        async () => {
          await insertAll(store, DOCS, [
            { _id: 'o3', group: 'a', rank: 1 },
            { _id: 'o1', group: 'b', rank: 2 },
            { _id: 'o4', group: 'a', rank: 2 },
            { _id: 'o2', group: 'a', rank: 2 },
            { _id: 'o5', group: 'b', rank: 1 },
          ])
          const found = await store.find(
            DOCS,
            {},
            {
              orderBy: [
                ['group', 'asc'],
                ['rank', 'desc'],
              ],
            },
          )
          expect(ids(found)).toEqual(['o2', 'o4', 'o3', 'o1', 'o5'])
        },
        timeout,
      )

      test(
        'when find pages with skip and limit, then pages follow each other without overlap',
        async () => {
          await insertAll(
            store,
            DOCS,
            Array.from({ length: 7 }, (_, i) => ({ _id: `s${i}`, rank: i })),
          )
          const page = (skip: number) => store.find(DOCS, {}, { orderBy: [['rank', 'asc']], skip, limit: 3 })
          expect([ids(await page(0)), ids(await page(3)), ids(await page(6))]).toEqual([
            ['s0', 's1', 's2'],
            ['s3', 's4', 's5'],
            ['s6'],
          ])
        },
        timeout,
      )

      test(
        'when find is given no limit, then at most 100 come back; limit 0 gives none',
        async () => {
          await insertAll(
            store,
            DOCS,
            Array.from({ length: 105 }, (_, i) => ({ _id: `l${String(i).padStart(3, '0')}` })),
          )
          expect(await store.find(DOCS, {})).toHaveLength(100)
          expect(await store.find(DOCS, {}, { limit: 0 })).toEqual([])
        },
        timeout * 3,
      )

      test(
        'when find asks for 1000 or more, then 1000 come back at most',
        async () => {
          await insertAll(
            store,
            DOCS,
            Array.from({ length: 1003 }, (_, i) => ({ _id: `b${String(i).padStart(4, '0')}`, rank: i })),
            50,
          )
          const thousand = await store.find(DOCS, {}, { orderBy: [['rank', 'asc']], limit: 1000 })
          expect(thousand).toHaveLength(1000)
          expect(at(thousand, 999)._id).toBe('b0999')
          expect(await store.find(DOCS, {}, { limit: 5000 })).toHaveLength(1000)
        },
        timeout * 20,
      )

      test(
        'when count is given a filter, then it counts the matches',
        async () => {
          await seed()
          expect(await store.count(DOCS, { group: 'b' })).toBe(2)
          expect(await store.count(DOCS, { rank: { $gte: 3 } })).toBe(3)
          expect(await store.count(DOCS, {})).toBe(5)
        },
        timeout,
      )
    })

    describe('transaction', () => {
      test(
        'when a transaction completes, then all its writes are visible and its result returned',
        async () => {
          await store.insert(SEATS, { _id: 'ev', seats: 3 })
          const result = await store.transaction(async (tx) => {
            const event = await tx.get<Doc & { seats: number }>(SEATS, 'ev')
            await tx.update(SEATS, 'ev', { inc: { seats: -1 } })
            await tx.insert(SEATS, { _id: 'ev:u1', eventId: 'ev', userId: 'u1' })
            await tx.put(SEATS, { _id: 'log', last: 'u1' })
            return event?.seats
          })
          expect(result).toBe(3)
          expect(await store.get(SEATS, 'ev')).toEqual({ _id: 'ev', seats: 2 })
          expect(await store.get(SEATS, 'ev:u1')).toEqual({ _id: 'ev:u1', eventId: 'ev', userId: 'u1' })
          expect(await store.get(SEATS, 'log')).toEqual({ _id: 'log', last: 'u1' })
        },
        timeout,
      )

      test(
        'when a transaction throws, then none of its writes land and the error reaches the caller',
        async () => {
          await store.insert(SEATS, { _id: 'ev', seats: 3 })
          await store.insert(SEATS, { _id: 'gone', x: 1 })
          const failing = store.transaction(async (tx) => {
            await tx.update(SEATS, 'ev', { inc: { seats: -1 } })
            await tx.insert(SEATS, { _id: 'ticket', eventId: 'ev' })
            await tx.delete(SEATS, 'gone')
            throw new Error('changed my mind')
          })
          await expect(failing).rejects.toThrow('changed my mind')
          expect(await store.get(SEATS, 'ev')).toEqual({ _id: 'ev', seats: 3 })
          expect(await store.get(SEATS, 'ticket')).toBeNull()
          expect(await store.get(SEATS, 'gone')).toEqual({ _id: 'gone', x: 1 })
        },
        timeout,
      )

      test(
        'when an insert inside a transaction clashes, then DuplicateKeyError propagates and earlier writes roll back',
        async () => {
          await store.insert(SEATS, { _id: 'ev', seats: 3 })
          await store.insert(SEATS, { _id: 'ev:u1', eventId: 'ev' })
          const clash = store.transaction(async (tx) => {
            await tx.update(SEATS, 'ev', { inc: { seats: -1 } })
            await tx.insert(SEATS, { _id: 'ev:u1', eventId: 'ev' })
          })
          await expect(clash).rejects.toBeInstanceOf(DuplicateKeyError)
          expect(await store.get(SEATS, 'ev')).toEqual({ _id: 'ev', seats: 3 })
        },
        timeout,
      )

      test(
        'when a transaction reads what it wrote, then it sees its own writes (get and getMany)',
        async () => {
          const seen = await store.transaction(async (tx) => {
            await tx.insert(DOCS, { _id: 't1', v: 1 })
            await tx.update(DOCS, 't1', { set: { v: 2 } })
            await tx.put(DOCS, { _id: 't2', v: 3 })
            const one = await tx.get<Doc & { v: number }>(DOCS, 't1')
            const many = await tx.getMany<Doc & { v: number }>(DOCS, ['t1', 't2', 'none'])
            return { one: one?.v, many: many.map((d) => d.v).sort() }
          })
          expect(seen).toEqual({ one: 2, many: [2, 3] })
        },
        timeout,
      )

      test(
        'when a transaction tries a query (find, count, updateWhere, deleteWhere), then it is refused and its writes roll back',
        async () => {
          // CloudBase transactions run by-id operations only; a query there would run outside the
          // transaction, so every adapter refuses it rather than let code depend on it.
          await store.insert(SEATS, { _id: 'ev', seats: 3 })
          const queries: Array<(tx: UntypedDocumentStore) => Promise<unknown>> = [
            (tx) => tx.find(SEATS, { eventId: 'ev' }),
            (tx) => tx.count(SEATS, {}),
            (tx) => tx.updateWhere(SEATS, { _id: 'ev' }, { set: { seats: 0 } }),
            (tx) => tx.deleteWhere(SEATS, { _id: 'ev' }),
          ]
          for (const query of queries) {
            const attempt = store.transaction(async (tx) => {
              await tx.update(SEATS, 'ev', { inc: { seats: -1 } })
              return query(tx)
            })
            await expect(attempt).rejects.toThrow(/cannot run inside a transaction.*by-id operations/)
          }
          expect(await store.get(SEATS, 'ev')).toEqual({ _id: 'ev', seats: 3 })
        },
        timeout,
      )

      test(
        'when 50 transactions race to take seats of a capacity-10 event, then exactly 10 succeed',
        async () => {
          // Arrange
          await store.insert(SEATS, { _id: 'gig', seats: 10 })
          const take = (user: number) =>
            store.transaction(async (tx) => {
              const event = await tx.get<Doc & { seats: number }>(SEATS, 'gig')
              if (!event || event.seats <= 0) return false
              await tx.update(SEATS, 'gig', { set: { seats: event.seats - 1 } })
              await tx.insert(SEATS, { _id: `gig:${user}`, eventId: 'gig', user })
              return true
            })
          // Act
          const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => take(i)))
          // Assert
          expect(outcomes.filter(Boolean)).toHaveLength(10)
          expect(await store.get(SEATS, 'gig')).toEqual({ _id: 'gig', seats: 0 })
          expect(await store.count(SEATS, { eventId: 'gig' })).toBe(10)
        },
        timeout * 6,
      )
    })
  })
}
