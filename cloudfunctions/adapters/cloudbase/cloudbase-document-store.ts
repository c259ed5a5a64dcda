import {
  DEFAULT_FIND_LIMIT,
  DuplicateKeyError,
  MAX_FIND_LIMIT,
  type Doc,
  type DocumentStore,
  type UntypedDocumentStore,
  type Filter,
  type FindOptions,
  type Patch,
} from '../../core/shared/document-store'
import { assertFieldPath } from '../../core/shared/patch'
import type { CloudCollection, CloudCommand, CloudDatabase, CloudTransaction } from './cloudbase-database'
import { isDuplicateKeyError, isTransactionConflict } from './cloudbase-errors'
import { toCloudQuery, toCloudUpdate } from './cloudbase-query'
import { firstOf } from '../../core/shared/lists'

/** `_id: _.in(chunk)` per request: well under the server's 1000-document cap. */
const GET_MANY_CHUNK = 100

export interface CloudbaseStoreOptions {
  /** Attempts for a transaction that keeps conflicting with others (default 15). */
  maxTransactionAttempts?: number
  /** Exponential backoff with full jitter between conflicting attempts (default 25 ms doubling, capped at 1 s). */
  backoffBaseMs?: number
  backoffMaxMs?: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function clampLimit(limit: number | undefined): number {
  const wanted = Math.floor(limit ?? DEFAULT_FIND_LIMIT)
  return Math.min(Math.max(wanted, 0), MAX_FIND_LIMIT)
}

function assertDocId(collection: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') throw new Error(`document in ${collection} needs a non-empty string _id`)
}

/** `doc(id).get()` answers `{ data: [doc] }` outside a transaction and `{ data: doc | null }` inside. */
function firstDoc<T>(data: unknown): T | null {
  if (Array.isArray(data)) return (data[0] as T | undefined) ?? null
  return (data as T | null | undefined) ?? null
}

function countOf(value: number | string | undefined): number {
  const n = Number(value ?? 0)
  return Number.isFinite(n) ? n : 0
}

/**
 * The by-id operations, over either the database or an open transaction: CloudBase runs the
 * same `doc(id)` calls in both, the transaction id travelling with the collection reference.
 */
/** Documents per insertDocument request in insertMany (keeps one request well under the payload limit). */
const INSERT_MANY_CHUNK = 500
/** Batch requests in flight at once outside a transaction. */
const INSERT_MANY_PARALLEL = 4

class ByIdOperations {
  constructor(
    private readonly collection: (name: string) => CloudCollection,
    private readonly command: CloudCommand,
  ) {}

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const reply = await this.collection(collection).doc(id).get()
    return firstDoc<T>(reply.data)
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    assertDocId(collection, doc._id)
    try {
      // `add` with an explicit `_id` is an insert that fails on an existing id (never an upsert).
      await this.collection(collection).add({ ...doc })
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateKeyError(collection, doc._id)
      throw error
    }
  }

  /** `parallel`: how many batch requests may be in flight at once (one inside a transaction). */
  async insertMany<T extends Doc>(collection: string, docs: readonly T[], parallel = 1): Promise<void> {
    for (const doc of docs) assertDocId(collection, doc._id)
    const chunks: T[][] = []
    for (let i = 0; i < docs.length; i += INSERT_MANY_CHUNK) chunks.push(docs.slice(i, i + INSERT_MANY_CHUNK))
    const insertChunk = async (chunk: T[]) => {
      try {
        // One database.insertDocument request carries the whole batch.
        await this.collection(collection).add(chunk.map((doc) => ({ ...doc })))
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new DuplicateKeyError(collection, firstOf(chunk)._id)
        throw error
      }
    }
    for (let i = 0; i < chunks.length; i += parallel) await Promise.all(chunks.slice(i, i + parallel).map(insertChunk))
  }

  async put<T extends Doc>(collection: string, doc: T): Promise<void> {
    assertDocId(collection, doc._id)
    // `set` replaces the whole document (upsert); the SDK refuses `_id` inside the data.
    const { _id, ...data } = doc
    try {
      await this.collection(collection).doc(_id).set(data)
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateKeyError(collection, _id)
      throw error
    }
  }

