/**
 * Backups of the local database (one SQLite file) that are safe while the runtime is serving,
 * and restores that check what they put back. Used by scripts/backup.ts and scripts/restore.ts.
 */
import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { restrictDatabaseFiles } from '../../cloudfunctions/adapters/sqlite/schema'

export class BackupRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupRefused'
  }
}

export interface DatabaseSummary {
  /** Highest migration applied (0 when none). */
  schemaVersion: number
  /** Documents per collection (tables named c_<collection>). */
  documents: Record<string, number>
  bytes: number
}

/**
 * An empty file readable by its owner only, for SQLite to copy into: backups hold everything, and
 * SQLite gives its journal files the mode of the database file.
 */
function ownerOnlyFile(file: string): void {
  fs.writeFileSync(file, '', { mode: 0o600 })
  fs.chmodSync(file, 0o600)
}

function fsyncDirectory(file: string): void {
  const dir = fs.openSync(path.dirname(path.resolve(file)), 'r')
  try {
    fs.fsyncSync(dir)
  } finally {
    fs.closeSync(dir)
  }
}

function removeWithJournal(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}

/** What a database file holds, read without changing it. */
export function summarize(db: Database, file: string): DatabaseSummary {
  const hasMigrations = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get()
  const schemaVersion = hasMigrations
    ? ((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0)
    : 0
  const documents: Record<string, number> = {}
  for (const { name } of db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`)
    .all() as Array<{ name: string }>) {
    documents[name.slice(2)] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n
  }
  return { schemaVersion, documents, bytes: fs.statSync(file).size }
}

/** `PRAGMA integrity_check`: 'ok', or the first problems SQLite found. */
function integrityProblems(db: Database): string[] {
  const rows = db.pragma('integrity_check(20)', { simple: false }) as Array<{ integrity_check: string }>
  const found = rows.map((row) => row.integrity_check)
  return found.length === 1 && found[0] === 'ok' ? [] : found
}

/**
 * Copy `source` (the live database) to `destination` with SQLite's online backup, while the
 * runtime may be writing. All pages are copied in one step, under one read transaction of the
 * write-ahead log, so the copy is the database as of one moment and a concurrent write neither
 * blocks it nor restarts it. The copy is written beside the destination, checked, made a single
 * self-contained file (no -wal), given mode 0600, and only then renamed into place.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: { force?: boolean } = {},
): Promise<DatabaseSummary> {
  if (!fs.existsSync(source))
    throw new BackupRefused(`没有找到数据库 ${source}（用 LOUZU_DB 指定它）/ no database at ${source}`)
  if (path.resolve(source) === path.resolve(destination))
    throw new BackupRefused('备份文件不能是数据库本身 / the backup cannot be the database itself')
  if (fs.existsSync(destination) && !options.force)
    throw new BackupRefused(
      `${destination} 已经存在；要覆盖请加 --force / ${destination} exists; add --force to replace it`,
    )
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true, mode: 0o700 })
  const partial = `${destination}.partial`
  removeWithJournal(partial)

  const live = new BetterSqlite3(source, { fileMustExist: true })
  try {
    live.pragma('busy_timeout = 5000')
    ownerOnlyFile(partial)
    await live.backup(partial, { progress: () => 0x7fffffff })
  } finally {
    live.close()
  }

  const copy = new BetterSqlite3(partial)
  let summary: DatabaseSummary
  try {
    // A backup is one file: fold the copied write-ahead-log mode back into a rollback journal.
    copy.pragma('journal_mode = DELETE')
    const problems = integrityProblems(copy)
    if (problems.length) throw new Error(`the copy failed its integrity check: ${problems.join('; ')}`)
    summary = summarize(copy, partial)
  } finally {
    copy.close()
  }
  restrictDatabaseFiles(partial)
  fs.renameSync(partial, destination)
  fsyncDirectory(destination)
  return { ...summary, bytes: fs.statSync(destination).size }
}

/**
 * Whether a process (the runtime) has the database open. A connection that asks for an exclusive
 * lock without waiting is refused while any other connection holds the file in WAL mode; the
 * operating system drops those locks when a process dies, so a crashed runtime does not count.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false
  const probe = new BetterSqlite3(file, { fileMustExist: true })
  try {
    probe.pragma('busy_timeout = 0')
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('BEGIN EXCLUSIVE')
    probe.exec('COMMIT')
    return false
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED')
      return true
    throw error
  } finally {
    probe.close()
  }
}

export interface BackupCheck {
  summary: DatabaseSummary
}

/**
 * A backup fit to restore: a SQLite file that passes its integrity check, is a Louzu database
 * (migrations table, collection tables) and was not made by a newer version than this one.
 */
export function checkBackup(file: string, knownSchemaVersion: number): BackupCheck {
  if (!fs.existsSync(file)) throw new BackupRefused(`没有找到备份文件 ${file} / no backup at ${file}`)
  let db: Database
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get()
  } catch (error) {
    throw new BackupRefused(`${file} 不是可用的数据库备份（${(error as Error).message}）/ not a SQLite database`)
  }
  try {
    const problems = integrityProblems(db)
    if (problems.length)
      throw new BackupRefused(
        `备份文件已损坏，没有恢复 / the backup failed its integrity check: ${problems.join('; ')}`,
      )
    const hasMigrations = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
      .get()
    const summary = summarize(db, file)
    if (!hasMigrations || Object.keys(summary.documents).length === 0)
      throw new BackupRefused(
        `${file} 不是楼组一片天的数据库备份 / not a Louzu database (no schema_migrations or collections)`,
      )
    if (summary.schemaVersion > knownSchemaVersion) {
      throw new BackupRefused(
        `这份备份来自更新的版本（数据库版本 ${summary.schemaVersion}，本程序只认识到 ${knownSchemaVersion}），请先升级程序再恢复 / made by a newer version (schema ${summary.schemaVersion} > ${knownSchemaVersion}): upgrade first`,
      )
    }
    return { summary }
  } finally {
    db.close()
  }
}

export interface RestoreResult {
  restored: DatabaseSummary
  /** Where the database that was replaced now is (null when there was none). */
  previous: string | null
}

/**
 * Put a backup in place of the local database. Refused while a runtime holds the database (a
 * file swapped under a running process would be overwritten by it, or split from its log), and —
 * when a database with documents is there — unless `force`. The replaced database is kept beside
 * it, 0600, as `<db>.before-restore-<time>`; the backup is copied (never moved) and checked again.
 */
export async function restoreDatabase(
  backup: string,
  target: string,
  options: { force?: boolean; knownSchemaVersion: number; now?: Date },
): Promise<RestoreResult> {
  if (path.resolve(backup) === path.resolve(target))
    throw new BackupRefused('备份文件就是数据库本身 / the backup is the database itself')
  checkBackup(backup, options.knownSchemaVersion)
  if (databaseInUse(target)) {
    throw new BackupRefused(
      `数据库正在被使用（楼组一片天还在运行）。请先停止它（Ctrl-C），再恢复 / ${target} is open in a running runtime: stop it first`,
    )
  }
  const exists = fs.existsSync(target)
  if (exists && !options.force) {
    const current = new BetterSqlite3(target, { fileMustExist: true })
    let documents = 0
    try {
      documents = Object.values(summarize(current, target).documents).reduce((a, b) => a + b, 0)
    } finally {
      current.close()
    }
    if (documents > 0)
      throw new BackupRefused(
        `${target} 里已有数据（${documents} 条），恢复会替换它。确定的话请加 --force / ${target} holds ${documents} documents: add --force to replace it`,
      )
  }

  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 })
  const incoming = `${target}.restoring`
  removeWithJournal(incoming)
  // Through SQLite, not a file copy: a backup left in WAL mode with its -wal beside it comes whole.
  const source = new BetterSqlite3(backup, { readonly: true, fileMustExist: true })
  try {
    ownerOnlyFile(incoming)
    await source.backup(incoming, { progress: () => 0x7fffffff })
  } finally {
    source.close()
  }
  const copy = new BetterSqlite3(incoming)
  let restored: DatabaseSummary
  try {
    copy.pragma('journal_mode = WAL')
    const problems = integrityProblems(copy)
    if (problems.length) throw new Error(`the restored copy failed its integrity check: ${problems.join('; ')}`)
    copy.pragma('wal_checkpoint(TRUNCATE)')
    restored = summarize(copy, incoming)
  } finally {
    copy.close()
  }
  restrictDatabaseFiles(incoming)

  let previous: string | null = null
  if (exists) {
    // Fold the current database's log into it, so that the kept file is whole on its own.
    const current = new BetterSqlite3(target, { fileMustExist: true })
    try {
      current.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      current.close()
    }
    previous = `${target}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`
    fs.renameSync(target, previous)
    restrictDatabaseFiles(previous)
  }
  // The old database's journal files must never be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true })
  fs.renameSync(incoming, target)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(incoming + suffix, { force: true })
  fsyncDirectory(target)
  return { restored: { ...restored, bytes: fs.statSync(target).size }, previous }
}
