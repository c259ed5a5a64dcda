/**
 * `npm run fuzz`: at least 10,000 cases per function (`-- --cases N` for more), valid and hostile,
 * straight into the router on a fresh demo database, as every kind of caller; then actions named
 * `constructor`, `__proto__`, …; then the realtime endpoint over HTTP with real, prototype-word
 * and hostile topics. Prints the counts; exits non-zero on the first broken invariant (a
 * malformed reply, INTERNAL, or a refused call that changed the database).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createLocalCore, startLocalRuntime } from '../cloudfunctions/local-runtime'
import { numberFlag } from './lib/flags'
import { ALL_FUNCTIONS } from '../cloudfunctions/functions/registry'
import type { Envelope } from '../contracts'
import type { Identity } from '../cloudfunctions/core/account/identity'
import {
  DatabaseWatch,
  fuzzFunction,
  fuzzRealtime,
  fuzzUnknownActions,
  knownIds,
  type OpenStream,
  type Send,
} from '../tests/support/fuzz-runner'

const CALLERS = [
  'demo-admin',
  'demo-leader-5',
  'demo-resident-5',
  'demo-resident-11',
  'demo-doctor',
  'demo-youth',
  'demo-newcomer',
]

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string' } } })
  const cases = numberFlag(values, 'cases', 10_000, 'whole')
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-fuzz-'))
  const core = await createLocalCore({ dbFile: path.join(dir, 'fuzz.db'), logLevel: 'silent', rateLimits: false })
  // In-process, the body is parsed as the server would parse it — minus the server's own
  // refusal of `__proto__` keys, so the router and schemas meet them head on.
  const send: Send = async (fn, body, identity) => {
    const reply = await core.router.dispatch(fn, JSON.parse(body), identity, 'fuzz')
    return { status: reply.status, envelope: reply.envelope }
  }
  let throwaways = 0
  let total = 0
  const started = Date.now()
  console.log(`fuzzing ${ALL_FUNCTIONS.length} functions, ≥ ${cases} cases each, seed ${seed}`)
  for (const definition of ALL_FUNCTIONS) {
    const actions = Object.keys(definition.routes).length
    const runsPerAction = Math.ceil(cases / (actions * 2))
    const t0 = Date.now()
    const counts = await fuzzFunction({
      definition,
      send,
      watch: new DatabaseWatch(core.db),
      context: { knownIds: knownIds(core.db) },
      callers: [null, ...CALLERS.map((openid) => ({ openid }))],
      runsPerAction,
      seed,
      disposable: { actions: ['deleteMe'], newCaller: async () => ({ openid: `fuzz-throwaway-${++throwaways}` }) },
    })
    const unknownActions = await fuzzUnknownActions({
      definition,
      send,
      watch: new DatabaseWatch(core.db),
      callers: [null, ...CALLERS.map((openid) => ({ openid }))],
    })
    total += counts.calls + unknownActions
    const codes = Object.entries(counts.codes)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')
    console.log(
      `${definition.name.padEnd(14)} ${String(counts.calls).padStart(6)} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${counts.ok} ok, ${counts.refused} refused (${codes}); 0 INTERNAL, 0 refused calls changed the database`,
    )
  }
  total += await fuzzRealtimeOverHttp(path.join(dir, 'realtime.db'), cases, seed)
  console.log(`total ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, all invariants held`)
  core.db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

/** The realtime endpoint is HTTP only (not a routed action): fuzz it on a running local server. */
async function fuzzRealtimeOverHttp(dbFile: string, cases: number, seed: number): Promise<number> {
  const runtime = await startLocalRuntime({ dbFile, port: 0, logLevel: 'silent', rateLimits: false, jobs: false })
  try {
    const tokens = new Map<string, string>()
    for (const openid of CALLERS) {
      const response = await fetch(`${runtime.url}/api/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid }),
      })
      tokens.set(openid, ((await response.json()) as { data: { token: string } }).data.token)
    }
    const open: OpenStream = async (query, identity) => {
      const token = identity ? tokens.get(identity.openid) : undefined
      const controller = new AbortController()
      const response = await fetch(`${runtime.url}/api/realtime?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: controller.signal,
      })
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        controller.abort()
        return { status: response.status }
      }
      return { status: response.status, envelope: (await response.json()) as Envelope<unknown> }
    }
    const callers: Array<Identity | null> = [null, ...CALLERS.map((openid) => ({ openid }))]
    const t0 = Date.now()
    const counts = await fuzzRealtime({
      open,
      watch: new DatabaseWatch(runtime.db),
      context: { knownIds: knownIds(runtime.db) },
      callers,
      runs: Math.ceil(cases / 10),
      seed,
    })
    console.log(
      `${'realtime'.padEnd(14)} ${String(counts.calls).padStart(6)} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${counts.ok} streams, ${counts.refused} refused; 0 INTERNAL, nothing written`,
    )
    return counts.calls
  } finally {
    await runtime.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
