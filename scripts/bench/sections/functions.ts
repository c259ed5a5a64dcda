import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SCHEDULED_TASKS } from '../../../cloudfunctions/functions/tasks'
import { CloudbaseCapture } from '../../../tests/support/cloudbase-capture'
import { buildFunctions, type BuiltFunction } from '../../build-functions'
import { fmt, median, ROOT, table, type BenchSection } from '../harness'

const PAIRS = 11

function spawnMs(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    // From a folder with no node_modules in reach, as on CloudBase: the bundle must be complete.
    const child = spawn(process.execPath, args, { env, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', reject)
    child.on('exit', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, out }))
  })
}

function callScript(file: string, action: string): string {
  return `require(${JSON.stringify(file)}).main({ action: ${JSON.stringify(action)} }, {}).then((r) => process.stdout.write(JSON.stringify(r)))`
}

/** One resident, as the capture server's database answers for them. */
const CALLER = {
  _id: 'u-bench',
  openid: 'o-bench',
  nickname: '王阿姨',
  largeText: false,
  roles: [],
  membership: null,
  privacyAcceptedVersion: null,
  createdAt: 1,
}

interface Pairing {
  ratios: number[]
  ms: number[]
  bare: number[]
}

/**
 * `runs` fresh processes of `script`, each right after a bare `node -e 0`: the per-pair ratio
 * cancels most of what the shared machine does to both.
 */
async function interleaved(script: string, expect: string, env: NodeJS.ProcessEnv, runs: number): Promise<Pairing> {
  const result: Pairing = { ratios: [], ms: [], bare: [] }
  for (let i = 0; i < runs; i++) {
    const bare = await spawnMs(['-e', '0'], env)
    const call = await spawnMs(['-e', script], env)
    if (!call.out.includes(expect)) throw new Error(`unexpected reply: ${call.out.slice(0, 300)}`)
    result.ratios.push(call.ms / bare.ms)
    result.ms.push(call.ms)
    result.bare.push(bare.ms)
  }
  return result
}

/** When each file of a function is read: what a cold start pays for and what waits for a call. */
const LOADED_WHEN: Record<string, string> = {
  'index.js': 'at start',
  'node-sdk.js': 'at start',
  'wx-server-sdk.js': 'first text check, subscribe message or media check',
  'axios.js': 'never on CloudBase (metadata server outside it)',
  'jsonwebtoken.js': 'never (custom-login tickets)',
  'xml2js.js': 'first file upload',
}

/** The account function's files, and the five biggest contributors to each (esbuild metafile). */
function bundleContents(account: BuiltFunction | undefined): string {
  if (!account) return ''
  const rows = Object.entries(account.contents).map(([file, contents]) => {
    const bytes = contents.reduce((n, c) => n + c.bytes, 0)
    const top = contents
      .slice(0, 5)
      .map((c) => `${c.source} ${fmt(c.bytes / 1024, 0)}`)
      .join(', ')
    return [file, `${fmt(bytes / 1024, 0)} KB`, LOADED_WHEN[file] ?? '—', top]
  })
  return [
    'What the `account` function is made of (bytes each source contributes to the minified output, from esbuild’s metafile; every function has the same SDK files, only index.js differs):',
    table(['file', 'size', 'read', 'biggest contributors (KB)'], rows),
  ].join('\n\n')
}

/**
 * Each deployable bundle: its size, and its cold start — a new Node process that loads the bundle
 * and answers its first call — as a ratio to a bare `node -e 0` started just before it. Two first
 * calls: an unknown action (loading and initialising the bundle) and, for `account`, `me`, a real
 * call that reads the caller through the bundled node-sdk from a local CloudBase capture server
 * (so deferring work to the first call cannot pass for a fast start).
 */
export const functions: BenchSection = {
  title: 'Cloud function bundles: size and cold start',
  async run() {
    const loadBefore = os.loadavg()[0] ?? NaN
    const dist = path.join(ROOT, 'dist', 'cloudfunctions')
    const built = await buildFunctions(dist)
    const names = fs
      .readdirSync(dist)
      .filter((n) => fs.existsSync(path.join(dist, n, 'index.js')))
      .sort()

    const capture = new CloudbaseCapture()
    const serviceUrl = await capture.start()
    capture.handle('database.getDocument', () => ({ requestId: 'bench', data: { list: [JSON.stringify(CALLER)] } }))
    // Only PATH and the platform's variables: nothing of the bench process leaks into the bundle's world.
    const env: NodeJS.ProcessEnv = Object.assign({} as NodeJS.ProcessEnv, {
      PATH: process.env.PATH ?? '',
      TENCENTCLOUD: 'true',
      WX_CONTEXT_KEYS: 'WX_OPENID',
      WX_OPENID: CALLER.openid,
      TENCENTCLOUD_SECRETID: 'AKIDbench',
      TENCENTCLOUD_SECRETKEY: 'bench-secret',
      LOUZU_TCB_SERVICE_URL: serviceUrl,
      LOUZU_LOG_LEVEL: 'silent',
    })

    const rows: Array<Array<string | number>> = []
    const bareAll: number[] = []
    try {
      for (const name of names) {
        const file = path.join(dist, name, 'index.js')
        const bytes = built.find((b) => b.name === name)?.allBytes ?? fs.statSync(file).size
        // A scheduled task has no actions to answer; its cold start is loading the bundle.
        const task = SCHEDULED_TASKS.includes(name)
        const first = task
          ? await interleaved(
              `process.stdout.write(typeof require(${JSON.stringify(file)}).main)`,
              'function',
              env,
              PAIRS,
            )
          : await interleaved(callScript(file, '__bench_cold_start__'), 'NOT_FOUND.ACTION', env, PAIRS)
        bareAll.push(...first.bare)
        rows.push([
          task ? `${name} (timer task: load only)` : `${name}: unknown action`,
          `${fmt(bytes / 1024, 0)} KB`,
          fmt(median(first.ms), 1),
          fmt(median(first.ratios), 2),
        ])
        if (name === 'account') {
          const real = await interleaved(callScript(file, 'me'), CALLER.nickname, env, PAIRS)
          bareAll.push(...real.bare)
          rows.push([
            'account: first real call (`me`, node-sdk → capture server)',
            `${fmt(bytes / 1024, 0)} KB`,
            fmt(median(real.ms), 1),
            fmt(median(real.ratios), 2),
          ])
        }
      }
    } finally {
      await capture.close()
    }
    rows.unshift(['bare `node -e 0`', '—', fmt(median(bareAll), 1), '1.00'])
    return [
      `${PAIRS} pairs per row, run one after another: a bare \`node -e 0\`, then a fresh process that loads the bundle and answers its first call. The ratio column is the median of the per-pair ratios (both halves of a pair see the same machine load); the milliseconds are medians of the same runs. The bundles are built by \`npm run build:functions\` (esbuild, minified; Tencent SDK parts the product never calls left out, see scripts/lib/bundle-trim.ts; each SDK in its own file, and those only some calls use read on first use, see scripts/lib/bundle-chunks.ts). Machine load (1-minute average) ${fmt(loadBefore, 1)} before and ${fmt(os.loadavg()[0] ?? NaN, 1)} after, on ${os.cpus().length} cores.`,
      table(['bundle: first call', 'code size (all .js)', 'cold start (ms)', '× bare node (median of pairs)'], rows),
      bundleContents(built.find((b) => b.name === 'account')),
    ].join('\n\n')
  },
}
