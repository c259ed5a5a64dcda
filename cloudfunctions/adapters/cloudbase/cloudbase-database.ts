/**
 * The slice of the CloudBase database API (`@cloudbase/node-sdk` 3.18 → `@cloudbase/database` 1.4)
 * that the document store uses, typed by hand: the SDK's own typings are mostly `any`, and a
 * narrow interface documents the reply shapes we rely on (read from the SDK source) and lets
 * tests hand in a fake.
 *
 * Reply shapes (node-sdk; wx-server-sdk differs and is not used for the database):
 * - `doc(id).get()` → `{ data: Doc[] }` outside a transaction, `{ data: Doc | null }` inside one.
 * - `where(q).get()` → `{ data: Doc[] }` (server cap 1000, default 100).
 * - `add(doc)` → `{ id }`; `doc(id).set(data)` → `{ updated, upsertedId }`;
 *   `doc(id).update(data)` / `where(q).update(data)` → `{ updated }` (documents *changed*);
 *   `remove()` → `{ deleted }`; `count()` → `{ total }`.
 * - Errors are thrown as `TcbError { code, message, requestId }`.
 */

/** An opaque query or update operator built by `db.command` (`_.gt(1)`, `_.inc(1)`, …). */
export type CloudOperator = object

export interface CloudQueryOperator extends CloudOperator {
  and(...others: CloudOperator[]): CloudQueryOperator
}

export interface CloudCommand {
  eq(value: unknown): CloudQueryOperator
  neq(value: unknown): CloudQueryOperator
  gt(value: unknown): CloudQueryOperator
  gte(value: unknown): CloudQueryOperator
  lt(value: unknown): CloudQueryOperator
  lte(value: unknown): CloudQueryOperator
  in(values: unknown[]): CloudQueryOperator
  /** Set a field to exactly this value (objects are replaced, not merged). */
  set(value: unknown): CloudOperator
  inc(amount: number): CloudOperator
  remove(): CloudOperator
}

export type CloudQueryObject = Record<string, unknown>
export type CloudUpdateObject = Record<string, unknown>

export interface CloudWriteResult {
  updated?: number
  deleted?: number | string
  id?: string
  requestId?: string
}

export interface CloudQuery {
  where(query: CloudQueryObject): CloudQuery
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery
  limit(limit: number): CloudQuery
  skip(offset: number): CloudQuery
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total?: number }>
  update(data: CloudUpdateObject): Promise<CloudWriteResult>
  remove(): Promise<CloudWriteResult>
}

export interface CloudDocumentRef {
  get(): Promise<{ data: unknown }>
  set(data: Record<string, unknown>): Promise<CloudWriteResult>
  update(data: CloudUpdateObject): Promise<CloudWriteResult>
  remove(): Promise<CloudWriteResult>
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocumentRef
  /** One document, or an array inserted by one request (node-sdk sends them together). */
  add(data: Record<string, unknown> | Array<Record<string, unknown>>): Promise<CloudWriteResult>
}

/** What `runTransaction` hands its callback: collections whose operations carry the transaction id. */
export interface CloudTransaction {
  collection(name: string): CloudCollection
}

export interface CloudDatabase {
  command: CloudCommand
  collection(name: string): CloudCollection
  /** Runs `callback` in a transaction, commits, retries `times` more on conflict, rolls back on throw. */
  runTransaction<R>(callback: (transaction: CloudTransaction) => Promise<R>, times?: number): Promise<R>
}
