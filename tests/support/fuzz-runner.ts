import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import fc from 'fast-check'
import { httpStatusOf, isErrorCode, type Envelope } from '../../contracts'
import type { Identity } from '../../cloudfunctions/core/account/identity'
import type { FunctionDefinition } from '../../cloudfunctions/runtime/route'
import { cycle } from '../../cloudfunctions/core/shared/lists'
import { HOSTILE_VALUES, hostileInput, PROTOTYPE_WORDS, validInput, type FuzzContext } from './fuzz'

/** One call as the fuzzer makes it: the raw JSON body text, and who is calling. */
export type Send = (
  fn: string,
  bodyJson: string,
  identity: Identity | null,
) => Promise<{ status: number; envelope: Envelope<unknown> }>

export interface FuzzCounts {
  calls: number
  ok: number
  refused: number
  codes: Record<string, number>
}

/**
 * Watches the database cheaply: SQLite's total_changes() says whether anything was written at
 * all; only then is the full content hash computed, so "a refused call changed nothing" is
 * checked byte for byte on every call without hashing twice per call.
 */
export class DatabaseWatch {
  private cached: { changes: number; hash: string } | null = null

  constructor(private readonly db: Database) {}

  changes(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  }

  hash(): string {
    const changes = this.changes()
    if (this.cached?.changes === changes) return this.cached.hash
    const hash = createHash('sha256')
    // Protective counters excepted: counting a refused attempt (a wrong join code) is the one
    // write a refusal makes, on purpose (cloudfunctions/core/shared/counters.ts).
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'c_counters' ORDER BY name`)
      .all() as Array<{ name: string }>
    for (const { name } of tables) {
      hash.update(`#${name}\n`)
      for (const row of this.db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate() as Iterable<
        Record<string, unknown>
      >)
        hash.update(JSON.stringify(row))
    }
    this.cached = { changes, hash: hash.digest('hex') }
    return this.cached.hash
  }
}

/** Every reply must be a well-formed envelope with a stable, known code and a Chinese message — never INTERNAL. */
export function assertWellFormed(status: number, envelope: Envelope<unknown>, label: string): void {
  if (!envelope || typeof envelope !== 'object' || typeof envelope.ok !== 'boolean')
    throw new Error(`${label}: not an envelope: ${JSON.stringify(envelope)}`)
  if (envelope.ok) {
    if (status !== 200) throw new Error(`${label}: ok envelope with status ${status}`)
    return
  }
  const { code, message } = envelope.error
  if (!isErrorCode(code)) throw new Error(`${label}: unknown error code ${code}`)
  if (code === 'INTERNAL') throw new Error(`${label}: INTERNAL (requestId ${envelope.error.requestId})`)
  if (typeof message !== 'string' || !message) throw new Error(`${label}: error without a message`)
  // A clear error: a sentence a person can read, and for bad input the field it is about.
  if (!/[\u4e00-\u9fff]/.test(message)) throw new Error(`${label}: ${code} message is not in Chinese: ${message}`)
  if (code === 'INPUT.INVALID' && typeof envelope.error.field !== 'string')
    throw new Error(`${label}: INPUT.INVALID without the field it is about`)
  if (status !== httpStatusOf(code)) throw new Error(`${label}: status ${status} does not match ${code}`)
}

export interface FuzzPlan {
  definition: FunctionDefinition
  send: Send
  watch: DatabaseWatch
  context: FuzzContext
  callers: Array<Identity | null>
  /** Cases per action for each of: valid inputs, hostile inputs. */
  runsPerAction: number
  /**
   * Actions that end the caller's account (deleteMe): played by a throwaway caller each time,
   * so the personas survive to exercise everything else.
   */
  disposable?: { actions: string[]; newCaller: () => Promise<Identity> }
  seed?: number
}

/** Fuzz every action of one function; returns counts, throws on the first broken invariant. */
export async function fuzzFunction(plan: FuzzPlan): Promise<FuzzCounts> {
  const counts: FuzzCounts = { calls: 0, ok: 0, refused: 0, codes: {} }
  const { definition, send, watch, context, callers } = plan
  for (const action of Object.keys(definition.routes)) {
    const contract = definition.contract[action]
    if (!contract) throw new Error(`${definition.name}.${action} has a route but no contract`)
    const schema = contract.input
    const bodies = fc.oneof(
      validInput(schema, context).map((data) => JSON.stringify({ action, data })),
      hostileInput(schema, context).map((data) => `{"action":${JSON.stringify(action)},"data":${data}}`),
    )
    await fc.assert(
      fc.asyncProperty(bodies, fc.nat({ max: callers.length - 1 }), async (body, who) => {
        const caller = plan.disposable?.actions.includes(action)
          ? await plan.disposable.newCaller()
          : cycle(callers, who)
        const before = watch.hash()
        const { status, envelope } = await send(definition.name, body, caller)
        const label = `${definition.name}.${action} as ${caller?.openid ?? 'anonymous'} with ${body.slice(0, 300)}`
        assertWellFormed(status, envelope, label)
        counts.calls++
        if (envelope.ok) counts.ok++
        else {
          counts.refused++
          counts.codes[envelope.error.code] = (counts.codes[envelope.error.code] ?? 0) + 1
          if (watch.hash() !== before)
            throw new Error(`${label}: refused with ${envelope.error.code} but the database changed`)
        }
      }),
      { numRuns: plan.runsPerAction * 2, seed: plan.seed, endOnFailure: true },
    )
  }
  return counts
}

