/**
 * Deploy to a CloudBase environment: the database first (collections, indexes, security rules,
 * from the collection specs), then every built function (dist/cloudfunctions/<name>).
 *
 *   npm run deploy -- --dry-run          print the plan; needs no credentials, sends nothing
 *   npm run deploy                        deploy (TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY)
 *   npm run deploy -- --smoke             deploy, then call every function once (scripts/smoke.ts)
 *   options: --dist <dir> (built functions, default dist/cloudfunctions); --openid <openid> for --smoke
 *
 * Settings come from the shell or from .env / .env.production(.local), as for the mini-program
 * build (config/build-settings.ts). Before anything is sent, the deploy refuses to push empty
 * subscribe templates, or to drop a variable the functions have in the console (function-env.ts).
 *
 * Functions go through the CloudBase CLI (`tcb fn deploy`, npm i -g @cloudbase/cli); the database
 * through TencentCloud API 3.0 (flexdb CreateTable/UpdateTable, tcb ModifySafeRule), the same
 * calls the CLI's own manager library makes. Exit codes: 0 done, 1 failed, 2 configuration
 * missing or invalid, 3 CloudBase CLI not installed. See docs/DEPLOY.md.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ALL_COLLECTIONS } from '../cloudfunctions/core/collections'
import { isEntryPoint } from './lib/entry'
import { deployDatabase } from './lib/database-deployer'
import { collectionPlans, describeAccess, describeIndex, type CollectionPlan } from './lib/database-plan'
import { FUNCTIONS_OUT } from './lib/function-config'
import { TEMPLATE_ENV_VAR } from '../contracts/subscribe-templates'
import { readBuildSettings } from '../config/build-settings'
import { consoleVariables, mergeWithConsole, wipeMessage, type EnvMerge } from './lib/function-env'
import { REPO_ROOT } from './lib/function-config'
import {
  cloudbaseRc,
  configuredTemplateKeys,
  describeTrigger,
  FUNCTION_ENV_VARS,
  functionEnvVariables,
  functionPlans,
  templateConfigProblem,
  type FunctionPlan,
} from './lib/function-plan'
import { createCloudApiClient } from './lib/tencentcloud-api'
import { smoke } from './smoke'

export const REQUIRED_ENV = [
  ['TCB_ENV_ID', '云开发环境 ID', 'CloudBase environment id'],
  ['TCB_SECRET_ID', '腾讯云 API 密钥 SecretId', 'TencentCloud API SecretId'],
  ['TCB_SECRET_KEY', '腾讯云 API 密钥 SecretKey', 'TencentCloud API SecretKey'],
] as const

const EXIT_FAILED = 1
const EXIT_CONFIG = 2
const EXIT_NO_CLI = 3

function rel(file: string): string {
  return path.relative(process.cwd(), file) || '.'
}

function tcbBinary(env: NodeJS.ProcessEnv): string {
  return env.TCB_CLI || 'tcb'
}

/** The commands `tcb` will be asked to run, secrets masked for printing. */
function functionCommands(envId: string, plans: readonly FunctionPlan[]): string[][] {
  return plans.map((plan) => ['fn', 'deploy', plan.name, '-e', envId, '--force'])
}

