import type { CollectionSpec } from '../../cloudfunctions/core/shared/collections'

/**
 * A small in-memory model of the CloudBase document database, behind the capture server
 * (cloudbase-capture.ts): it answers the node-sdk's database actions the way the service does,
 * so an adapter test fails where production would — `updated: 0` for a missing document,
 * `DATABASE_DUPLICATE_WRITE` for a clash on `_id` or a unique index (a missing field counting as
 * null), `DATABASE_COLLECTION_NOT_EXIST` for a collection nobody created, and
 * `DATABASE_TRANSACTION_CONFLICT` for a transaction that writes a document another one has
 * written since it began (Mongo's snapshot isolation, first writer wins).
 *
 * Queries follow Mongo: equality (an array field matches any of its elements), `null` matching
 * null or missing, `$in`/`$nin`, `$ne` matching missing fields, range operators only within one
 * type (numbers with numbers, strings with strings), `$and`/`$or`, regular expressions; sorting
 * uses Mongo's type order (missing/null < numbers < strings < objects < arrays < booleans).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Doc = { _id: string; [key: string]: Json }

export interface DatabaseError {
  code: string
  message: string
}

const fail = (code: string, message: string): DatabaseError => ({ code, message })

// ---- EJSON (canonical, as the SDK writes it) -------------------------------------------------

export function decodeEjson(value: unknown): Json {
  if (Array.isArray(value)) return value.map(decodeEjson)
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    const keys = Object.keys(object)
    if (keys.length === 1) {
      const [key] = keys
      if (key === '$numberInt' || key === '$numberLong' || key === '$numberDouble' || key === '$numberDecimal')
        return Number(object[key])
      if (key === '$date') {
        const date = object[key] as { $numberLong?: string } | string | number
        return typeof date === 'object' && date ? Number(date.$numberLong) : new Date(date as string | number).getTime()
      }
    }
    return Object.fromEntries(keys.map((key) => [key, decodeEjson(object[key])]))
  }
  return value as Json
}

export function encodeEjson(value: Json): unknown {
  if (typeof value === 'number') {
    if (Number.isInteger(value))
      return Math.abs(value) > 2147483647 ? { $numberLong: String(value) } : { $numberInt: String(value) }
    return { $numberDouble: String(value) }
  }
  if (Array.isArray(value)) return value.map(encodeEjson)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeEjson(v)]))
  return value
}

const parseText = (text: unknown): Json => (typeof text === 'string' && text ? decodeEjson(JSON.parse(text)) : {})

// ---- values ----------------------------------------------------------------------------------

const MISSING = Symbol('missing')
type Found = Json | typeof MISSING

function at(doc: Json, path: string): Found {
  let current: Found = doc
  for (const part of path.split('.')) {
    if (current === MISSING || current === null || typeof current !== 'object' || Array.isArray(current)) return MISSING
    current = (current as Record<string, Json>)[part] ?? (part in current ? null : MISSING)
  }
  return current
}

function typeRank(value: Found): number {
  if (value === MISSING || value === null) return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  if (Array.isArray(value)) return 5
  if (typeof value === 'object') return 4
  return 6 // boolean
}

function compare(a: Found, b: Found): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  const sa = JSON.stringify(a)
  const sb = JSON.stringify(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

const same = (a: Found, b: Found) => typeRank(a) === typeRank(b) && compare(a, b) === 0

function equals(found: Found, expected: Json): boolean {
  if (expected === null) return found === MISSING || found === null
  if (found === MISSING) return false
  if (Array.isArray(found) && !Array.isArray(expected)) return found.some((item) => same(item, expected))
  return same(found, expected)
}

function regexOf(condition: Record<string, Json>): RegExp | null {
  const special = condition.$regularExpression as { pattern?: string; options?: string } | undefined
  if (special && typeof special === 'object')
    return new RegExp(String(special.pattern ?? ''), String(special.options ?? ''))
  if (typeof condition.$regex === 'string')
    return new RegExp(condition.$regex, typeof condition.$options === 'string' ? condition.$options : '')
  return null
}

function matchesCondition(found: Found, condition: Json): boolean {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return equals(found, condition)
  const keys = Object.keys(condition)
  if (!keys.some((key) => key.startsWith('$'))) return equals(found, condition)
  const regex = regexOf(condition)
  if (regex) return typeof found === 'string' && regex.test(found)
  return keys.every((operator) => {
    const operand = condition[operator] ?? null
    switch (operator) {
      case '$eq':
        return equals(found, operand)
      case '$ne':
      case '$neq':
        return !equals(found, operand)
      case '$in':
        return (operand as Json[]).some((value) => equals(found, value))
      case '$nin':
        return !(operand as Json[]).some((value) => equals(found, value))
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (found === MISSING || found === null || typeRank(found) !== typeRank(operand)) return false
        const order = compare(found, operand)
        return operator === '$gt'
          ? order > 0
          : operator === '$gte'
            ? order >= 0
            : operator === '$lt'
              ? order < 0
              : order <= 0
      }
      case '$exists':
        return (found !== MISSING) === Boolean(operand)
      default:
        throw fail('DATABASE_REQUEST_FAILED', `unsupported query operator ${operator}`)
    }
  })
}

export function matches(doc: Doc, query: Json): boolean {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return true
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and') return (condition as Json[]).every((part) => matches(doc, part))
    if (key === '$or') return (condition as Json[]).some((part) => matches(doc, part))
    if (key === '$nor') return !(condition as Json[]).some((part) => matches(doc, part))
    return matchesCondition(at(doc, key), condition)
  })
}

// ---- updates ---------------------------------------------------------------------------------

/** A transaction's write key, `collection\u0000id`, back into its parts. */
function splitKey(key: string): [collection: string, id: string] {
  const at = key.indexOf('\u0000')
  return [key.slice(0, at), key.slice(at + 1)]
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function parentOf(doc: Doc, path: string, create: boolean): { parent: Record<string, Json>; key: string } | null {
  const parts = path.split('.')
  const key = parts.at(-1) ?? ''
  let current: Record<string, Json> = doc
  for (const part of parts.slice(0, -1)) {
    const next = current[part]
    if (next === undefined) {
      if (!create) return null
      current[part] = {}
    } else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (!create) return null
      // Mongo cannot create a field inside null or a scalar.
      throw fail(
        'DATABASE_REQUEST_FAILED',
        `Cannot create field '${key}' in element {${part}: ${JSON.stringify(next)}}`,
      )
    }
    current = current[part] as Record<string, Json>
  }
  return { parent: current, key }
}