  async update(collection: string, id: string, patch: Patch): Promise<boolean> {
    const data = toCloudUpdate(this.command, patch)
    if (!data) return (await this.get(collection, id)) !== null
    let updated: number
    try {
      updated = countOf((await this.collection(collection).doc(id).update(data)).updated)
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateKeyError(collection, id)
      throw error
    }
    if (updated > 0) return true
    // `updated` counts documents *changed*: a patch that writes the values already stored
    // reports 0 for a document that exists. Only a read tells "unchanged" from "missing".
    return (await this.get(collection, id)) !== null
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const reply = await this.collection(collection).doc(id).remove()
    return countOf(reply.deleted) > 0
  }
}

/** Queries cannot run inside a CloudBase transaction (the port says: by-id operations only). */
function notInTransaction(operation: string): Error {
  return new Error(
    `${operation} cannot run inside a transaction on CloudBase: transactions support only by-id operations ` +
      '(get, getMany, insert, put, update, delete). Run the query before the transaction and re-check by id inside it.',
  )
}

/** The store as seen from inside `runTransaction`. */
class TransactionView implements DocumentStore, UntypedDocumentStore {
  private readonly ops: ByIdOperations

  constructor(transaction: CloudTransaction, command: CloudCommand) {
    this.ops = new ByIdOperations((name) => transaction.collection(name), command)
  }

  get<T extends Doc>(c: string, id: string) {
    return this.ops.get<T>(c, id)
  }
  async getMany<T extends Doc>(c: string, ids: readonly string[]): Promise<T[]> {
    // No queries in a transaction: one by-id read each.
    const docs: T[] = []
    for (const id of new Set(ids)) {
      const doc = await this.ops.get<T>(c, id)
      if (doc) docs.push(doc)
    }
    return docs
  }
  insert<T extends Doc>(c: string, doc: T) {
    return this.ops.insert(c, doc)
  }
  insertMany<T extends Doc>(c: string, docs: readonly T[]) {
    return this.ops.insertMany(c, docs)
  }
  put<T extends Doc>(c: string, doc: T) {
    return this.ops.put(c, doc)
  }
  update(c: string, id: string, patch: Patch) {
    return this.ops.update(c, id, patch)
  }
  delete(c: string, id: string) {
    return this.ops.delete(c, id)
  }
  async updateWhere(): Promise<number> {
    throw notInTransaction('updateWhere')
  }
  async deleteWhere(): Promise<number> {
    throw notInTransaction('deleteWhere')
  }
  async find<T extends Doc>(): Promise<T[]> {
    throw notInTransaction('find')
  }
  async count(): Promise<number> {
    throw notInTransaction('count')
  }
  transaction<R>(work: (tx: UntypedDocumentStore) => Promise<R>): Promise<R> {
    return work(this) // nested work joins the open transaction
  }
}

/**
 * DocumentStore on the CloudBase document database through `@cloudbase/node-sdk`.
 *
 * Consistency notes: single-document writes and `updateWhere` are atomic per document on the
 * server. Transactions are snapshot-isolated: two that write the same document conflict and the
 * later one is run again (with backoff), which serialises read-modify-write on one document.
 * A transaction that only reads a document it then relies on is not protected against a
 * concurrent write to it (write skew); write the document you depend on (e.g. a counter).
 */
export class CloudbaseDocumentStore implements DocumentStore, UntypedDocumentStore {
  private readonly ops: ByIdOperations
  private readonly command: CloudCommand
  private readonly maxAttempts: number
  private readonly backoffBaseMs: number
  private readonly backoffMaxMs: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number

