import path from 'node:path'
import {
  cloudbaseDocumentStore,
  cloudbaseTextSearch,
  initCloudbaseApp,
} from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { databaseWatchRealtime } from '../../cloudfunctions/adapters/cloudbase/watch-realtime'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { createLogger } from '../../cloudfunctions/adapters/shared/logger'
import { createLocalCore } from '../../cloudfunctions/local-runtime'
import { StoreNotifier } from '../../cloudfunctions/core/notifications/store-notifier'
import { CloudMediaStorage, type CloudStorageApi } from '../../cloudfunctions/adapters/cloudbase/cloud-media-storage'
import { systemClock, type ContentCheck, type Deps, type MediaPorts } from '../../cloudfunctions/core/shared/ports'

/** Where an operator's script writes: the local database file, or a CloudBase environment. */
export interface ScriptTarget {
  deps: Deps
  /** For the report: `本地数据库 .data/louzu.db` or `CloudBase 环境 louzu-1a2b`. */
  describe: string
  kind: 'local' | 'cloudbase'
  close(): Promise<void>
}

/** Operator scripts store no text that people wrote; a content check is never needed there. */
const NO_CONTENT_CHECK: ContentCheck = {
  check: () => Promise.reject(new Error('operator scripts do not write user text')),
}

/** Operator scripts take in no photos; they may only delete stored ones (e.g. a removal's erasure). */
const NO_NEW_MEDIA: Pick<MediaPorts, 'images' | 'check'> = {
  images: { normalize: () => Promise.reject(new Error('operator scripts do not take in photos')) },
  check: { submit: () => Promise.reject(new Error('operator scripts do not take in photos')) },
}

/**
 * TCB_ENV_ID set → that CloudBase environment with TCB_SECRET_ID / TCB_SECRET_KEY (the deploy's
 * keys); otherwise the local database in LOUZU_DB (default .data/louzu.db), which a running
 * `npm start` may share (SQLite in WAL mode lets both write).
 */
export async function openScriptTarget(env: ScriptEnv, root: string): Promise<ScriptTarget> {
  const log = createLogger({ level: 'error' })
  if (env.TCB_ENV_ID) {
    const missing = ['TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((key) => !env[key])
    if (missing.length)
      throw new TargetError(
        `缺少环境变量 ${missing.join('、')}：写入 CloudBase 环境 ${env.TCB_ENV_ID} 需要部署用的密钥（docs/DEPLOY.md）`,
      )
    // LOUZU_TCB_SERVICE_URL: tests point the SDK at a local stand-in for CloudBase; never set in production.
    const app = initCloudbaseApp({
      env: env.TCB_ENV_ID,
      secretId: env.TCB_SECRET_ID,
      secretKey: env.TCB_SECRET_KEY,
      region: env.TCB_REGION,
      serviceUrl: env.LOUZU_TCB_SERVICE_URL || undefined,
    })
    const store = cloudbaseDocumentStore(app)
    const clock = systemClock
    const ids = createIdGenerator(() => clock.now())
    const deps: Deps = {
      store,
      clock,
      ids,
      contentCheck: NO_CONTENT_CHECK,
      notifier: new StoreNotifier({ store, clock, ids }),
      realtime: databaseWatchRealtime,
      search: cloudbaseTextSearch(app),
      log,
      media: { storage: new CloudMediaStorage(app as unknown as CloudStorageApi), ...NO_NEW_MEDIA },
    }
    return { deps, describe: `CloudBase 环境 ${env.TCB_ENV_ID}`, kind: 'cloudbase', close: async () => undefined }
  }
  const dbFile = env.LOUZU_DB || path.join(root, '.data', 'louzu.db')
  const core = await createLocalCore({ dbFile, seed: 'none', logLevel: 'error' })
  return {
    deps: { ...core.deps, contentCheck: NO_CONTENT_CHECK },
    describe: `本地数据库 ${dbFile}`,
    kind: 'local',
    close: async () => {
      core.media.check.close()
      core.db.close()
    },
  }
}

export class TargetError extends Error {
  override name = 'TargetError'
}

/** The environment variables a script reads (process.env, or a test's own). */
export type ScriptEnv = Readonly<Record<string, string | undefined>>
