import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Database } from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import type { Logger as PinoLogger } from 'pino'
import { createIdGenerator } from './adapters/shared/ids'
import { createLogger, type LogLevel } from './adapters/shared/logger'
import { LOCAL_COLLECTIONS, LocalWechatMessenger } from './adapters/local/local-wechat-messenger'
import { RealtimeHub } from './adapters/local/realtime-hub'
import { WordListContentCheck } from './adapters/local/word-list-content-check'
import { FileMediaStorage } from './adapters/local/file-media-storage'
import { LocalMediaCheck, readRejectList } from './adapters/local/local-media-check'
import { SharpImageProcessor } from './adapters/shared/sharp-image-processor'
import { applyMediaVerdict } from './core/chat/media'
import { openDatabase } from './adapters/sqlite/schema'
import { MIGRATIONS } from './adapters/sqlite/migrations'
import { SqliteDocumentStore } from './adapters/sqlite/sqlite-document-store'
import { SqliteTextSearch } from './adapters/sqlite/text-search'
import { ALL_COLLECTIONS } from './core/collections'
import { StoreNotifier } from './core/notifications/store-notifier'
import { drainOutbox, type DrainRun } from './core/notifications/outbox'
import type { Clock, ContentCheck, Deps, Logger, SubscribeMessenger } from './core/shared/ports'
import { systemClock } from './core/shared/ports'
import { ALL_FUNCTIONS } from './functions/registry'
import { createLocalServer } from './runtime/local-server'
import { MemoryRateLimiter, type RateLimiter } from './runtime/rate-limiter'
import { createRouter, type Router } from './runtime/router'
import { loadOrCreateSecret, TokenSigner } from './runtime/tokens'
import { FEATURE_SEEDERS } from './seed/features'
import { PERSONAS } from './seed/neighbourhood'
import { isEmpty, seedNeighbourhood, type SeedScale } from './seed/seed'
import { isDemo, recordSeed, SEED_RECORD_COLLECTIONS, seededWith } from './seed/seed-record'
import { diagnosticsPlugin, LOCAL_JOBS, LOCAL_PLUGINS, OutboxSignal, type LocalMedia } from './local-extensions'

export interface LocalRuntimeOptions {
  /** SQLite file; ':memory:' for throwaway runs. */
  dbFile: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** The h5 build to serve. */
  staticDir?: string
  /** Seed an empty database with the demo neighbourhood (default), the pilot-scale one, or nothing. */
  seed?: SeedScale | 'none'
  clock?: Clock
  contentCheck?: ContentCheck
  /** Where the token-signing secret lives (default: beside the database). */
  secretFile?: string
  tokenTtlMs?: number
  logLevel?: LogLevel
  /** Where log lines go (default stdout): tests collect them to check they hold nothing personal. */
  logWrite?: (line: string) => void
  /**
   * Per-person rate limits (default on). Only load tools turn them off — fuzzing and benchmarks
   * that play thousands of calls as one person — to measure the server rather than the limiter.
   */
  rateLimits?: boolean
  /** Run background jobs such as reminders (default true). */
  jobs?: boolean
  /** How long a request may take to arrive (default 30 s). */
  requestTimeoutMs?: number
  /** Who may use the demo sign-in: this machine only (default) or anyone who reaches the server. */
  devLoginFrom?: 'this-machine' | 'anywhere'
  /**
   * Host names the server answers to besides its own address and localhost on its port
   * (LOUZU_ALLOWED_HOSTS): `name` or `name:port`, e.g. the name a reverse proxy passes on.
   */
  allowedHosts?: readonly string[]
  /**
   * `GET /api/dev/diagnostics` (default off): open realtime listeners and memory, for the soak
   * and chaos tools to check that nothing leaks. Counts only, no personal data.
   */
  diagnostics?: boolean
  /** Where photos are kept (default: `media/` beside the database; a fresh temporary folder for ':memory:'). */
  mediaDir?: string
  /** The local media check: how long it takes and which uploads (SHA-256) it rejects (default: rejected-media.txt). */
  mediaCheck?: { delayMs?: number; rejectDigests?: Iterable<string> }
}

export interface LocalRuntime {
  url: string
  port: number
  app: FastifyInstance
  deps: Deps
  db: Database
  hub: RealtimeHub
  router: Router
  tokens: TokenSigner
  seeded: boolean
  media: LocalMedia
  /** Whether the demo sign-in exists: only on a database seeded with the demo neighbourhood. */
  demoSignIn: boolean
  /** Send what the outbox holds now, to the end (the background job does this when `jobs` is on). */
  drainOutbox(): Promise<DrainRun>
  close(): Promise<void>
}

