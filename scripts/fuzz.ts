/**
 * `npm run fuzz`: at least 10,000 cases per function (`-- --cases N` for more), valid and hostile,
 * straight into the router on a fresh demo database, as every kind of caller. Prints the counts;
 * exits non-zero on the first broken invariant (a malformed reply, INTERNAL, or a refused call
 * that changed the database).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalCore } from '../cloudfunctions/local-runtime'
import { ALL_FUNCTIONS } from '../cloudfunctions/functions/registry'
import { DatabaseWatch, fuzzFunction, knownIds, type Send } from '../tests/support/fuzz-runner'

const CALLERS = ['demo-admin', 'demo-leader-5', 'demo-resident-5', 'demo-resident-11', 'demo-doctor', 'demo-youth', 'demo-newcomer']

async function main(): Promise<void> {
  const casesFlag = process.argv.indexOf('--cases')
  const cases = casesFlag >= 0 ? Number(process.argv[casesFlag + 1]) : 10_000
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
    total += counts.calls
    const codes = Object.entries(counts.codes)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')
    console.log(`${definition.name.padEnd(14)} ${String(counts.calls).padStart(6)} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${counts.ok} ok, ${counts.refused} refused (${codes}); 0 INTERNAL, 0 refused calls changed the database`)
  }
  console.log(`total ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, all invariants held`)
  core.db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
