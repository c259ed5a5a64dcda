/**
 * `npm start`: the whole product on this machine. Env: PORT (default 8787), HOST (127.0.0.1),
 * LOUZU_DB (default .data/louzu.db), LOUZU_DEV_LOGIN=anywhere (the demo sign-in for other devices too),
 * LOUZU_ALLOWED_HOSTS (further Host names it answers to, e.g. behind a reverse proxy). Flag: --scale pilot seeds the pilot-size neighbourhood
 * into an empty database.
 */
import path from 'node:path'
import { PERSONAS } from './seed/neighbourhood'
import { startLocalRuntime } from './local-runtime'
import { allowedHostsFromEnv } from './runtime/request-guard'

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const scaleFlag = process.argv.indexOf('--scale')
  const scale = scaleFlag >= 0 && process.argv[scaleFlag + 1] === 'pilot' ? 'pilot' : 'demo'
  const dbFile = process.env.LOUZU_DB ?? path.join(root, '.data', 'louzu.db')
  const port = process.env.PORT ? Number(process.env.PORT) : 8787
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`)

  const runtime = await startLocalRuntime({
    dbFile,
    host: process.env.HOST ?? '127.0.0.1',
    port,
    staticDir: path.join(root, 'dist', 'h5'),
    seed: scale,
    // Benchmarks only: measure the server, not the per-person limiter (see docs/BENCHMARKS.md).
    rateLimits: process.env.LOUZU_BENCH_NO_RATE_LIMITS !== '1',
    // Benchmarks only: no background jobs (reminders, the WeChat outbox), to time a request alone.
    jobs: process.env.LOUZU_BENCH_NO_JOBS !== '1',
    // Load tools only (npm run soak / chaos): realtime listener counts and memory at /api/dev/diagnostics.
    diagnostics: process.env.LOUZU_DIAGNOSTICS === '1',
    devLoginFrom: process.env.LOUZU_DEV_LOGIN === 'anywhere' ? 'anywhere' : 'this-machine',
    // Names besides this machine's own (e.g. the one a reverse proxy passes on): see docs/SECURITY.md.
    allowedHosts: allowedHostsFromEnv(process.env.LOUZU_ALLOWED_HOSTS),
    logLevel: (process.env.LOG_LEVEL as 'info' | 'warn' | 'error' | 'silent' | undefined) ?? 'warn',
  })

  const lines = [
    '',
    `楼组一片天 is running: ${runtime.url}/`,
    `  database: ${dbFile}${runtime.seeded ? ` (new, seeded with the ${scale} neighbourhood)` : ''}`,
    '',
    'Log in on the page as one of these demo personas (or type any other id to be a new user):',
    ...PERSONAS.map((p) => `  ${p.openid.padEnd(18)} ${p.nickname}  — ${p.role}`),
    '',
    ...(process.env.LOUZU_DEV_LOGIN === 'anywhere'
      ? ['Demo sign-in is open to every device that reaches this address: anyone there can sign in as anyone, the committee included.']
      : ['Demo sign-in answers this machine only (LOUZU_DEV_LOGIN=anywhere opens it to other devices).']),
    'Ctrl-C stops it; data stays in the database file.',
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal}: stopping…\n`)
    runtime
      .close()
      .then(() => process.exit(0))
      .catch((error) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`)
        process.exit(1)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  process.stderr.write(`楼组一片天 could not start: ${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
