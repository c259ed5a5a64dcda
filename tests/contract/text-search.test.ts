import {
  CloudbaseTextSearch,
  escapeRegExp,
  type CloudbaseDatabase,
  type CloudbaseQuery,
} from '../../cloudfunctions/adapters/cloudbase/text-search'
import { MIGRATIONS } from '../../cloudfunctions/adapters/sqlite/migrations'
import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import { createFullTextIndex, planTextQuery, SqliteTextSearch } from '../../cloudfunctions/adapters/sqlite/text-search'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { Doc } from '../../cloudfunctions/core/shared/document-store'
import { matchesFilter } from '../../cloudfunctions/core/shared/patch'
import type { TextQuery, TextSearch } from '../../cloudfunctions/core/shared/ports'
import { at } from '../support/lists'

/**
 * The TextSearch port's behaviour, run against both adapters: SQLite (FTS5 trigram + LIKE) and
 * CloudBase (regular-expression queries) over a fake database that evaluates them.
 */

type Condition = { $or: Condition[] } | { $and: Condition[] } | Record<string, unknown>

/** Evaluates the conditions CloudbaseTextSearch builds, the way the CloudBase database does. */
class FakeCloudbase implements CloudbaseDatabase {
  readonly collections = new Map<string, Doc[]>()
  readonly queries: Array<{ collection: string; condition: unknown; orderBy?: [string, string]; limit?: number }> = []
  command = {
    or: (conditions: unknown[]) => ({ $or: conditions }),
    and: (conditions: unknown[]) => ({ $and: conditions }),
  }

  RegExp(options: { regexp: string; options?: string }) {
    return { $regex: options.regexp, $options: options.options ?? '' }
  }

  collection(name: string): CloudbaseQuery {
    const record: FakeCloudbase['queries'][number] = { collection: name, condition: undefined }
    this.queries.push(record)
    const query: CloudbaseQuery = {
      where: (condition) => ((record.condition = condition), query),
      orderBy: (field, direction) => ((record.orderBy = [field, direction]), query),
      limit: (n) => ((record.limit = n), query),
      get: async () => {
        const docs = (this.collections.get(name) ?? []).filter((doc) => evaluate(record.condition as Condition, doc))
        const [field, direction] = record.orderBy ?? ['_id', 'asc']
        docs.sort((a, b) => {
          const x = a[field] as number
          const y = b[field] as number
          return (x < y ? -1 : x > y ? 1 : 0) * (direction === 'desc' ? -1 : 1) || (a._id < b._id ? -1 : 1)
        })
        return { data: structuredClone(docs.slice(0, record.limit ?? 100)) }
      },
    }
    return query
  }
}

function evaluate(condition: Condition, doc: Doc): boolean {
  if ('$or' in condition) return (condition.$or as Condition[]).some((c) => evaluate(c, doc))
  if ('$and' in condition) return (condition.$and as Condition[]).every((c) => evaluate(c, doc))
  return Object.entries(condition).every(([field, expected]) => {
    if (expected && typeof expected === 'object' && '$regex' in expected) {
      const { $regex, $options } = expected as { $regex: string; $options: string }
      return new RegExp($regex, $options).test(String(doc[field] ?? ''))
    }
    return matchesFilter(doc, { [field]: expected as never })
  })
}

interface Backend {
  search: TextSearch
  add(docs: Doc[]): Promise<void>
}

function sqliteBackend(): Backend & { store: SqliteDocumentStore } {
  const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS, migrations: MIGRATIONS })
  const store = new SqliteDocumentStore(db)
  return {
    store,
    search: new SqliteTextSearch(store),
    async add(docs) {
      for (const doc of docs) await store.insert('health_entries', doc)
    },
  }
}

function cloudbaseBackend(): Backend & { fake: FakeCloudbase } {
  const fake = new FakeCloudbase()
  return {
    fake,
    search: new CloudbaseTextSearch(fake),
    async add(docs) {
      fake.collections.set('health_entries', [
        ...(fake.collections.get('health_entries') ?? []),
        ...structuredClone(docs),
      ])
    },
  }
}

const entry = (id: string, title: string, body: string, publishedAt: number, tagText = ''): Doc => ({
  _id: id,
  kind: 'qa',
  title,
  body,
  tagText,
  tags: [],
  category: '慢病',
  authorId: 'u_doc',
  publishedAt,
})