export function renderPlan(
  envId: string | undefined,
  distDir: string,
  functions: readonly FunctionPlan[],
  collections: readonly CollectionPlan[],
  settings: Record<string, string | undefined> = {},
): string {
  const env = envId || '<TCB_ENV_ID>'
  const out: string[] = []
  out.push('楼组一片天 deploy plan — dry run: nothing is sent / 仅预览，不会执行任何操作')
  out.push(`environment: ${envId || '(TCB_ENV_ID not set)'}`)
  out.push('')
  out.push(
    `1. database: ${collections.length} collection(s), via TencentCloud API (tcb DescribeEnvs, flexdb DescribeTable/CreateTable/UpdateTable, tcb ModifySafeRule)`,
  )
  for (const plan of collections) {
    out.push(`  collection ${plan.name} — ${plan.description}`)
    if (!plan.indexes.length) out.push('    indexes: (only _id)')
    for (const index of plan.indexes) out.push(`    index ${index.name}: ${describeIndex(index)}`)
    out.push(`    client rule: ${describeAccess(plan.access)}`)
  }
  out.push('')
  out.push(`2. functions: ${functions.length}, from ${rel(distDir)}, via the CloudBase CLI`)
  out.push(
    `  write ${rel(path.join(path.dirname(distDir), 'cloudbaserc.json'))} (runtime, timeout, memory, handler index.main, env variables)`,
  )
  out.push('  $ tcb login --apiKeyId *** --apiKey ***')
  functionCommands(env, functions).forEach((command, i) => {
    const plan = functions[i]
    if (!plan) return
    const c = plan.config
    out.push(`  function ${plan.name}${plan.built ? '' : '  [NOT BUILT: run npm run build:functions]'}`)
    out.push(`    dir: ${rel(plan.dir)}`)
    out.push(
      `    config: runtime ${c.runtime}, timeout ${c.timeout} s, memory ${c.memorySize} MB, openapi: ${c.permissions.openapi.join(', ') || '(none)'}`,
    )
    const deps = Object.entries(plan.dependencies)
    out.push(
      `    dependencies: ${deps.length ? deps.map(([n, v]) => `${n}@${v}`).join(', ') : '(none: self-contained bundle)'}`,
    )
    for (const trigger of c.triggers ?? []) out.push(`    trigger: ${describeTrigger(trigger)}`)
    out.push(`    $ tcb ${command.join(' ')}`)
  })
  out.push('')
  out.push('3. function environment variables (replacing what the console has; variables we do not manage are kept)')
  const variables = functionEnvVariables(settings)
  for (const key of FUNCTION_ENV_VARS)
    out.push(
      `  ${key}: ${variables[key] ? (key === TEMPLATE_ENV_VAR ? `set (${configuredTemplateKeys(settings).join(', ')})` : variables[key]) : '(not set)'}`,
    )
  const templateProblem = templateConfigProblem(settings)
  if (templateProblem) out.push(`  WILL REFUSE: ${templateProblem}`)
  return out.join('\n')
}

export function missingCredentialsMessage(missing: readonly string[]): string {
  const lines = [
    `缺少部署所需的环境变量：${missing.join(', ')}`,
    `Missing environment variables needed to deploy: ${missing.join(', ')}`,
    '',
    ...REQUIRED_ENV.map(([key, zh, en]) => `  ${key.padEnd(15)} ${zh} / ${en}`),
    '',
    '预览部署计划（无需密钥）/ To see the plan without credentials: npm run deploy -- --dry-run',
  ]
  return lines.join('\n')
}

export const NO_CLI_MESSAGE = [
  '未找到 CloudBase CLI（tcb 命令）。请先安装：npm i -g @cloudbase/cli',
  'The CloudBase CLI (`tcb`) is not installed. Install it with: npm i -g @cloudbase/cli',
  '(or point TCB_CLI at the tcb binary)',
].join('\n')