  constructor(
    private readonly db: CloudDatabase,
    options: CloudbaseStoreOptions = {},
  ) {
    this.command = db.command
    this.ops = new ByIdOperations((name) => db.collection(name), db.command)
    this.maxAttempts = Math.max(1, options.maxTransactionAttempts ?? 15)
    this.backoffBaseMs = options.backoffBaseMs ?? 25
    this.backoffMaxMs = options.backoffMaxMs ?? 1000
    this.sleep = options.sleep ?? defaultSleep
    this.random = options.random ?? Math.random
  }

  get<T extends Doc>(c: string, id: string) {
    return this.ops.get<T>(c, id)
  }
  insert<T extends Doc>(c: string, doc: T) {
    return this.ops.insert(c, doc)
  }
  // Batches go out four at a time: a neighbourhood's 3,600 notifications are 8 requests, 2 round trips deep.
  insertMany<T extends Doc>(c: string, docs: readonly T[]) {
    return this.ops.insertMany(c, docs, INSERT_MANY_PARALLEL)
  }
  put<T extends Doc>(c: string, doc: T) {
    return this.ops.put(c, doc)
  }
  update(c: string, id: string, patch: Patch) {
    return this.ops.update(c, id, patch)
  }
  delete(c: string, id: string) {
    return this.ops.delete(c, id)
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    const unique = [...new Set(ids)]
    const docs: T[] = []
    for (let i = 0; i < unique.length; i += GET_MANY_CHUNK) {
      const chunk = unique.slice(i, i + GET_MANY_CHUNK)
      const reply = await this.db
        .collection(collection)
        .where({ _id: this.command.in(chunk) })
        .limit(chunk.length)
        .get()
      docs.push(...(reply.data as T[]))
    }
    return docs
  }

  async updateWhere(collection: string, filter: Filter, patch: Patch): Promise<number> {
    const query = toCloudQuery(this.command, filter)
    const data = toCloudUpdate(this.command, patch)
    if (!data) return this.count(collection, filter)
    try {
      // One server-side multi-update: the filter is re-checked per document as it is written,
      // so `{ _id, seats: { $gt: 0 } }` is a true conditional update. The reply counts documents
      // changed, which equals those matched for any patch that changes something (inc, a new time…).
      const reply = await this.db.collection(collection).where(query).update(data)
      return countOf(reply.updated)
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateKeyError(collection, JSON.stringify(filter))
      throw error
    }
  }

  async deleteWhere(collection: string, filter: Filter): Promise<number> {
    const reply = await this.db.collection(collection).where(toCloudQuery(this.command, filter)).remove()
    return countOf(reply.deleted)
  }

  async find<T extends Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const limit = clampLimit(options.limit)
    // The SDK turns limit 0 into its default of 100; zero wanted means no request at all.
    if (limit === 0) return []
    let query = this.db.collection(collection).where(toCloudQuery(this.command, filter))
    const orderBy = options.orderBy ?? []
    for (const [field, direction] of orderBy) {
      assertFieldPath(field)
      query = query.orderBy(field, direction === 'desc' ? 'desc' : 'asc')
    }
    // A stable tiebreak (as in SQLite), so pages never shuffle documents with equal keys.
    if (!orderBy.some(([field]) => field === '_id')) query = query.orderBy('_id', 'asc')
    const skip = Math.max(0, Math.floor(options.skip ?? 0))
    if (skip > 0) query = query.skip(skip)
    const reply = await query.limit(limit).get()
    return reply.data as T[]
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const reply = await this.db.collection(collection).where(toCloudQuery(this.command, filter)).count()
    return countOf(reply.total)
  }

  /**
   * `db.runTransaction` with no SDK retries (its retries are immediate, which under contention
   * just collide again); conflicts are retried here with jittered exponential backoff instead.
   * Any other error has already been rolled back by the SDK and is rethrown as is.
   */
  async transaction<R>(work: (tx: UntypedDocumentStore) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.runTransaction((transaction) => work(new TransactionView(transaction, this.command)), 0)
      } catch (error) {
        if (!isTransactionConflict(error) || attempt >= this.maxAttempts) throw error
        const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempt - 1))
        await this.sleep(Math.floor(this.random() * ceiling))
      }
    }
  }
}
