import * as tcb from '@cloudbase/node-sdk'
import type { CloudDatabase } from './cloudbase-database'
import { CloudbaseDocumentStore, type CloudbaseStoreOptions } from './cloudbase-document-store'

export type CloudbaseApp = ReturnType<typeof tcb.init>

export interface CloudbaseAppConfig {
  /** Environment id; omitted inside a cloud function, where the function's own environment is used. */
  env?: string
  /** Omitted inside a cloud function: the platform provides TENCENTCLOUD_SECRETID/SECRETKEY/SESSIONTOKEN. */
  secretId?: string
  secretKey?: string
  /** Tests point this at a local capture server; never set in production. */
  serviceUrl?: string
  /** Region of the environment when not running inside it (e.g. ap-shanghai). */
  region?: string
  timeout?: number
  keepalive?: boolean
}

/** The node-sdk app. Inside a function the SDK reads the caller context and credentials from the platform. */
export function initCloudbaseApp(config: CloudbaseAppConfig = {}): CloudbaseApp {
  const { env, ...rest } = config
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined))
  return tcb.init({ env: env ?? tcb.SYMBOL_CURRENT_ENV, ...defined })
}

/** The document store over an app's database. */
export function cloudbaseDocumentStore(app: CloudbaseApp, options?: CloudbaseStoreOptions): CloudbaseDocumentStore {
  // The SDK's database typings are mostly `any`; CloudDatabase documents the part we use.
  return new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase, options)
}