const FIXTURE: Doc[] = [
  entry('e1', '高血压怎么吃药', '按时服药，不要自己停药', 100),
  entry('e2', '冬天注意什么', '有高血压的老人要注意保暖', 200),
  entry('e3', '糖尿病饮食', '主食定量，多吃蔬菜', 300, '饮食 血糖'),
  entry('e4', 'BMI 是什么', '体重指数，Body Mass Index', 400),
  entry('e5', '药量写法 a.b', '50% 的人不知道', 500),
  entry('e6', '低血压头晕', '起身要慢', 600, '血压'),
  entry('e7', '他说"别担心"', '引号也是字', 700),
]

const query = (terms: string[], extra: Partial<TextQuery> = {}): TextQuery => ({
  terms,
  fields: ['title', 'body', 'tagText'],
  orderBy: ['publishedAt', 'desc'],
  limit: 100,
  ...extra,
})

describe.each([
  ['SQLite (FTS5 trigram)', sqliteBackend],
  ['CloudBase (regular expressions, fake database)', cloudbaseBackend],
])('TextSearch on %s', (_name, make) => {
  let backend: Backend
  const ids = async (q: TextQuery) => (await backend.search.findContaining('health_entries', q)).map((d) => d._id)

  beforeEach(async () => {
    backend = make()
    await backend.add(FIXTURE)
  })

  test('when a two-character word is searched, then it finds it inside longer words in any field, newest first', async () => {
    expect(await ids(query(['血压']))).toEqual(['e6', 'e2', 'e1'])
  })

  test('when a three-character word is searched, then only entries containing it come back', async () => {
    expect(await ids(query(['高血压']))).toEqual(['e2', 'e1'])
  })

  test('when several words are searched, then an entry must contain every one of them', async () => {
    expect(await ids(query(['血压', '吃药']))).toEqual(['e1'])
    expect(await ids(query(['高血压', '保暖']))).toEqual(['e2'])
    expect(await ids(query(['血压', '蔬菜']))).toEqual([])
  })

  test('when a word is only in the tags, then it is found there', async () => {
    expect(await ids(query(['血糖']))).toEqual(['e3'])
  })

  test('when Latin letters are searched in lower case, then capitals match', async () => {
    expect(await ids(query(['bmi']))).toEqual(['e4'])
    expect(await ids(query(['mass index']))).toEqual(['e4'])
  })

  test('when a word contains characters special to regular expressions, LIKE or FTS, then they match only literally', async () => {
    expect(await ids(query(['a.b']))).toEqual(['e5'])
    expect(await ids(query(['a_b']))).toEqual([])
    expect(await ids(query(['50%']))).toEqual(['e5'])
    expect(await ids(query(['0% 的']))).toEqual(['e5'])
    expect(await ids(query(['"别担心"']))).toEqual(['e7'])
    expect(await ids(query(['.*']))).toEqual([])
  })

  test('when only some fields are searched, then the others are ignored', async () => {
    expect(await ids(query(['高血压'], { fields: ['title'] }))).toEqual(['e1'])
    expect(await ids(query(['血压'], { fields: ['title'] }))).toEqual(['e6', 'e1'])
  })

  test('when a limit and an order are given, then they are kept', async () => {
    expect(await ids(query(['血压'], { limit: 2 }))).toEqual(['e6', 'e2'])
    expect(await ids(query(['血压'], { orderBy: ['publishedAt', 'asc'] }))).toEqual(['e1', 'e2', 'e6'])
  })

  test('when nothing matches or no terms are given, then the result is empty', async () => {
    expect(await ids(query(['骨质疏松']))).toEqual([])
    expect(await ids(query([]))).toEqual([])
  })

  test('when documents come back, then they are the stored documents', async () => {
    const [doc] = await backend.search.findContaining('health_entries', query(['糖尿病']))
    expect(doc).toEqual(FIXTURE[2])
  })
})

