import { Mutex } from 'async-mutex'
import type { Database, Statement } from 'better-sqlite3'
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
  type RangeCondition,
  type Scalar,
} from '../../core/shared/document-store'
import { applyPatch } from '../../core/shared/patch'
import { fieldExpression, tableName } from './sql-names'
import { firstOf } from '../../core/shared/lists'

type SqlValue = string | number | null

function toSql(value: Scalar): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

function whereClause(filter: Filter): { sql: string; params: SqlValue[] } {
  const parts: string[] = []
  const params: SqlValue[] = []
  for (const [path, expected] of Object.entries(filter)) {
    const field = fieldExpression(path)
    if (expected === null || typeof expected !== 'object') {
      if (expected === null) parts.push(`${field} IS NULL`)
      else {
        parts.push(`${field} = ?`)
        params.push(toSql(expected))
      }
      continue
    }
    const condition = expected as RangeCondition
    const ops: Array<[keyof RangeCondition, string]> = [
      ['$gt', '>'],
      ['$gte', '>='],
      ['$lt', '<'],
      ['$lte', '<='],
    ]
    for (const [key, op] of ops) {
      const bound = condition[key] as Scalar | undefined
      if (bound === undefined) continue
      parts.push(`${field} ${op} ?`)
      params.push(toSql(bound))
    }
    if (condition.$ne !== undefined) {
      parts.push(condition.$ne === null ? `${field} IS NOT NULL` : `${field} IS NOT ?`)
      if (condition.$ne !== null) params.push(toSql(condition.$ne))
    }
    if (condition.$in !== undefined) {
      const values = condition.$in
      if (values.length === 0) parts.push('0')
      else {
        const nonNull = values.filter((v) => v !== null)
        const alternatives: string[] = []
        if (nonNull.length) alternatives.push(`${field} IN (${nonNull.map(() => '?').join(', ')})`)
        if (nonNull.length !== values.length) alternatives.push(`${field} IS NULL`)
        parts.push(alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : firstOf(alternatives))
        params.push(...nonNull.map(toSql))
      }
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

function orderClause(options: FindOptions | undefined): string {
  const orderBy = options?.orderBy ?? []
  const terms = orderBy.map(([path, dir]) => `${fieldExpression(path)} ${dir === 'desc' ? 'DESC' : 'ASC'}`)
  // A stable tiebreak, so pages never shuffle equal keys.
  if (!orderBy.some(([path]) => path === '_id')) terms.push('id ASC')
  return `ORDER BY ${terms.join(', ')}`
}

function limitOf(options: FindOptions | undefined): number {
  return Math.min(Math.max(options?.limit ?? DEFAULT_FIND_LIMIT, 0), MAX_FIND_LIMIT)
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * Synchronous operations on one connection. better-sqlite3 is synchronous; the async store
 * below wraps these and keeps concurrent callers out of an open transaction.
 */
class SqliteOperations {
  private readonly statements = new Map<string, Statement>()

  constructor(readonly db: Database) {}

  private statement(sql: string): Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.db.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  get<T extends Doc>(collection: string, id: string): T | null {
    const row = this.statement(`SELECT doc FROM ${tableName(collection)} WHERE id = ?`).get(id) as
      { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as T) : null
  }

  getMany<T extends Doc>(collection: string, ids: readonly string[]): T[] {
    const unique = [...new Set(ids)]
    const docs: T[] = []
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      const rows = this.db
        .prepare(`SELECT doc FROM ${tableName(collection)} WHERE id IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as Array<{ doc: string }>
      for (const row of rows) docs.push(JSON.parse(row.doc) as T)
    }
    return docs
  }

  insert<T extends Doc>(collection: string, doc: T): void {
    try {
      this.statement(`INSERT INTO ${tableName(collection)} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc))
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyError(collection, doc._id)
      throw error
    }
  }

  insertMany<T extends Doc>(collection: string, docs: readonly T[]): void {
    for (const doc of docs) this.insert(collection, doc)
  }

  put<T extends Doc>(collection: string, doc: T): void {
    try {
      this.statement(
        `INSERT INTO ${tableName(collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
      ).run(doc._id, JSON.stringify(doc))
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyError(collection, doc._id)
      throw error
    }
  }

  private write(collection: string, doc: Doc): void {
    try {
      this.statement(`UPDATE ${tableName(collection)} SET doc = ? WHERE id = ?`).run(JSON.stringify(doc), doc._id)
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyError(collection, doc._id)
      throw error
    }
  }

  update(collection: string, id: string, patch: Patch): boolean {
    const doc = this.get(collection, id)
    if (!doc) return false
    this.write(collection, applyPatch(doc, patch))
    return true
  }

  updateWhere(collection: string, filter: Filter, patch: Patch): number {
    const { sql, params } = whereClause(filter)
    const rows = this.statement(`SELECT doc FROM ${tableName(collection)} ${sql}`).all(...params) as Array<{
      doc: string
    }>
    for (const row of rows) this.write(collection, applyPatch(JSON.parse(row.doc) as Doc, patch))
    return rows.length
  }

  delete(collection: string, id: string): boolean {
    return this.statement(`DELETE FROM ${tableName(collection)} WHERE id = ?`).run(id).changes > 0
  }

  deleteWhere(collection: string, filter: Filter): number {
    const { sql, params } = whereClause(filter)
    return this.statement(`DELETE FROM ${tableName(collection)} ${sql}`).run(...params).changes
  }

  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): T[] {
    const { sql, params } = whereClause(filter)
    const query = `SELECT doc FROM ${tableName(collection)} ${sql} ${orderClause(options)} LIMIT ? OFFSET ?`
    const rows = this.statement(query).all(...params, limitOf(options), options?.skip ?? 0) as Array<{ doc: string }>
    return rows.map((row) => JSON.parse(row.doc) as T)
  }

  count(collection: string, filter: Filter): number {
    const { sql, params } = whereClause(filter)
    const row = this.statement(`SELECT COUNT(*) AS n FROM ${tableName(collection)} ${sql}`).get(...params) as {
      n: number
    }
    return row.n
  }
}

/**
 * Queries are refused inside a transaction here exactly as on CloudBase, whose transactions run
 * only by-id operations: SQLite could run them, and code relying on that would pass every local
 * test and misbehave in production (a query there would run outside the transaction).
 */
function notInTransaction(operation: string): Error {
  return new Error(
    `${operation} cannot run inside a transaction: as on CloudBase, transactions support only by-id operations ` +
      '(get, getMany, insert, insertMany, put, update, delete). Run the query before the transaction and re-check by id inside it.',
  )
}

/** A view of the store inside an open transaction: runs at once, never waits for itself. */
class TransactionView implements DocumentStore, UntypedDocumentStore {
  constructor(private readonly ops: SqliteOperations) {}
  async get<T extends Doc>(c: string, id: string) {
    return this.ops.get<T>(c, id)
  }
  async getMany<T extends Doc>(c: string, ids: readonly string[]) {
    return this.ops.getMany<T>(c, ids)
  }
  async insert<T extends Doc>(c: string, doc: T) {
    this.ops.insert(c, doc)
  }
  async insertMany<T extends Doc>(c: string, docs: readonly T[]) {
    this.ops.insertMany(c, docs)
  }
  async put<T extends Doc>(c: string, doc: T) {
    this.ops.put(c, doc)
  }
  async update(c: string, id: string, patch: Patch) {
    return this.ops.update(c, id, patch)
  }
  async delete(c: string, id: string) {
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
    return work(this) // already atomic: nested work joins the open transaction
  }
}

/**
 * DocumentStore on SQLite. One connection; transactions are serialised in arrival order, and
 * any operation that arrives while a transaction is open waits for it, so nothing outside the
 * transaction can slip into it (or be rolled back with it).
 */
export class SqliteDocumentStore implements DocumentStore, UntypedDocumentStore {
  private readonly ops: SqliteOperations
  private readonly view: TransactionView
  /** Held by the transaction in progress; the next ones queue for it in arrival order. */
  private readonly transactions = new Mutex()

  constructor(readonly db: Database) {
    this.ops = new SqliteOperations(db)
    this.view = new TransactionView(this.ops)
  }

  /** Operations are synchronous: once no transaction holds the lock, none can begin before `run` ends. */
  private async outside<R>(run: () => R): Promise<R> {
    while (this.transactions.isLocked()) await this.transactions.waitForUnlock()
    return run()
  }

  get<T extends Doc>(c: string, id: string) {
    return this.outside(() => this.ops.get<T>(c, id))
  }
  getMany<T extends Doc>(c: string, ids: readonly string[]) {
    return this.outside(() => this.ops.getMany<T>(c, ids))
  }
  insert<T extends Doc>(c: string, doc: T) {
    return this.outside(() => this.ops.insert(c, doc))
  }
  insertMany<T extends Doc>(c: string, docs: readonly T[]) {
    return this.outside(() => this.atomically(() => this.ops.insertMany(c, docs)))
  }
  put<T extends Doc>(c: string, doc: T) {
    return this.outside(() => this.ops.put(c, doc))
  }
  update(c: string, id: string, patch: Patch) {
    return this.outside(() => this.atomically(() => this.ops.update(c, id, patch)))
  }
  updateWhere(c: string, f: Filter, patch: Patch) {
    return this.outside(() => this.atomically(() => this.ops.updateWhere(c, f, patch)))
  }
  delete(c: string, id: string) {
    return this.outside(() => this.ops.delete(c, id))
  }
  deleteWhere(c: string, f: Filter) {
    return this.outside(() => this.ops.deleteWhere(c, f))
  }
  find<T extends Doc>(c: string, f: Filter, o?: FindOptions) {
    return this.outside(() => this.ops.find<T>(c, f, o))
  }
  count(c: string, f: Filter) {
    return this.outside(() => this.ops.count(c, f))
  }

  /**
   * A raw read on the connection (e.g. a full-text query), run like the store's own reads: after
   * any open transaction, so it never sees uncommitted writes.
   */
  read<R>(run: (db: Database) => R): Promise<R> {
    return this.outside(() => run(this.db))
  }

  /**
   * After an erasure: fold the write-ahead log into the file and truncate it, so the old page
   * images that still hold erased text leave the disk (secure_delete has zeroed them in the file).
   */
  purge(): Promise<void> {
    return this.outside(() => {
      this.db.pragma('wal_checkpoint(TRUNCATE)')
    })
  }

  /** Read-modify-write in one synchronous SQLite transaction. */
  private atomically<R>(run: () => R): R {
    return this.db.transaction(run).immediate()
  }

  transaction<R>(work: (tx: UntypedDocumentStore) => Promise<R>): Promise<R> {
    return this.transactions.runExclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(this.view)
        this.db.exec('COMMIT')
        return result
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK')
        throw error
      }
    })
  }
}
