/**
 * `npm run backup -- <file>`: a consistent copy of the local database (LOUZU_DB, default
 * .data/louzu.db), safe while the runtime is serving (SQLite's online backup), and its photos and
 * voice files (`media/chat`) to `<file>.media/`.
 * `npm run backup -- --cloudbase <dir>`: every collection of the CloudBase environment in
 * TCB_ENV_ID (TCB_SECRET_ID / TCB_SECRET_KEY) to JSON files, paged.
 * `npm run backup -- --json <dir>`: the same JSON export from the local database (e.g. to move
 * to CloudBase with `npm run restore -- --cloudbase <dir>`).
 * `--force` replaces an existing backup. Exit codes: 0 done, 1 refused or failed, 2 usage.
 * See docs/OPERATIONS.md, "Backups".
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isEntryPoint } from './lib/entry'
import { exportCollections } from './lib/json-backup'
import { untypedStore } from '../cloudfunctions/core/shared/document-store'
import { backupMedia, backupMediaDirOf } from './lib/media-backup'
import {
  ALL_COLLECTIONS,
  cloudbaseTarget,
  localDatabaseFile,
  localStoreTarget,
  MissingSettings,
  type Environment,
  type StoreTarget,
} from './lib/backup-targets'
import { backupDatabase, BackupRefused, type DatabaseSummary } from './lib/sqlite-backup'

const USAGE = `usage:
  npm run backup -- <file>              copy the local database (LOUZU_DB) to <file>
  npm run backup -- --cloudbase <dir>   export every CloudBase collection to <dir>/*.json
  npm run backup -- --json <dir>        export every local collection to <dir>/*.json
  add --force to replace an existing backup`

export function describeSummary(summary: DatabaseSummary): string {
  const total = Object.values(summary.documents).reduce((a, b) => a + b, 0)
  const people = summary.documents.users ?? 0
  return `${total} documents (${people} accounts) in ${Object.keys(summary.documents).length} collections, database version ${summary.schemaVersion}, ${(summary.bytes / 1024).toFixed(0)} KB`
}

export async function backup(argv: readonly string[], env: Environment = process.env): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        cloudbase: { type: 'boolean' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const [target] = positionals
  if (target === undefined || positionals.length !== 1 || (values.cloudbase && values.json)) {
    console.error(USAGE)
    return 2
  }
  const destination = path.resolve(target)
  try {
    if (!values.cloudbase && !values.json) {
      const source = localDatabaseFile(env)
      const summary = await backupDatabase(source, destination, { force: values.force })
      console.log(`backed up ${source}\n      to ${destination} (mode 0600)\n  ${describeSummary(summary)}`)
      const media = backupMedia(source, destination)
      if (media)
        console.log(
          `  photos and voice: ${media.files} files, ${(media.bytes / 1024 / 1024).toFixed(1)} MB in ${backupMediaDirOf(destination)}`,
        )
      return 0
    }
    let target: StoreTarget
    if (values.cloudbase) target = cloudbaseTarget(env)
    else {
      const file = localDatabaseFile(env)
      if (!fs.existsSync(file))
        throw new BackupRefused(`没有找到数据库 ${file}（用 LOUZU_DB 指定它）/ no database at ${file}`)
      target = localStoreTarget(file)
    }
    try {
      console.log(`exporting ${target.name} to ${destination}`)
      const manifest = await exportCollections(untypedStore(target.store), ALL_COLLECTIONS, destination, {
        source: target.name,
        force: values.force,
        progress: (line) => console.log(line),
      })
      const total = manifest.collections.reduce((sum, entry) => sum + entry.documents, 0)
      console.log(
        `done: ${total} documents in ${manifest.collections.length} collections (files 0600, ${path.join(destination, 'manifest.json')} lists them)`,
      )
      return 0
    } finally {
      target.close()
    }
  } catch (error) {
    if (error instanceof MissingSettings) {
      console.error(error.message)
      return 2
    }
    if (error instanceof BackupRefused) {
      console.error(`备份没有完成 / not backed up: ${error.message}`)
      return 1
    }
    console.error(`备份失败 / backup failed: ${(error as Error).stack ?? error}`)
    return 1
  }
}

if (isEntryPoint(__filename)) {
  backup(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`backup failed to run: ${error instanceof Error ? error.stack : String(error)}`)
      process.exit(1)
    },
  )
}
