import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { SCHEDULED_TASKS } from '../../../cloudfunctions/functions/tasks'
import { fmt, median, ROOT, table, type BenchSection } from '../harness'

const RUNS = 10

function spawnMs(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', reject)
    child.on('exit', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, out }))
  })
}

/**
 * Each deployable bundle: its size, and its cold start — a new Node process that loads the bundle
 * and answers its first call (an unknown action, which needs no database) — beside a bare
 * `node -e` process on the same machine in the same run.
 */
export const functions: BenchSection = {
  title: 'Cloud function bundles: size and cold start',
  async run() {
    const build = spawnSync('npm', ['run', '-s', 'build:functions'], { cwd: ROOT, stdio: 'ignore' })
    if (build.status !== 0) throw new Error('build:functions failed')
    const dist = path.join(ROOT, 'dist', 'cloudfunctions')
    const names = fs.readdirSync(dist).filter((n) => fs.existsSync(path.join(dist, n, 'index.js'))).sort()
    const env = { ...process.env, TENCENTCLOUD: 'true' }
    const bare: number[] = []
    for (let i = 0; i < RUNS; i++) bare.push((await spawnMs(['-e', '0'], env)).ms)
    const bareMs = median(bare)
    const rows: Array<Array<string | number>> = [['bare `node -e 0`', '—', fmt(bareMs, 1), '1.00']]
    for (const name of names) {
      const file = path.join(dist, name, 'index.js')
      const bytes = fs.statSync(file).size
      // A scheduled task has no actions to answer; its cold start is loading the bundle.
      const task = SCHEDULED_TASKS.includes(name)
      const script = task
        ? `process.stdout.write(typeof require(${JSON.stringify(file)}).main)`
        : `require(${JSON.stringify(file)}).main({ action: '__bench_cold_start__' }, {}).then((r) => process.stdout.write(JSON.stringify(r)))`
      const samples: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const { ms, out } = await spawnMs(['-e', script], env)
        if (!out.includes(task ? 'function' : 'NOT_FOUND.ACTION')) throw new Error(`${name}: unexpected first reply ${out.slice(0, 200)}`)
        samples.push(ms)
      }
      rows.push([task ? `${name} (timer task: load only)` : name, `${fmt(bytes / 1024, 0)} KB`, fmt(median(samples), 1), fmt(median(samples) / bareMs, 2)])
    }
    return `Medians of ${RUNS} fresh processes each (process start → first reply). The first reply is an envelope for an unknown action, so it measures loading and initialising the bundle, not the database.\n\n${table(['bundle', 'index.js size', 'cold start (ms)', '× bare node'], rows)}`
  },
}
