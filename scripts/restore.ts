/**
 * `npm run restore -- <file>`: put a backup made by `npm run backup -- <file>` back as the local
 * database (LOUZU_DB), after checking it (integrity, a Louzu database, not from a newer version).
 * Refused while a runtime has the database open; replacing a database that holds documents needs
 * `--force` (the replaced one is kept beside it as `<db>.before-restore-<time>`).
 * `npm run restore -- --cloudbase <dir>`: import a JSON export into an EMPTY CloudBase environment
 * (TCB_ENV_ID …); `--json <dir>` the same into an empty local database.
 * Exit codes: 0 done, 1 refused or failed, 2 usage. See docs/OPERATIONS.md, "Backups".
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeSummary } from './backup'
import {
  ALL_COLLECTIONS,
  cloudbaseTarget,
  KNOWN_SCHEMA_VERSION,
  localDatabaseFile,
  localStoreTarget,
  MissingSettings,
  type Environment,
  type StoreTarget,
} from './lib/backup-targets'
import { isEntryPoint } from './lib/entry'
import { restoreMedia } from './lib/media-backup'
import { importCollections } from './lib/json-backup'
import { untypedStore } from '../cloudfunctions/core/shared/document-store'
import { BackupRefused, databaseInUse, restoreDatabase } from './lib/sqlite-backup'

const USAGE = `usage:
  npm run restore -- <file> [--force]    put a database backup back as the local database (LOUZU_DB)
  npm run restore -- --cloudbase <dir>   import a JSON export into an empty CloudBase environment
  npm run restore -- --json <dir>        import a JSON export into an empty local database`

export async function restore(argv: readonly string[], env: Environment = process.env): Promise<number> {
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
  if (
    positionals.length !== 1 ||
    (values.cloudbase && values.json) ||
    (values.force && (values.cloudbase || values.json))
  ) {
    console.error(
      values.force
        ? `--force is only for a database file: a JSON import goes into an empty environment only\n${USAGE}`
        : USAGE,
    )
    return 2
  }
  const source = path.resolve(positionals[0] ?? '')
  try {
    if (!values.cloudbase && !values.json) {
      const target = localDatabaseFile(env)
      const { restored, previous } = await restoreDatabase(source, target, {
        force: values.force,
        knownSchemaVersion: KNOWN_SCHEMA_VERSION,
      })
      console.log(`restored ${source}\n      as ${target} (mode 0600)\n  ${describeSummary(restored)}`)
      if (restored.schemaVersion < KNOWN_SCHEMA_VERSION)
        console.log(
          `  database version ${restored.schemaVersion} → ${KNOWN_SCHEMA_VERSION}: the next start applies the migrations`,
        )
      if (previous)
        console.log(
          `the database it replaced is kept as ${previous} (mode 0600): delete it once the restore is checked`,
        )
      const media = restoreMedia(source, target)
      if (media.restored) console.log(`  photos and voice: ${media.restored.files} files restored`)
      else console.log('  this backup has no photos and voice files (no .media folder beside it): media/ left as it is')
      if (media.previous) console.log(`the media it replaced are kept as ${media.previous}: delete them once checked`)
      return 0
    }
    let target: StoreTarget
    if (values.cloudbase) target = cloudbaseTarget(env)
    else {
      const file = localDatabaseFile(env)
      if (fs.existsSync(file) && databaseInUse(file))
        throw new BackupRefused(
          `数据库正在被使用（楼组一片天还在运行）。请先停止它 / ${file} is open in a running runtime: stop it first`,
        )
      target = localStoreTarget(file)
    }
    try {
      console.log(`importing ${source} into ${target.name}`)
      const manifest = await importCollections(untypedStore(target.store), ALL_COLLECTIONS, source, {
        progress: (line) => console.log(line),
      })
      const total = manifest.collections.reduce((sum, entry) => sum + entry.documents, 0)
      console.log(
        `done: ${total} documents in ${manifest.collections.length} collections, from ${manifest.source} of ${manifest.createdAt}`,
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
      console.error(`没有恢复 / not restored: ${error.message}`)
      return 1
    }
    console.error(`恢复失败 / restore failed: ${(error as Error).stack ?? error}`)
    return 1
  }
}

if (isEntryPoint(__filename)) {
  restore(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`restore failed to run: ${error instanceof Error ? error.stack : String(error)}`)
      process.exit(1)
    },
  )
}
