/**
 * `npm start`: the whole product on this machine. Env: PORT (default 8787), HOST (127.0.0.1),
 * LOUZU_DB (default .data/louzu.db), LOUZU_DEV_LOGIN=anywhere (the demo sign-in for other devices too),
 * LOUZU_ALLOWED_HOSTS (further Host names it answers to, e.g. behind a reverse proxy),
 * LOUZU_SEED=demo|pilot|none. Flags: --scale pilot seeds the pilot-size neighbourhood into an
 * empty database; --no-demo (= LOUZU_SEED=none) starts a real deployment: an empty database that
 * is never seeded, no demo sign-in, people sign in with one-time codes (docs/OPERATIONS.md).
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { DocumentStore } from './core/shared/document-store'
import { PERSONAS } from './seed/neighbourhood'
import type { LogLevel } from './adapters/shared/log-format'
import { startLocalRuntime } from './local-runtime'
import { allowedHostsFromEnv } from './runtime/request-guard'
import type { SeedScale } from './seed/seed'

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { scale: { type: 'string' }, 'no-demo': { type: 'boolean', default: false } },
  })
  const seedEnv = process.env.LOUZU_SEED
  if (seedEnv && !['demo', 'pilot', 'none'].includes(seedEnv))
    throw new Error(`LOUZU_SEED must be demo, pilot or none, got ${seedEnv}`)
  if (values.scale && values.scale !== 'pilot' && values.scale !== 'demo')
    throw new Error(`--scale must be demo or pilot, got ${values.scale}`)
  const seed: SeedScale | 'none' = values['no-demo']
    ? 'none'
    : ((seedEnv as SeedScale | 'none' | undefined) ?? (values.scale as SeedScale | undefined) ?? 'demo')
  const dbFile = process.env.LOUZU_DB ?? path.join(root, '.data', 'louzu.db')
  const port = process.env.PORT ? Number(process.env.PORT) : 8787
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`)

  const runtime = await startLocalRuntime({
    dbFile,
    host: process.env.HOST ?? '127.0.0.1',
    port,
    staticDir: path.join(root, 'dist', 'h5'),
    seed,
    // Benchmarks only: measure the server, not the per-person limiter (see docs/BENCHMARKS.md).
    rateLimits: process.env.LOUZU_BENCH_NO_RATE_LIMITS !== '1',
    // Benchmarks only: no background jobs (reminders, the WeChat outbox), to time a request alone.
    jobs: process.env.LOUZU_BENCH_NO_JOBS !== '1',
    // Load tools only (npm run soak / chaos): realtime listener counts and memory at /api/dev/diagnostics.
    diagnostics: process.env.LOUZU_DIAGNOSTICS === '1',
    devLoginFrom: process.env.LOUZU_DEV_LOGIN === 'anywhere' ? 'anywhere' : 'this-machine',
    // Names besides this machine's own (e.g. the one a reverse proxy passes on): see docs/SECURITY.md.
    allowedHosts: allowedHostsFromEnv(process.env.LOUZU_ALLOWED_HOSTS),
    logLevel: (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'warn',
  })

  const lines = [
    '',
    `楼组一片天 is running: ${runtime.url}/`,
    `  database: ${dbFile}${runtime.seeded ? ` (new, seeded with the ${seed} neighbourhood)` : ''}`,
    '',
    ...(runtime.demoSignIn ? demoLines() : await realDeploymentLines(runtime.deps.store)),
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

function demoLines(): string[] {
  return [
    'Log in on the page as one of these demo personas (or type any other id to be a new user):',
    ...PERSONAS.map((p) => `  ${p.openid.padEnd(18)} ${p.nickname}  — ${p.role}`),
    '',
    ...(process.env.LOUZU_DEV_LOGIN === 'anywhere'
      ? [
          'Demo sign-in is open to every device that reaches this address: anyone there can sign in as anyone, the committee included.',
        ]
      : ['Demo sign-in answers this machine only (LOUZU_DEV_LOGIN=anywhere opens it to other devices).']),
  ]
}

/** No demo: how to load the neighbourhood (first run) and how people sign in (docs/OPERATIONS.md). */
async function realDeploymentLines(store: DocumentStore): Promise<string[]> {
  const loaded = (await store.count('estates', {})) > 0
  return [
    'No demo data: this database is for real households. The demo sign-in is off.',
    ...(loaded
      ? []
      : [
          '  First run: load the neighbourhood from your sheet: npm run bootstrap -- docs/templates/neighbourhood.csv (your own file; --dry-run first)',
        ]),
    '  Sign someone in: npm run signin-code -- <name or openid>, then they type the code on the login page.',
    '',
  ]
}

main().catch((error) => {
  process.stderr.write(`楼组一片天 could not start: ${(error as Error).stack ?? error}\n`)
  process.exit(1)
})