/** Apply Mongo update operators (or, without operators, merge the fields as `$set`). */
export function applyUpdate(doc: Doc, update: Json): Doc {
  const next = clone(doc)
  const data = (update ?? {}) as Record<string, Json>
  const hasOperators = Object.keys(data).some((key) => key.startsWith('$'))
  const groups: Record<string, Record<string, Json>> = hasOperators
    ? (data as Record<string, Record<string, Json>>)
    : { $set: data }
  for (const [operator, fields] of Object.entries(groups)) {
    for (const [path, value] of Object.entries(fields ?? {})) {
      if (path === '_id')
        throw fail(
          'DATABASE_REQUEST_FAILED',
          'Performing an update on the path _id would modify the immutable field _id',
        )
      if (operator === '$set') {
        const target = parentOf(next, path, true)!
        target.parent[target.key] = clone(value)
      } else if (operator === '$inc') {
        const target = parentOf(next, path, true)!
        const current = target.parent[target.key]
        if (current !== undefined && typeof current !== 'number')
          throw fail('DATABASE_REQUEST_FAILED', `Cannot apply $inc to a value of non-numeric type at ${path}`)
        target.parent[target.key] = (current ?? 0) + (value as number)
      } else if (operator === '$unset') {
        const target = parentOf(next, path, false)
        if (target) delete target.parent[target.key]
      } else {
        throw fail('DATABASE_REQUEST_FAILED', `unsupported update operator ${operator}`)
      }
    }
  }
  return next
}

// ---- the database ----------------------------------------------------------------------------

interface Stored {
  doc: Doc
  /** Commit number of the last write. */
  version: number
}

