import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import type { CollectionSpec, IndexSpec } from '../../core/shared/collections'
import { fieldExpression, tableName } from './sql-names'

function indexSql(collection: string, index: IndexSpec): { name: string; sql: string } {
  const name = `ix_${collection}_${index.name}`
  const columns = index.fields
    .map(([field, dir]) => `${fieldExpression(field)}${dir === 'desc' ? ' DESC' : ''}`)
    .join(', ')
  return {
    name,
    sql: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX "${name}" ON ${tableName(collection)} (${columns})`,
  }
}

/**
 * A versioned change to data already stored (renaming a field, backfilling a value). Tables and
 * indexes themselves follow the declarations and need no migration.
 */
export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** Create missing tables, create new indexes, rebuild indexes whose definition changed. */
export function ensureCollections(db: Database, specs: readonly CollectionSpec[]): void {
  const existing = new Map(
    (
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'`).all() as Array<{
        name: string
        sql: string
      }>
    ).map((row) => [row.name, row.sql]),
  )
  db.transaction(() => {
    for (const spec of specs) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${tableName(spec.name)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
      for (const index of spec.indexes) {
        const { name, sql } = indexSql(spec.name, index)
        const current = existing.get(name)
        if (current === sql) continue
        if (current !== undefined) db.exec(`DROP INDEX "${name}"`)
        db.exec(sql)
      }
    }
  })()
}

export function runMigrations(db: Database, migrations: readonly Migration[]): number[] {
  db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
  )
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  )
  const ran: number[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      migration.up(db)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      )
    })()
    ran.push(migration.version)
  }
  return ran
}

export interface OpenOptions {
  /** File path, or ':memory:' for tests. */
  file: string
  collections: readonly CollectionSpec[]
  migrations?: readonly Migration[]
}

/**
 * Open (creating if needed) the database: WAL so readers never block the writer, and
 * synchronous=FULL so a write acknowledged to a client survives a crash or power cut.
 */
/** Run `open` with a umask that leaves new files readable by their owner only (where the process may set one). */
function ownerOnly<R>(open: () => R): R {
  let previous: number | null = null
  try {
    previous = process.umask(0o077)
  } catch {
    // Worker threads may not change the umask; the chmod after opening still applies.
  }
  try {
    return open()
  } finally {
    if (previous !== null) process.umask(previous)
  }
}

/** The database and its journal hold people's private words: owner only, also for files made by earlier versions. */
export function restrictDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      fs.chmodSync(file + suffix, 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

export function openDatabase({ file, collections, migrations = [] }: OpenOptions): Database {
  const onDisk = file !== ':memory:'
  if (onDisk) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 })
  const db = ownerOnly(() => {
    const opened = new BetterSqlite3(file)
    opened.pragma('journal_mode = WAL')
    return opened
  })
  if (onDisk) restrictDatabaseFiles(file)
  // Deleted content is overwritten with zeros, so an erased question is not left in free pages.
  db.pragma('secure_delete = ON')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  ensureCollections(db, collections)
  runMigrations(db, migrations)
  return db
}
