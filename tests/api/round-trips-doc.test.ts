import fs from 'node:fs'
import path from 'node:path'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { measureEveryAction, renderRoundTrips, withRoundTrips } from '../../scripts/bench/round-trips'

const DOC = path.resolve(__dirname, '..', '..', 'docs', 'BENCHMARKS.md')

describe('docs/BENCHMARKS.md: store round trips per action', () => {
  test('when every action is counted again, then the table in the document is the same, and lists every action (run npm run bench:roundtrips if not)', async () => {
    const rows = await measureEveryAction()
    const actions = ALL_FUNCTIONS.flatMap((d) => Object.keys(d.routes).map((a) => `${d.name}.${a}`))
    expect(rows.map((r) => r.action)).toEqual(actions)
    const doc = fs.readFileSync(DOC, 'utf8')
    expect(withRoundTrips(doc, renderRoundTrips(rows))).toBe(doc)
  }, 120_000)
})