function cliAvailable(env: NodeJS.ProcessEnv): boolean {
  const probe = spawnSync(tcbBinary(env), ['--version'], { stdio: 'ignore', env, shell: false })
  return !probe.error && probe.status === 0
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, shown: string): Promise<void> {
  console.log(`$ ${shown}`)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${shown} exited with ${code}`))))
  })
}

export interface DeployOptions {
  /** Where .env files are read from (default: the repository). */
  settingsDir?: string
}

export async function deploy(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: DeployOptions = {},
): Promise<number> {
  let flags
  try {
    flags = parseArgs({
      args: argv,
      options: {
        'dry-run': { type: 'boolean', default: false },
        dist: { type: 'string' },
        smoke: { type: 'boolean', default: false },
        openid: { type: 'string' },
      },
    }).values
  } catch (error) {
    console.error(
      `${(error as Error).message}\n用法 / usage: npm run deploy -- [--dry-run] [--dist <dir>] [--smoke [--openid <openid>]]`,
    )
    return EXIT_CONFIG
  }
  const dryRun = flags['dry-run']
  const distDir = path.resolve(flags.dist || FUNCTIONS_OUT)
  const collections = collectionPlans(ALL_COLLECTIONS)
  const functions = functionPlans(distDir)
  const settings = { ...readBuildSettings(options.settingsDir ?? REPO_ROOT, env, 'production').values }

  if (dryRun) {
    console.log(renderPlan(env.TCB_ENV_ID, distDir, functions, collections, settings))
    return 0
  }

  const missing = REQUIRED_ENV.map(([key]) => key).filter((key) => !env[key])
  if (missing.length) {
    console.error(missingCredentialsMessage(missing))
    return EXIT_CONFIG
  }
  if (!cliAvailable(env)) {
    console.error(NO_CLI_MESSAGE)
    return EXIT_NO_CLI
  }
  const unbuilt = functions.filter((plan) => !plan.built)
  if (unbuilt.length || !functions.length) {
    console.error(
      `函数尚未构建 / functions not built: ${unbuilt.map((p) => p.name).join(', ') || '(none found)'} — run npm run build:functions first`,
    )
    return EXIT_FAILED
  }
  const templateProblem = templateConfigProblem(settings)
  if (templateProblem) {
    console.error(`订阅消息模板配置有误 / subscribe template config: ${templateProblem}`)
    return EXIT_CONFIG
  }

  const envId = env.TCB_ENV_ID as string
  const secretId = env.TCB_SECRET_ID as string
  const secretKey = env.TCB_SECRET_KEY as string
  const region = env.TCB_REGION || 'ap-shanghai'
  // Test hook: a local stand-in for *.tencentcloudapi.com. Never set it for a real deploy.
  const apiBase = env.LOUZU_TENCENTCLOUD_API
  const api = createCloudApiClient({
    credentials: { secretId, secretKey },
    region,
    ...(apiBase ? { localApi: apiBase } : {}),
  })

  // Before anything changes: what each function's environment will be, and whether that would
  // drop a setting the console holds.
  const planned = functionEnvVariables(settings)
  const merged = new Map<string, EnvMerge>()
  for (const plan of functions)
    merged.set(
      plan.name,
      mergeWithConsole(plan.name, await consoleVariables(api, envId, plan.name), planned, FUNCTION_ENV_VARS),
    )
  const wipes = [...merged.values()].flatMap((m) => m.wipes)
  if (wipes.length) {
    console.error(wipeMessage(wipes))
    return EXIT_CONFIG
  }
  for (const [name, merge] of merged)
    if (merge.kept.length) console.log(`  ${name}: keeping ${merge.kept.join(', ')} from the console`)

  console.log(`1. database (${collections.length} collections)`)
  await deployDatabase(api, envId, collections, (line) => console.log(line))

  console.log(`2. functions (${functions.length})`)
  const workDir = path.dirname(distDir)
  const rc = { ...cloudbaseRc(envId, distDir, functions, (name) => merged.get(name)?.variables ?? planned), region }
  fs.writeFileSync(path.join(workDir, 'cloudbaserc.json'), JSON.stringify(rc, null, 2) + '\n')
  const tcb = tcbBinary(env)
  await run(
    tcb,
    ['login', '--apiKeyId', secretId, '--apiKey', secretKey],
    workDir,
    env,
    'tcb login --apiKeyId *** --apiKey ***',
  )
  for (const command of functionCommands(envId, functions))
    await run(tcb, command, workDir, env, `tcb ${command.join(' ')}`)
  console.log('deploy finished / 部署完成')
  if (flags.smoke) {
    console.log('')
    return smoke(flags.openid === undefined ? [] : ['--openid', flags.openid], env)
  }
  return 0
}

if (isEntryPoint(__filename)) {
  deploy(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error) => {
      console.error(`部署失败 / deploy failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = EXIT_FAILED
    })
}
