import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'

/**
 * What every benchmark section gets. The server under test always runs in its own process (as in
 * production), so the load generator never shares its event loop.
 */
export const ROOT = path.resolve(__dirname, '..', '..')
export const WORK_DIR = path.join(ROOT, '.data', 'bench')

export interface Server {
  url: string
  pid: number
  dbFile: string
  stop(): Promise<void>
  /** Resident memory of the server process, MB (Linux /proc). */
  rssMb(): number
  /** SIGKILL: the process dies at once, mid-write or not (the chaos test); resolves when it is gone. */
  kill(): Promise<void>
  /** Resolves when the process has exited (by itself or killed). */
  exited: Promise<void>
}

export interface LoadResult {
  requestsPerSec: number
  p50: number
  p99: number
  total: number
  errors: number
  non2xx: number
}

export interface BenchSection {
  title: string
  /** Markdown for docs/BENCHMARKS.md (a paragraph and/or a table). */
  run(): Promise<string>
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? NaN
}

export function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a'
}

export function table(head: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}

/** Time `fn` n times (after a warm-up) and return per-call milliseconds. */
export async function timeCalls(
  n: number,
  fn: (i: number) => Promise<unknown> | unknown,
  warmup = Math.min(50, n),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i)
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint()
    await fn(i)
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  return samples
}

let pilotTemplate: string | null = null

/**
 * A fresh copy of a pilot-scale database (35 buildings, 1,101 households, ~3,600 residents,
 * plus every feature's pilot seed). The template is seeded once per run, then copied.
 */
export async function pilotDb(name: string): Promise<string> {
  fs.mkdirSync(WORK_DIR, { recursive: true })
  if (!pilotTemplate) {
    const template = path.join(WORK_DIR, 'pilot-template.db')
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true })
    const server = await startServer({ dbFile: template, seed: 'pilot' })
    await server.stop()
    pilotTemplate = template
  }
  const file = path.join(WORK_DIR, `${name}.db`)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.copyFileSync(pilotTemplate, file)
  return file
}

/** Run the real local runtime (`serve-local.ts`) in a child process on the given database. */
export async function startServer(options: {
  dbFile: string
  seed?: 'pilot' | 'demo'
  env?: Record<string, string>
  /** Extra Node flags for the server process (e.g. `--cpu-prof`). */
  nodeArgs?: string[]
  /** Another server script to run instead of the local runtime (it must print `is running: <url>`). */
  script?: string
}): Promise<Server> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the server in a second process, so its pid
  // (for memory figures, and for a SIGKILL in the chaos test) would be the wrapper's, not the server's.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      options.script ?? path.join(ROOT, 'cloudfunctions', 'serve-local.ts'),
      ...(options.seed === 'pilot' ? ['--scale', 'pilot'] : []),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOUZU_DB: options.dbFile, LOG_LEVEL: 'error', ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = out.match(/is running: (http:\/\/[^/\s]+)/)
      if (match?.[1]) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)))
  })
  return {
    url,
    pid: child.pid ?? 0,
    dbFile: options.dbFile,
    rssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
        return kb / 1024
      } catch {
        return NaN
      }
    },
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      return exited
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}

export async function login(url: string, openid: string): Promise<string> {
  const response = await fetch(`${url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const body = (await response.json()) as { ok: boolean; data: { token: string } }
  if (!body.ok) throw new Error(`login ${openid} failed`)
  return body.data.token
}

export async function callFn<T = unknown>(
  url: string,
  token: string,
  fn: string,
  action: string,
  data: unknown = {},
): Promise<T> {
  const response = await fetch(`${url}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data }),
  })
  const body = (await response.json()) as { ok: boolean; data: T; error?: unknown }
  if (!body.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(body.error)}`)
  return body.data
}

/**
 * Load a function action over HTTP with autocannon. `request(i)` builds each request's body and
 * token, so a load can spread over many users (as real traffic does).
 */
export async function load(options: {
  url: string
  fn: string
  request: (i: number) => { token: string; action: string; data?: unknown }
  connections?: number
  durationSeconds?: number
  amount?: number
}): Promise<LoadResult> {
  let i = 0
  const result = await autocannon({
    url: `${options.url}/api/functions/${options.fn}`,
    connections: options.connections ?? 10,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          const { token, action, data } = options.request(i++)
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ action, data: data ?? {} }),
          }
        },
      },
    ],
  })
  return {
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  }
}

export function machine(): string {
  const cpus = os.cpus()
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`
}