/**
 * Actions that do not exist, named with the words every object already knows: each is
 * NOT_FOUND.ACTION for every caller, and changes nothing.
 */
export async function fuzzUnknownActions(
  plan: Pick<FuzzPlan, 'definition' | 'send' | 'watch' | 'callers'>,
): Promise<number> {
  let calls = 0
  for (const word of PROTOTYPE_WORDS) {
    for (const caller of plan.callers) {
      const before = plan.watch.hash()
      const { status, envelope } = await plan.send(
        plan.definition.name,
        JSON.stringify({ action: word, data: {} }),
        caller,
      )
      const label = `${plan.definition.name}.${word} as ${caller?.openid ?? 'anonymous'}`
      assertWellFormed(status, envelope, label)
      if (envelope.ok || envelope.error.code !== 'NOT_FOUND.ACTION')
        throw new Error(`${label}: expected NOT_FOUND.ACTION, got ${JSON.stringify(envelope)}`)
      if (plan.watch.hash() !== before) throw new Error(`${label}: refused but the database changed`)
      calls++
    }
  }
  return calls
}

/** Opens `GET /api/realtime?<query>` as someone (null: nobody); answers the status, and the envelope unless a stream opened (then it is closed). */
export type OpenStream = (
  query: string,
  identity: Identity | null,
) => Promise<{ status: number; envelope?: Envelope<unknown> }>

/** Topic strings: real and prototype-word kinds and ids, and hostile text in either place. */
export function realtimeQuery(context: FuzzContext): fc.Arbitrary<string> {
  // Lone surrogates cannot travel in a URL at all (encodeURIComponent refuses them).
  const hostileText = fc.constantFrom(
    ...HOSTILE_VALUES.filter((v): v is string => typeof v === 'string' && v.length < 200 && !/[\uD800-\uDFFF]/.test(v)),
  )
  const kind = fc.oneof(
    fc.constantFrom('group', ...PROTOTYPE_WORDS, ...PROTOTYPE_WORDS.map((w) => w.toLowerCase())),
    hostileText,
  )
  const id = fc.oneof(
    fc.constantFrom(...(context.knownIds.length ? context.knownIds : ['x'])),
    fc.constantFrom(...PROTOTYPE_WORDS),
    hostileText,
  )
  const topic = fc.tuple(kind, id).map(([k, i]) => `${k}:${i}`)
  const cursor = fc.oneof(
    fc.constant(''),
    fc.nat().map(String),
    fc.constantFrom(...PROTOTYPE_WORDS),
    hostileText,
    topic.map((t) => `${t}@1`),
  )
  return fc
    .tuple(fc.array(topic, { minLength: 0, maxLength: 3 }), cursor)
    .map(
      ([topics, after]) =>
        `topics=${encodeURIComponent(topics.join(','))}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    )
}

/** Fuzz the realtime endpoint: every answer is a stream or a stable envelope (never INTERNAL), and nothing is written. */
export async function fuzzRealtime(plan: {
  open: OpenStream
  watch: DatabaseWatch
  context: FuzzContext
  callers: Array<Identity | null>
  runs: number
  seed?: number
}): Promise<FuzzCounts> {
  const counts: FuzzCounts = { calls: 0, ok: 0, refused: 0, codes: {} }
  await fc.assert(
    fc.asyncProperty(realtimeQuery(plan.context), fc.nat({ max: plan.callers.length - 1 }), async (query, who) => {
      const caller = cycle(plan.callers, who)
      const before = plan.watch.hash()
      const { status, envelope } = await plan.open(query, caller)
      const label = `realtime ?${query.slice(0, 300)} as ${caller?.openid ?? 'anonymous'}`
      counts.calls++
      if (!envelope) {
        if (status !== 200) throw new Error(`${label}: a stream with status ${status}`)
        counts.ok++
      } else {
        assertWellFormed(status, envelope, label)
        if (envelope.ok) throw new Error(`${label}: an ok envelope instead of a stream`)
        counts.refused++
        counts.codes[envelope.error.code] = (counts.codes[envelope.error.code] ?? 0) + 1
      }
      if (plan.watch.hash() !== before) throw new Error(`${label}: the database changed`)
    }),
    { numRuns: plan.runs, seed: plan.seed, endOnFailure: true },
  )
  return counts
}

/** Ids of real documents, so generated ids hit real buildings, groups, users and memberships. */
export function knownIds(db: Database): string[] {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c_%'`).all() as Array<{
      name: string
    }>
  ).map((t) => t.name)
  const ids: string[] = []
  for (const table of tables) {
    const rows = db.prepare(`SELECT id FROM "${table}" ORDER BY RANDOM() LIMIT 40`).all() as Array<{ id: string }>
    ids.push(...rows.map((r) => r.id).filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)))
  }
  return ids
}