interface Transaction {
  id: string
  snapshot: number
  /** Staged writes: the document, or null for a deletion. */
  writes: Map<string, Doc | null>
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`

export class FakeCloudbaseDatabase {
  private readonly collections = new Map<string, Map<string, Stored>>()
  private readonly uniqueIndexes = new Map<string, string[][]>()
  private readonly transactions = new Map<string, Transaction>()
  /** Which open transaction has written a document (first writer wins). */
  private readonly locks = new Map<string, string>()
  private readonly tombstones = new Map<string, number>()
  private commits = 0
  private sequence = 0

  /**
   * With `specs`, only the declared collections exist (as after a deploy) and their unique
   * indexes are enforced; without, any collection is created on first use.
   */
  constructor(private readonly specs?: readonly CollectionSpec[]) {
    for (const spec of specs ?? []) {
      this.collections.set(spec.name, new Map())
      this.uniqueIndexes.set(
        spec.name,
        spec.indexes.filter((index) => index.unique).map((index) => index.fields.map(([field]) => field)),
      )
    }
  }

  /** Documents stored now (committed), for tests that arrange or inspect data directly. */
  seed(collection: string, docs: ReadonlyArray<Record<string, unknown>>): void {
    const stored = this.collection(collection)
    for (const doc of docs) stored.set(String(doc._id), { doc: clone(doc as Json) as Doc, version: this.commits })
  }

  all(collection: string): Doc[] {
    return [...(this.collections.get(collection)?.values() ?? [])].map((s) => clone(s.doc))
  }

  clear(): void {
    for (const stored of this.collections.values()) stored.clear()
    if (!this.specs) this.collections.clear()
    this.transactions.clear()
    this.locks.clear()
    this.tombstones.clear()
  }

  /** Answer one node-sdk request body; errors come back as `{ code, message }` like the service's. */
  handle(action: string, body: Record<string, unknown>): Record<string, unknown> {
    const requestId = `fake-${++this.sequence}`
    try {
      return { requestId, ...this.dispatch(action, body) }
    } catch (error) {
      const known = error as Partial<DatabaseError>
      if (typeof known.code === 'string') return { requestId, code: known.code, message: known.message ?? '' }
      throw error
    }
  }

  private dispatch(action: string, body: Record<string, unknown>): Record<string, unknown> {
    const collection = String(body.collectionName ?? '')
    const tx = body.transactionId ? this.openTransaction(String(body.transactionId)) : null
    switch (action) {
      case 'database.startTransaction': {
        const id = `tx-${++this.sequence}`
        this.transactions.set(id, { id, snapshot: this.commits, writes: new Map() })
        return { transactionId: id }
      }
      case 'database.commitTransaction':
        this.commit(this.openTransaction(String(body.transactionId)))
        return {}
      case 'database.abortTransaction':
        this.release(this.openTransaction(String(body.transactionId)))
        return {}
      case 'database.getDocument': {
        let docs = this.visible(collection, tx).filter((doc) => matches(doc, parseText(body.query)))
        const order = parseText(body.order) as Record<string, number>
        const terms = Object.entries(order ?? {})
        if (terms.length)
          docs = docs.sort((a, b) =>
            terms.reduce((r, [field, dir]) => r || compare(at(a, field), at(b, field)) * (dir < 0 ? -1 : 1), 0),
          )
        const offset = Number(body.offset ?? 0)
        const limit = Math.min(Number(body.limit ?? 100), 1000)
        return { data: { list: docs.slice(offset, offset + limit).map((doc) => JSON.stringify(encodeEjson(doc))) } }
      }
      case 'database.calculateDocument':
        return {
          data: { total: this.visible(collection, tx).filter((doc) => matches(doc, parseText(body.query))).length },
        }
      case 'database.insertDocument': {
        const docs = ((body.data as string[] | undefined) ?? []).map((text) => parseText(text) as Doc)
        const ids: string[] = []
        // Ordered, as Mongo inserts: documents before a clash stay inserted.
        for (const doc of docs) {
          if (typeof doc._id !== 'string') doc._id = `auto-${++this.sequence}`
          if (this.current(collection, doc._id, tx)) throw this.duplicate(collection, '_id_', doc._id)
          this.write(collection, doc, tx)
          ids.push(doc._id)
        }
        return { data: { insertedIds: ids } }
      }
      case 'database.modifyDocument':
        return { data: this.modify(collection, body, tx) }
      case 'database.removeDocument': {
        const targets = this.visible(collection, tx).filter((doc) => matches(doc, parseText(body.query)))
        const chosen = body.multi === false ? targets.slice(0, 1) : targets
        for (const doc of chosen) this.remove(collection, doc._id, tx)
        return { data: { deleted: chosen.length } }
      }
      default:
        throw fail('INVALID_ACTION', `action ${action} is not modelled`)
    }
  }

  private modify(collection: string, body: Record<string, unknown>, tx: Transaction | null): Record<string, unknown> {
    const query = parseText(body.query)
    const data = parseText(body.data)
    const targets = this.visible(collection, tx).filter((doc) => matches(doc, query))
    const chosen = body.multi === false || body.queryType === 'DOC' ? targets.slice(0, 1) : targets
    if (!chosen.length && body.upsert) {
      const id = String((query as Record<string, Json>)._id)
      this.write(collection, { ...(clone(data) as Record<string, Json>), _id: id }, tx)
      return { updated: 0, upsert_id: id }
    }
    let updated = 0
    for (const doc of chosen) {
      // merge: false replaces the document (doc.set); otherwise operators apply.
      const next =
        body.merge === false
          ? ({ ...(clone(data) as Record<string, Json>), _id: doc._id } as Doc)
          : applyUpdate(doc, data)
      if (JSON.stringify(next) === JSON.stringify(doc)) continue // Mongo counts documents changed
      this.write(collection, next, tx)
      updated++
    }
    return { updated, upsert_id: null }
  }

  private collection(name: string): Map<string, Stored> {
    let stored = this.collections.get(name)
    if (!stored) {
      if (this.specs) throw fail('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
      stored = new Map()
      this.collections.set(name, stored)
    }
    return stored
  }

  private openTransaction(id: string): Transaction {
    const tx = this.transactions.get(id)
    if (!tx) throw fail('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist or has ended`)
    return tx
  }

  private current(collection: string, id: string, tx: Transaction | null): Doc | null {
    if (tx?.writes.has(key(collection, id))) return tx.writes.get(key(collection, id)) ?? null
    return this.collection(collection).get(id)?.doc ?? null
  }

  private visible(collection: string, tx: Transaction | null): Doc[] {
    const ids = new Set(this.collection(collection).keys())
    if (tx)
      for (const k of tx.writes.keys()) if (k.startsWith(`${collection}\u0000`)) ids.add(k.slice(collection.length + 1))
    return [...ids]
      .sort()
      .map((id) => this.current(collection, id, tx))
      .filter((doc): doc is Doc => doc !== null)
  }

  private duplicate(collection: string, index: string, value: string): DatabaseError {
    return fail(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${value}`,
    )
  }

  private checkUnique(collection: string, doc: Doc, tx: Transaction | null): void {
    for (const fields of this.uniqueIndexes.get(collection) ?? []) {
      const value = JSON.stringify(
        fields.map((field) => {
          const found = at(doc, field)
          return found === MISSING ? null : found
        }),
      )
      const clash = this.visible(collection, tx).find(
        (other) =>
          other._id !== doc._id &&
          JSON.stringify(
            fields.map((field) => {
              const found = at(other, field)
              return found === MISSING ? null : found
            }),
          ) === value,
      )
      if (clash) throw this.duplicate(collection, fields.join('_'), value)
    }
  }

  private write(collection: string, doc: Doc, tx: Transaction | null): void {
    this.checkUnique(collection, doc, tx)
    if (!tx) {
      this.collection(collection).set(doc._id, { doc: clone(doc), version: ++this.commits })
      return
    }
    this.claim(collection, doc._id, tx)
    tx.writes.set(key(collection, doc._id), clone(doc))
  }

  private remove(collection: string, id: string, tx: Transaction | null): void {
    if (!tx) {
      this.collection(collection).delete(id)
      this.tombstones.set(key(collection, id), ++this.commits)
      return
    }
    this.claim(collection, id, tx)
    tx.writes.set(key(collection, id), null)
  }

  /** When a document was last written (or deleted) outside any open transaction. */
  private lastWrite(collection: string, id: string): number {
    return Math.max(this.collection(collection).get(id)?.version ?? -1, this.tombstones.get(key(collection, id)) ?? -1)
  }

  private conflict(collection: string, id: string): DatabaseError {
    return fail('DATABASE_TRANSACTION_CONFLICT', `WriteConflict on ${collection}/${id}`)
  }

  /** First writer wins: a second transaction writing the document, or one that began before its last write, conflicts. */
  private claim(collection: string, id: string, tx: Transaction): void {
    const k = key(collection, id)
    const holder = this.locks.get(k)
    if ((holder && holder !== tx.id) || this.lastWrite(collection, id) > tx.snapshot)
      throw this.conflict(collection, id)
    this.locks.set(k, tx.id)
  }

  private commit(tx: Transaction): void {
    // A plain write that landed on a document this transaction wrote (Mongo would have made it
    // wait) came first; the transaction is then the one to run again.
    for (const k of tx.writes.keys()) {
      const [collection, id] = splitKey(k)
      if (this.lastWrite(collection, id) > tx.snapshot) {
        this.release(tx)
        throw this.conflict(collection, id)
      }
    }
    const version = ++this.commits
    for (const [k, doc] of tx.writes) {
      const [collection, id] = splitKey(k)
      if (doc) this.collection(collection).set(id, { doc, version })
      else {
        this.collection(collection).delete(id)
        this.tombstones.set(k, version)
      }
    }
    this.release(tx)
  }

  private release(tx: Transaction): void {
    for (const [k, holder] of this.locks) if (holder === tx.id) this.locks.delete(k)
    this.transactions.delete(tx.id)
  }
}