const UNLIMITED: RateLimiter = { hit: () => ({ allowed: true, retryAfterSeconds: 0 }) }

export interface LocalCore {
  media: LocalMedia
  deps: Deps
  db: Database
  hub: RealtimeHub
  router: Router
  seeded: boolean
  /** Whether the demo sign-in exists: only on a database seeded with the demo neighbourhood. */
  demoSignIn: boolean
  /** Stands in for WeChat: records each subscribe message the outbox sends. */
  messenger: SubscribeMessenger
  /** Told whenever a request queued WeChat messages (the outbox job listens). */
  outboxSignal: OutboxSignal
  /** When this core opened its database: claims older than this were left by a process that died. */
  startedAt: number
  /** The pino logger behind `deps.log`, which the HTTP server shares. */
  logger: PinoLogger
}

/** The local adapters around one open database. */
function localAdapters(
  db: Database,
  options: Pick<LocalRuntimeOptions, 'clock' | 'contentCheck' | 'logLevel' | 'logWrite' | 'mediaDir' | 'mediaCheck'> & {
    dbFile?: string
  },
  hub: RealtimeHub,
  outboxSignal: OutboxSignal = new OutboxSignal(),
): { deps: Deps; messenger: SubscribeMessenger; media: LocalMedia; logger: PinoLogger } {
  const clock = options.clock ?? systemClock
  const logger = createLogger({ write: options.logWrite, level: options.logLevel ?? 'info' })
  const log: Logger = logger
  const store = new SqliteDocumentStore(db)
  const ids = createIdGenerator(() => clock.now())
  const mediaDir =
    options.mediaDir ??
    (!options.dbFile || options.dbFile === ':memory:'
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-media-'))
      : path.join(path.dirname(path.resolve(options.dbFile)), 'media'))
  const media: LocalMedia = {
    files: new FileMediaStorage(mediaDir, clock),
    check: new LocalMediaCheck({
      ids,
      log,
      delayMs:
        options.mediaCheck?.delayMs ??
        (process.env.LOUZU_MEDIA_CHECK_DELAY_MS ? Number(process.env.LOUZU_MEDIA_CHECK_DELAY_MS) : undefined),
      rejectDigests: options.mediaCheck?.rejectDigests ?? readRejectList(),
    }),
  }
  const deps: Deps = {
    store,
    clock,
    ids,
    contentCheck: options.contentCheck ?? WordListContentCheck.fromFile(),
    notifier: new StoreNotifier({ store, clock, ids, realtime: hub, onQueued: () => outboxSignal.queued() }),
    realtime: hub,
    search: new SqliteTextSearch(store),
    log,
    media: { storage: media.files, images: new SharpImageProcessor(), check: media.check },
    purge: store,
  }
  media.check.onVerdict((verdict) => applyMediaVerdict(deps, verdict))
  return { deps, messenger: new LocalWechatMessenger({ store, clock, ids }), media, logger }
}

const open = (file: string) =>
  openDatabase({
    file,
    collections: [...ALL_COLLECTIONS, ...LOCAL_COLLECTIONS, ...SEED_RECORD_COLLECTIONS],
    migrations: MIGRATIONS,
  })

/** True when no collection holds a single document. */
async function holdsNothing(db: Database): Promise<boolean> {
  const store = new SqliteDocumentStore(db)
  for (const { name } of ALL_COLLECTIONS) if ((await store.count(name, {})) > 0) return false
  return true
}

/**
 * Seed a new database all or nothing. Seeding takes many transactions (seconds at pilot scale); a
 * process killed half-way (Ctrl-C during the first start, a crash) would otherwise leave a database
 * that is not empty, so never seeded again: half a neighbourhood for good. So the seed is written
 * to `<file>.seeding`, closed (which checkpoints the WAL into the file) and renamed over the empty
 * database in one atomic step: after a kill there is either the empty database, seeded afresh on
 * the next start, or the whole seed.
 */
async function seedAtomically(file: string, seed: (db: Database) => Promise<void>): Promise<void> {
  const temp = `${file}.seeding`
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true })
  const db = open(temp)
  try {
    await seed(db)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  if (fs.existsSync(`${temp}-wal`)) throw new Error(`seeding ${file}: the write-ahead log was not folded into the file`)
  // The empty database's own journal files must never be replayed onto the seeded file.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.renameSync(temp, file)
  const dir = fs.openSync(path.dirname(path.resolve(file)), 'r')
  try {
    fs.fsyncSync(dir) // the rename itself survives a power cut
  } finally {
    fs.closeSync(dir)
  }
}

