/**
 * Store round trips for every action: each action of each function is called once through the
 * router, by a caller the authorisation matrix allows, with the matrix's own input for it
 * (tests/support/authz-fixtures.ts), on the matrix's world (the demo neighbourhood plus a few
 * people and things about 5号楼). The caller is identified by openid alone, as on CloudBase, so
 * the account lookup is counted. Counted as tests/support/round-trips.ts counts them.
 *
 * The figures are counts, not timings: they do not depend on the machine.
 */
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { isPublicRoute } from '../../cloudfunctions/runtime/route'
import { LIVE_KINDS, MATRIX, type LiveKind } from '../../tests/api/authorization-matrix.table'
import { FIXTURES } from '../../tests/support/authz-fixtures'
import { arrangeWorld, type Person } from '../../tests/support/authz-world'
import { roundTripMeter } from '../../tests/support/round-trips'

export const ROUND_TRIPS_START = '<!-- round-trips:start (npm run bench:roundtrips writes this part) -->'
export const ROUND_TRIPS_END = '<!-- round-trips:end -->'

/** What a resident waits for per round trip on CloudBase, from a function to its database in the same region. */
const MS_PER_ROUND_TRIP = 10

/** Who plays an action: the first of these the matrix allows (✓, else ○). */
const PREFERRED: readonly LiveKind[] = [
  'resident',
  'leader',
  'organiser',
  'columnist',
  'admin',
  'otherResident',
  'otherLeader',
  'pending',
  'unverified',
]

export interface RoundTripRow {
  action: string
  kind: 'read' | 'write'
  caller: string
  /** Round trips, or null when the call did not succeed (then `problem` says why). */
  count: number | null
  problem?: string
}

function callerFor(key: string): LiveKind | 'anyone' | null {
  const row = MATRIX[key]
  if (!row) return null
  const { cells } = row
  if (LIVE_KINDS.every((kind) => cells[kind] === '✓') && cells.anonymous === '✓') return 'anyone'
  return (
    PREFERRED.find((kind) => cells[kind] === '✓') ??
    PREFERRED.find((kind) => cells[kind] === '○') ??
    LIVE_KINDS.find((kind) => cells[kind] === '✓' || cells[kind] === '○') ??
    null
  )
}

export async function measureEveryAction(): Promise<RoundTripRow[]> {
  const w = await arrangeWorld()
  try {
    const meter = roundTripMeter(w.t.runtime.deps)
    // A warm instance: the copy of the places is made once per instance, not per call.
    await meter.measure('account', 'listBuildings', undefined, { openid: w.callers.resident.openid })
    const rows: RoundTripRow[] = []
    for (const definition of ALL_FUNCTIONS) {
      for (const action of Object.keys(definition.routes)) {
        const name = `${definition.name}.${action}`
        const route = definition.routes[action]
        if (!route) continue
        const key = MATRIX[name] ? name : Object.keys(MATRIX).find((k) => k.startsWith(`${name}#`))
        const kind = key ? callerFor(key) : null
        const fixture = key ? FIXTURES[key] : undefined
        if (!key || !kind || !fixture) {
          rows.push({
            action: name,
            kind: route.kind,
            caller: '—',
            count: null,
            problem: 'no allowed caller in the matrix',
          })
          continue
        }
        let who: Person = kind === 'anyone' ? w.callers.resident : w.callers[kind]
        if (fixture.freshCaller && kind !== 'anyone') who = await w.newCaller(kind)
        const input = await fixture.input(w, who)
        const { reply, tally } = await meter.measure(
          definition.name,
          action,
          input,
          isPublicRoute(route) ? null : { openid: who.openid },
        )
        rows.push({
          action: name,
          kind: route.kind,
          caller: kind,
          count: reply.envelope.ok ? tally.total : null,
          ...(reply.envelope.ok ? {} : { problem: reply.envelope.error.code }),
        })
      }
    }
    return rows
  } finally {
    await w.t.close()
  }
}

/** The marked part of docs/BENCHMARKS.md: a few lines of explanation and the table. */
export function renderRoundTrips(rows: readonly RoundTripRow[]): string {
  const measured = rows.filter((r) => r.count !== null)
  const total = measured.reduce((n, r) => n + (r.count ?? 0), 0)
  const lines = rows.map((r) =>
    r.count === null
      ? `| \`${r.action}\` | ${r.kind} | ${r.caller} | — | not measured: ${r.problem} |`
      : `| \`${r.action}\` | ${r.kind} | ${r.caller} | ${r.count} | ${r.count * MS_PER_ROUND_TRIP} ms |`,
  )
  return [
    ROUND_TRIPS_START,
    '',
    'Store operations per call, counted through the router (tests/support/round-trips.ts) with the caller identified by openid alone, as on CloudBase — so the account lookup is included. On CloudBase each is a network round trip from the function to the database, made one after another unless the code runs them side by side; the last column is what that alone adds at 10 ms a round trip. A transaction counts one plus each operation inside it; a `getMany` one per 100 ids (one per id inside a transaction), as the CloudBase adapter sends them. Estates and buildings come from the instance’s copy (checked against the places version at most once a minute), so the figures are for a warm instance.',
    '',
    `Every action is called once, by the first kind of caller the authorisation matrix allows (its world: the demo neighbourhood and the matrix’s people and things about 5号楼), with the matrix’s input. ${measured.length} of ${rows.length} actions measured, ${total} round trips in all.`,
    '',
    '| action | kind | caller | round trips | at 10 ms a round trip |',
    '|---|---|---|---|---|',
    ...lines,
    '',
    ROUND_TRIPS_END,
  ].join('\n')
}

/** Put the table into a document in place of the previous one (or at its end). */
export function withRoundTrips(doc: string, section: string): string {
  const start = doc.indexOf(ROUND_TRIPS_START)
  const end = doc.indexOf(ROUND_TRIPS_END)
  if (start < 0 || end < start) return `${doc.trimEnd()}\n\n## Store round trips per action\n\n${section}\n`
  return doc.slice(0, start) + section + doc.slice(end + ROUND_TRIPS_END.length)
}
