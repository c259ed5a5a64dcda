/**
 * `npm run smoke` (and `npm run deploy -- --smoke`): is the deployed product usable? Against the
 * CloudBase environment in TCB_ENV_ID (with TCB_SECRET_ID / TCB_SECRET_KEY, as for the deploy):
 *
 *   1. every deployed function answers `ping` (contracts/ping.ts): deployed, its database reachable,
 *      and — for functions that store text — WeChat's msgSecCheck on a harmless sentence, which
 *      shows whether the function has its openapi permission;
 *   2. the `messages` security rule as deployed lets a member with a watch lease in and keeps a
 *      non-member and an expired lease out.
 *
 * Prints a table and, for each failure, what to do. Exit codes: 0 all passed, 1 something failed,
 * 2 credentials missing. Options: --openid <an openid that opened the mini-program in the last two
 * hours> (msgSecCheck then checks a full pass).
 */
import { parseArgs } from 'node:util'
import { initCloudbaseApp } from '../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { SCHEDULED_TASKS } from '../cloudfunctions/functions/tasks'
import { isEntryPoint } from './lib/entry'
import { discoverFunctions } from './lib/function-config'
import { renderSmoke, pingRows, watchRuleRows, type SmokeRow } from './lib/smoke-checks'
import { createCloudApiClient } from './lib/tencentcloud-api'

const TCB = ['tcb', '2018-06-08'] as const
const REQUIRED = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const

interface CallableApp {
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>
}

async function callPing(
  app: CallableApp,
  name: string,
  data: Record<string, unknown>,
): Promise<{ reply?: unknown; error?: string }> {
  try {
    const { result } = await app.callFunction({ name, data: { action: 'ping', data } })
    return { reply: result }
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string }
    return { error: `${code ? `${code}: ` : ''}${message ?? String(error)}`.slice(0, 200) }
  }
}

export async function smoke(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): Promise<number> {
  const missing = REQUIRED.filter((key) => !env[key])
  if (missing.length) {
    console.error(
      `缺少环境变量 / missing: ${missing.join(', ')} — the smoke check calls the deployed environment with the deploy's keys (docs/OPERATIONS.md, "Smoke check")`,
    )
    return 2
  }
  const { openid } = parseArgs({ args: argv, options: { openid: { type: 'string' } } }).values
  const envId = env.TCB_ENV_ID as string
  const secretId = env.TCB_SECRET_ID as string
  const secretKey = env.TCB_SECRET_KEY as string
  // Test hooks, as in the deploy: local stand-ins for CloudBase and the TencentCloud API.
  const serviceUrl = env.LOUZU_TCB_SERVICE_URL || undefined
  const apiBase = env.LOUZU_TENCENTCLOUD_API
  const app = initCloudbaseApp({
    env: envId,
    secretId,
    secretKey,
    region: env.TCB_REGION,
    serviceUrl,
  }) as unknown as CallableApp
  const api = createCloudApiClient({
    credentials: { secretId, secretKey },
    region: env.TCB_REGION || 'ap-shanghai',
    ...(apiBase ? { localApi: apiBase } : {}),
  })

  console.log(`楼组一片天 smoke check: ${envId}`)
  const rows: SmokeRow[] = []
  const functions = discoverFunctions()
  // One at a time: the table reads in order, and a dozen calls take a few seconds.
  for (const name of functions) {
    const task = SCHEDULED_TASKS.includes(name)
    const answer = await callPing(app, name, task ? {} : { contentCheck: true, ...(openid ? { openid } : {}) })
    rows.push(...pingRows(name, answer, !task))
  }
  try {
    const rule = await api.call<{ AclTag?: string; Rule?: string }>(...TCB, 'DescribeSafeRule', {
      EnvId: envId,
      CollectionName: 'messages',
    })
    rows.push(...watchRuleRows({ aclTag: rule.AclTag ?? '(none)', rule: rule.Rule }, now()))
  } catch (error) {
    rows.push({
      check: 'messages rule',
      ok: false,
      detail: (error as Error).message.slice(0, 200),
      fix: 'check TCB_ENV_ID and that the key may read the environment (QcloudTCBFullAccess), then npm run deploy',
    })
  }
  console.log(renderSmoke(rows))
  return rows.every((row) => row.ok) ? 0 : 1
}

if (isEntryPoint(__filename)) {
  smoke(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error) => {
      console.error(`smoke check failed to run: ${error instanceof Error ? error.stack : String(error)}`)
      process.exitCode = 1
    })
}
