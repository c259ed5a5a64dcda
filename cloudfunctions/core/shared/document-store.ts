/**
 * The storage port. Both adapters implement exactly this: SQLite (local, tests) and the
 * CloudBase document database (production). Keep it small; every method here must be
 * expressible on both.
 *
 * Portability rules the feature code follows:
 * - Documents are JSON objects with a string `_id`. Times are epoch milliseconds (numbers).
 * - Filters use equality, ranges, `$in` and `$ne` on top-level or dotted fields.
 * - Inside `transaction`, use only by-id operations (get/insert/set/update/delete): CloudBase
 *   transactions cannot run queries. SQLite allows more; do not rely on it.
 * - Uniqueness comes from deterministic `_id`s (e.g. `${eventId}:${userId}`) or declared
 *   unique indexes. A unique index on CloudBase treats a missing field as null, so never leave a
 *   uniquely indexed field unset on more than one document.
 * - `find` returns at most 1000 documents (CloudBase's server-side cap); page with range filters.
 */

import type { CollectionDocs, CollectionName } from '../store-schema'

export type Scalar = string | number | boolean | null
export type DocValue = Scalar | DocValue[] | { [key: string]: DocValue | undefined }

/** A stored document. Field values must be JSON (checked by the adapters' contract tests, not the type). */
export interface Doc {
  _id: string
  [field: string]: unknown
}

export interface RangeCondition {
  $gt?: Scalar
  $gte?: Scalar
  $lt?: Scalar
  $lte?: Scalar
  $ne?: Scalar
  $in?: Scalar[]
}

/** Field (dotted path allowed) → a value (equality) or conditions. All conditions must hold. */
export type Filter = Record<string, Scalar | RangeCondition>

export type SortDirection = 'asc' | 'desc'

export interface FindOptions {
  orderBy?: Array<[field: string, direction: SortDirection]>
  /** At most 1000; default 100 (CloudBase's defaults). */
  limit?: number
  skip?: number
}

/** A change to a document: fields to set (dotted paths allowed), to increment, to remove. */
export interface Patch {
  set?: Record<string, unknown>
  inc?: Record<string, number>
  unset?: string[]
}

export const MAX_FIND_LIMIT = 1000
export const DEFAULT_FIND_LIMIT = 100

/** Raised when an insert would break a unique `_id` or unique index. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`)
    this.name = 'DuplicateKeyError'
  }
}

/**
 * The port the features use, typed by the collection map (core/store-schema.ts): the collection
 * name picks the document type, so `store.get('messages', id)` answers a `MessageDoc | null` and a
 * name that is not in the map does not compile.
 */
export interface DocumentStore {
  get<K extends CollectionName>(collection: K, id: string): Promise<CollectionDocs[K] | null>
  /** Fetch several documents by id; missing ids are simply absent from the result. */
  getMany<K extends CollectionName>(collection: K, ids: readonly string[]): Promise<CollectionDocs[K][]>
  /** Insert a new document; throws DuplicateKeyError if its `_id` or a unique index clashes. */
  insert<K extends CollectionName>(collection: K, doc: CollectionDocs[K]): Promise<void>
  /**
   * Insert many new documents in as few round trips as the backend allows (one notification per
   * resident of the neighbourhood is thousands). SQLite: all or nothing. CloudBase: batches of
   * 500, a few in flight at once, each inserted in order; a clash stops its batch and what came
   * before it stays (a retry then meets DuplicateKeyError for what landed).
   */
  insertMany<K extends CollectionName>(collection: K, docs: readonly CollectionDocs[K][]): Promise<void>
  /** Create or replace the whole document. */
  put<K extends CollectionName>(collection: K, doc: CollectionDocs[K]): Promise<void>
  /** Apply a patch to one document; returns false when it does not exist. */
  update(collection: CollectionName, id: string, patch: Patch): Promise<boolean>
  /**
   * Apply a patch to every document matching `filter`, atomically per document; returns how many
   * matched. With `_id` in the filter this is a conditional update ("only if still …").
   */
  updateWhere(collection: CollectionName, filter: Filter, patch: Patch): Promise<number>
  delete(collection: CollectionName, id: string): Promise<boolean>
  deleteWhere(collection: CollectionName, filter: Filter): Promise<number>
  find<K extends CollectionName>(collection: K, filter: Filter, options?: FindOptions): Promise<CollectionDocs[K][]>
  count(collection: CollectionName, filter: Filter): Promise<number>
  /**
   * Run `work` atomically: all its writes land or none do. Concurrent transactions behave as if
   * run one after another. `work` may be retried on CloudBase when it conflicts, so keep it
   * free of side effects outside the store.
   */
  transaction<R>(work: (tx: DocumentStore) => Promise<R>): Promise<R>
}

/**
 * What the adapters (SQLite, CloudBase) implement: the same operations over any collection name,
 * the caller choosing the document type. It is assignable to `DocumentStore`; only code that
 * iterates every collection (backup, export, erasure) or a local-only collection uses it directly.
 */
export interface UntypedDocumentStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]>
  insert<T extends Doc>(collection: string, doc: T): Promise<void>
  insertMany<T extends Doc>(collection: string, docs: readonly T[]): Promise<void>
  put<T extends Doc>(collection: string, doc: T): Promise<void>
  update(collection: string, id: string, patch: Patch): Promise<boolean>
  updateWhere(collection: string, filter: Filter, patch: Patch): Promise<number>
  delete(collection: string, id: string): Promise<boolean>
  deleteWhere(collection: string, filter: Filter): Promise<number>
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>
  count(collection: string, filter: Filter): Promise<number>
  transaction<R>(work: (tx: UntypedDocumentStore) => Promise<R>): Promise<R>
}

/**
 * The same store without the collection map, for code that walks every collection by name
 * (export, erasure, backup) or keeps a local-only collection outside the product's map. Every
 * store is an adapter underneath, and the adapters take any name.
 */
export function untypedStore(store: DocumentStore): UntypedDocumentStore {
  return store as unknown as UntypedDocumentStore
}