describe('TextSearch on SQLite: the index follows the documents', () => {
  test('when an entry is updated, replaced or deleted, then search sees the change at once', async () => {
    const backend = sqliteBackend()
    const { store, search } = backend
    await backend.add(FIXTURE)
    const find = async (term: string) =>
      (await search.findContaining('health_entries', query([term]))).map((d) => d._id)

    await store.update('health_entries', 'e1', { set: { title: '骨质疏松怎么办' } })
    expect(await find('骨质疏松')).toEqual(['e1'])
    expect(await find('高血压')).toEqual(['e2'])

    await store.put('health_entries', { ...at(FIXTURE, 2), body: '少吃甜食和粥' })
    expect(await find('甜食')).toEqual(['e3'])
    expect(await find('蔬菜')).toEqual([])

    await store.delete('health_entries', 'e2')
    expect(await find('保暖')).toEqual([])
    await store.deleteWhere('health_entries', { publishedAt: { $gte: 600 } })
    expect(await find('血压')).toEqual([])

    // Written inside a transaction that rolls back: nothing reaches the index.
    await expect(
      store.transaction(async (tx) => {
        await tx.insert('health_entries', entry('e9', '回滚的条目', '不该被找到', 900))
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await find('回滚的条目')).toEqual([])
    const map = store.db.prepare('SELECT COUNT(*) AS n FROM "search_map_health_entries"').get() as { n: number }
    const fts = store.db.prepare('SELECT COUNT(*) AS n FROM "fts_health_entries"').get() as { n: number }
    expect({ map: map.n, fts: fts.n }).toEqual({
      map: await store.count('health_entries', {}),
      fts: await store.count('health_entries', {}),
    })
  })

  test('when the index is created on a database that already holds entries, then they are indexed', async () => {
    const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS, migrations: [] })
    const store = new SqliteDocumentStore(db)
    for (const doc of FIXTURE) await store.insert('health_entries', doc)
    createFullTextIndex(db, { collection: 'health_entries', fields: ['title', 'body', 'tagText'] })
    createFullTextIndex(db, { collection: 'health_entries', fields: ['title', 'body', 'tagText'] }) // idempotent
    const found = await new SqliteTextSearch(store).findContaining('health_entries', query(['高血压']))
    expect(found.map((d) => d._id)).toEqual(['e2', 'e1'])
  })

  test('when a term has three or more characters, then the query goes through the trigram index', () => {
    const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS, migrations: MIGRATIONS })
    const long = planTextQuery('health_entries', query(['高血压']))
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${long.sql}`).all(...long.params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('\n')
    expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/)
    const short = planTextQuery('health_entries', query(['血压']))
    expect(short.sql).not.toContain('MATCH')
    expect(short.sql).toContain('LIKE')
  })

  test('when a collection has no full-text index, then a LIKE scan over its fields still finds substrings', async () => {
    const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS, migrations: MIGRATIONS })
    const store = new SqliteDocumentStore(db)
    await store.insert('health_tips', { _id: 't1', title: '冬季高血压', body: '', publishedAt: 1 })
    await store.insert('health_tips', { _id: 't2', title: '睡眠', body: '别熬夜', publishedAt: 2 })
    const found = await new SqliteTextSearch(store).findContaining(
      'health_tips',
      query(['血压'], { fields: ['title', 'body'] }),
    )
    expect(found.map((d) => d._id)).toEqual(['t1'])
  })
})

describe('TextSearch on CloudBase: the query it sends', () => {
  test('when two terms over two fields are searched, then it sends one and-of-ors of case-insensitive escaped regular expressions', async () => {
    const { fake, search } = cloudbaseBackend()
    await search.findContaining('health_entries', query(['血压', 'a.b'], { fields: ['title', 'body'], limit: 5000 }))
    expect(fake.queries).toEqual([
      {
        collection: 'health_entries',
        condition: {
          $and: [
            { $or: [{ title: { $regex: '血压', $options: 'i' } }, { body: { $regex: '血压', $options: 'i' } }] },
            { $or: [{ title: { $regex: 'a\\.b', $options: 'i' } }, { body: { $regex: 'a\\.b', $options: 'i' } }] },
          ],
        },
        orderBy: ['publishedAt', 'desc'],
        limit: 1000,
      },
    ])
  })

  test('when no terms are given, then nothing is queried', async () => {
    const { fake, search } = cloudbaseBackend()
    expect(await search.findContaining('health_entries', query([]))).toEqual([])
    expect(fake.queries).toEqual([])
  })

  test('when a term is escaped, then every regular-expression character is literal', () => {
    const special = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o'
    expect(new RegExp(escapeRegExp(special)).test(special)).toBe(true)
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false)
  })
})
