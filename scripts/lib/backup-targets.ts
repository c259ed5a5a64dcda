/**
 * Where `npm run backup` / `npm run restore` read and write: the local database (LOUZU_DB) or a
 * CloudBase environment (TCB_ENV_ID with TCB_SECRET_ID / TCB_SECRET_KEY, as for the deploy).
 */
import path from 'node:path'
import { cloudbaseDocumentStore, initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { LOCAL_COLLECTIONS } from '../../cloudfunctions/adapters/local/local-wechat-messenger'
import { MIGRATIONS } from '../../cloudfunctions/adapters/sqlite/migrations'
import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { DocumentStore } from '../../cloudfunctions/core/shared/document-store'

/** The newest database version this code knows: a backup from a newer one is not restored. */
export const KNOWN_SCHEMA_VERSION = Math.max(0, ...MIGRATIONS.map((migration) => migration.version))

/** The settings read (process.env, or a test's own). */
export type Environment = Readonly<Record<string, string | undefined>>

export const ROOT = path.resolve(__dirname, '..', '..')

export function localDatabaseFile(env: Environment): string {
  return path.resolve(env.LOUZU_DB ?? path.join(ROOT, '.data', 'louzu.db'))
}

export interface StoreTarget {
  store: DocumentStore
  /** For the manifest and the messages: `cloudbase:<env>` or `local:<file>`. */
  name: string
  close(): void
}

const REQUIRED = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const

export class MissingSettings extends Error {}

export function cloudbaseTarget(env: Environment): StoreTarget {
  const missing = REQUIRED.filter((key) => !env[key])
  if (missing.length)
    throw new MissingSettings(
      `缺少环境变量 / missing: ${missing.join(', ')} — the same settings as npm run deploy (docs/DEPLOY.md)`,
    )
  const app = initCloudbaseApp({
    env: env.TCB_ENV_ID,
    secretId: env.TCB_SECRET_ID,
    secretKey: env.TCB_SECRET_KEY,
    region: env.TCB_REGION,
    // Test hook, as in the deploy and the smoke check: a local stand-in for CloudBase.
    serviceUrl: env.LOUZU_TCB_SERVICE_URL || undefined,
  })
  return { store: cloudbaseDocumentStore(app), name: `cloudbase:${env.TCB_ENV_ID}`, close: () => undefined }
}

/** The local database through the same port (created, with its tables, if missing). */
export function localStoreTarget(file: string): StoreTarget {
  const db = openDatabase({ file, collections: [...ALL_COLLECTIONS, ...LOCAL_COLLECTIONS], migrations: MIGRATIONS })
  return { store: new SqliteDocumentStore(db), name: `local:${file}`, close: () => db.close() }
}

export { ALL_COLLECTIONS }
