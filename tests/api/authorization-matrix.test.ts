import type { Envelope } from '../../contracts'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import type { FunctionDefinition } from '../../cloudfunctions/runtime/route'
import { FIXTURES } from '../support/authz-fixtures'
import { arrangeWorld, type Person, type World } from '../support/authz-world'
import { assertWellFormed, DatabaseWatch } from '../support/fuzz-runner'
import type { ApiClient } from '../support/runtime'
import {
  CALLER_KINDS,
  cellCount,
  LIVE_KINDS,
  MATRIX,
  type CallerKind,
  type Cell,
  type LiveKind,
} from './authorization-matrix.table'
import { at, entryOf, firstOf, take } from '../support/lists'

/**
 * Every action of every function, called by every kind of caller about 金上海家园 5号楼's
 * things, against one arranged world. Each cell of authorization-matrix.table.ts is checked:
 * the reply, that a refusal or a private no-op changed nothing, that no reply of a read action
 * changed anything, and that nothing refused or private leaks into a reply.
 */

const rowsOf = (definition: FunctionDefinition, action: string) =>
  Object.keys(MATRIX).filter(
    (key) => key === `${definition.name}.${action}` || key.startsWith(`${definition.name}.${action}#`),
  )

const isLive = (kind: CallerKind): kind is LiveKind => (LIVE_KINDS as readonly string[]).includes(kind)

