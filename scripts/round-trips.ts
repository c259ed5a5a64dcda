/**
 * `npm run bench:roundtrips`: count the store round trips of every action and write the table
 * into docs/BENCHMARKS.md in place (the rest of the file is left as `npm run bench` wrote it).
 * `-- --check`: exit 1 when the table in the file differs from a fresh count.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './bench/harness'
import { measureEveryAction, renderRoundTrips, withRoundTrips } from './bench/round-trips'

const DOC = path.join(ROOT, 'docs', 'BENCHMARKS.md')

async function main(): Promise<void> {
  const doc = fs.readFileSync(DOC, 'utf8')
  const next = withRoundTrips(doc, renderRoundTrips(await measureEveryAction()))
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      process.stderr.write('docs/BENCHMARKS.md: the round-trip table is out of date (npm run bench:roundtrips)\n')
      process.exit(1)
    }
    return
  }
  fs.writeFileSync(DOC, next)
  process.stdout.write(`wrote the round-trip table into ${path.relative(ROOT, DOC)}\n`)
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