/** The functions on one SQLite file with the local adapters — no HTTP (tests of the WeChat build call the router directly). */
export async function createLocalCore(
  options: Omit<
    LocalRuntimeOptions,
    | 'host'
    | 'port'
    | 'staticDir'
    | 'secretFile'
    | 'tokenTtlMs'
    | 'jobs'
    | 'requestTimeoutMs'
    | 'diagnostics'
    | 'devLoginFrom'
    | 'allowedHosts'
  >,
): Promise<LocalCore> {
  const hub = new RealtimeHub()
  let db = open(options.dbFile)
  let seeded = false
  const seed = options.seed ?? 'demo'
  const before = await seededWith(new SqliteDocumentStore(db))
  // A database started empty for real use is never given the demo neighbourhood later.
  if (seed !== 'none' && before !== 'none' && (await isEmpty(new SqliteDocumentStore(db)))) {
    const plant = async (target: Database) => {
      const { deps } = localAdapters(target, options, new RealtimeHub())
      await seedNeighbourhood(deps, seed, FEATURE_SEEDERS)
      await recordSeed(deps.store, seed, deps.clock.now())
    }
    // The atomic swap is for a database that holds nothing at all; one that holds anything (say,
    // accounts made while seeding was off) is seeded in place rather than replaced.
    if (options.dbFile === ':memory:' || !(await holdsNothing(db))) await plant(db)
    else {
      db.close()
      await seedAtomically(options.dbFile, plant)
      db = open(options.dbFile)
    }
    seeded = true
  } else if (seed === 'none' && before === null && (await holdsNothing(db))) {
    await recordSeed(new SqliteDocumentStore(db), 'none', (options.clock ?? systemClock).now())
  }
  const demoSignIn = isDemo(await seededWith(new SqliteDocumentStore(db)))
  const outboxSignal = new OutboxSignal()
  const { deps, messenger, media, logger } = localAdapters(db, options, hub, outboxSignal)
  const rateLimiter = options.rateLimits === false ? UNLIMITED : new MemoryRateLimiter()
  const router = createRouter({ deps, functions: ALL_FUNCTIONS, rateLimiter })
  return {
    deps,
    db,
    hub,
    router,
    seeded,
    demoSignIn,
    messenger,
    outboxSignal,
    startedAt: deps.clock.now(),
    media,
    logger,
  }
}

/** Build the whole product on one SQLite file: the same functions, local adapters, one HTTP server. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const core = await createLocalCore(options)
  const { deps, db, hub, router, seeded, demoSignIn } = core
  const clock = deps.clock
  const secretFile =
    options.secretFile ??
    (options.dbFile === ':memory:'
      ? path.join(process.cwd(), '.data', 'secret.key')
      : path.join(path.dirname(path.resolve(options.dbFile)), 'secret.key'))
  const tokens = new TokenSigner(loadOrCreateSecret(secretFile), () => clock.now(), options.tokenTtlMs)
  const wiring = {
    deps,
    hub,
    router,
    messenger: core.messenger,
    outboxSignal: core.outboxSignal,
    startedAt: core.startedAt,
    media: core.media,
  }
  const plugins = [...LOCAL_PLUGINS, ...(options.diagnostics ? [diagnosticsPlugin] : [])].map((p) => p(wiring))
  const app = createLocalServer({
    router,
    deps,
    logger: core.logger,
    tokens,
    staticDir: options.staticDir,
    personas: PERSONAS,
    plugins,
    requestTimeoutMs: options.requestTimeoutMs,
    devLoginFrom: options.devLoginFrom,
    demoSignIn,
    hosts: { listen: options.host ?? '127.0.0.1', allowed: options.allowedHosts },
  })
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0)
  const stopJobs = options.jobs === false ? [] : LOCAL_JOBS.map((job) => job(wiring))

  let closed = false
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    app,
    deps,
    db,
    hub,
    router,
    tokens,
    seeded,
    media: core.media,
    demoSignIn,
    drainOutbox: () => drainOutbox({ ...deps, messenger: core.messenger }, { staleBefore: core.startedAt }),
    async close() {
      if (closed) return
      closed = true
      // A job finishes the run it is in (e.g. a reminder batch) before the database closes.
      for (const stop of stopJobs) await stop()
      core.media.check.close()
      await app.close()
      db.close()
    },
  }
}