describe('authorisation matrix: every action × every kind of caller', () => {
  let w: World
  let watch: DatabaseWatch
  const tally = { cells: 0, refused: 0, allowed: 0, private: 0 }
  /** Write routes that changed the database in at least one allowed cell. */
  const writesThatWrote = new Set<string>()

  beforeAll(async () => {
    w = await arrangeWorld()
    watch = new DatabaseWatch(w.t.runtime.db)
  }, 120_000)
  afterAll(() => w?.t.close())

  test('when the functions are listed, then every action has at least one row and a fixture, and every row names a real action', () => {
    const missing: string[] = []
    for (const definition of ALL_FUNCTIONS) {
      for (const action of Object.keys(definition.routes))
        if (!rowsOf(definition, action).length) missing.push(`${definition.name}.${action}`)
    }
    const actions = new Set(ALL_FUNCTIONS.flatMap((d) => Object.keys(d.routes).map((a) => `${d.name}.${a}`)))
    const stale = Object.keys(MATRIX).filter((key) => !actions.has(firstOf(key.split('#'))))
    const withoutFixture = Object.keys(MATRIX).filter((key) => !FIXTURES[key])
    const fixtureWithoutRow = Object.keys(FIXTURES).filter((key) => !MATRIX[key])
    expect({ missing, stale, withoutFixture, fixtureWithoutRow }).toEqual({
      missing: [],
      stale: [],
      withoutFixture: [],
      fixtureWithoutRow: [],
    })
  })

  function clientOf(kind: CallerKind): { client: ApiClient; who: Person } {
    if (isLive(kind)) return { client: w.callers[kind].client, who: w.callers[kind] }
    return { client: w[kind], who: w.callers.resident }
  }

  /** Plays one row; returns what did not hold, one line per broken cell. */
  async function playRow(definition: FunctionDefinition, key: string): Promise<string[]> {
    const action = firstOf(at(key.split('.'), 1).split('#'))
    const route = entryOf(definition.routes, action)
    const fixture = entryOf(FIXTURES, key)
    const { cells } = entryOf(MATRIX, key)
    const failures: string[] = []
    // Refusals and private no-ops first, on one shared input: none of them may change anything.
    const order = [...CALLER_KINDS].sort((a, b) => Number(cells[a] === '✓') - Number(cells[b] === '✓'))
    let shared: unknown
    let sharedMade = false
    for (const kind of order) {
      const cell = cells[kind]
      const allowed = cell === '✓' || cell === '○'
      let { client, who } = clientOf(kind)
      if (allowed && fixture.freshCaller && isLive(kind)) {
        who = await w.newCaller(kind)
        client = who.client
      }
      let input: unknown
      if (allowed && (fixture.freshCaller || (cell === '✓' && fixture.fresh))) input = await fixture.input(w, who)
      else if (fixture.fresh) {
        // One thing made for all the refusals: none of them may use it up.
        if (!sharedMade) {
          shared = await fixture.input(w, who)
          sharedMade = true
        }
        input = shared
      } else input = await fixture.input(w, who)
      const label = `${key} × ${kind}`
      const beforeHash = cell === '✓' ? '' : watch.hash()
      const beforeChanges = watch.changes()
      const { status, body } = await client.call(definition.name, action, input)
      tally.cells++
      const changed = watch.changes() !== beforeChanges
      const json = JSON.stringify(body)
      try {
        assertWellFormed(status, body as Envelope<unknown>, label)
      } catch (error) {
        failures.push((error as Error).message)
        continue
      }
      if (route.kind === 'read' && changed) failures.push(`${label}: a read action changed the database`)
      if (cell === '✓') {
        tally.allowed++
        if (!body.ok) {
          failures.push(`${label}: expected ✓, got ${status} ${body.error.code} ${body.error.message}`)
          continue
        }
        if (route.kind === 'write' && changed) writesThatWrote.add(`${definition.name}.${action}`)
        for (const word of (await fixture.shows?.(w, kind as LiveKind)) ?? []) {
          if (!json.includes(word)) failures.push(`${label}: ✓ reply does not show ${word}`)
        }
        continue
      }
      if (watch.hash() !== beforeHash)
        failures.push(`${label}: expected ${cell} and no change, but the database changed`)
      if (cell === '○') {
        tally.private++
        if (!body.ok) {
          failures.push(`${label}: expected ○, got ${status} ${body.error.code} ${body.error.message}`)
          continue
        }
        for (const word of (await fixture.secrets?.(w)) ?? []) {
          if (json.includes(word)) failures.push(`${label}: ○ reply leaks ${word}`)
        }
        continue
      }
      tally.refused++
      if (body.ok) {
        failures.push(`${label}: expected ${cell}, but it was allowed: ${json.slice(0, 200)}`)
        continue
      }
      if (body.error.code !== (cell as Cell))
        failures.push(`${label}: expected ${cell}, got ${body.error.code} ${body.error.message}`)
      for (const word of await w.secrets()) {
        if (json.includes(word)) failures.push(`${label}: refusal leaks ${word}`)
      }
    }
    return failures
  }

  for (const definition of ALL_FUNCTIONS) {
    test(`when every action of ${definition.name} is called by every kind of caller, then each cell is as the table says, refusals change and leak nothing`, async () => {
      const failures: string[] = []
      for (const action of Object.keys(definition.routes)) {
        for (const key of rowsOf(definition, action)) {
          if (FIXTURES[key]) failures.push(...(await playRow(definition, key)))
        }
      }
      expect(failures).toEqual([])
    }, 120_000)
  }

  test('when the matrix has been played, then every cell was checked and every write action that anyone may call really writes', () => {
    expect(tally.cells).toBe(cellCount())
    const allowedWrites = Object.keys(MATRIX)
      .filter((key) => Object.values(entryOf(MATRIX, key).cells).includes('✓'))
      .map((key) => firstOf(key.split('#')))
      .filter((key) => {
        const [fn, action] = take(key.split('.'), 2)
        return ALL_FUNCTIONS.find((d) => d.name === fn)?.routes[action]?.kind === 'write'
      })
    // A 'write' that never writes would be a read with a rate limit it does not need; say so.
    expect([...new Set(allowedWrites)].filter((key) => !writesThatWrote.has(key))).toEqual([])
    if (process.env.MATRIX_VERBOSE) console.log(tally)
  })

  test('when the matrix has been played, then the log holds none of the private words, names, rooms or codes it saw', async () => {
    expect(w.logs.length).toBeGreaterThan(cellCount())
    const secrets = await w.secrets()
    const leaks = w.logs.filter((line) => secrets.some((word) => line.includes(word)))
    expect(leaks).toEqual([])
  })
})
