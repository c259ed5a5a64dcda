/**
 * `npm run chaos [-- --kills 10 --seed 1 --keep]`: kill the real local runtime with SIGKILL at
 * random moments under a mixed write load, restart it on the same file, and check that nothing
 * acknowledged was lost or doubled (scripts/durability/chaos-run.ts says exactly what is checked).
 * Prints a Markdown summary; exits 1 when a check fails.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from './bench/harness'
import { chaosSummary, runChaos } from './durability/chaos-run'
import { numberFlag } from './lib/flags'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { kills: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean', default: false } },
  })
  const kills = numberFlag(values, 'kills', 10, 'whole')
  const seed = numberFlag(values, 'seed', 1, 'whole')
  const keep = values.keep
  const report = await runChaos({
    kills,
    seed,
    keep,
    ...(keep ? { dir: path.join(ROOT, '.data', 'chaos', `seed-${seed}`) } : {}),
    log: (line) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
  })
  process.stdout.write(`\n${chaosSummary(report, `npm run chaos -- --kills ${kills} --seed ${seed}`)}\n`)
  if (report.failures.length) process.exitCode = 1
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
