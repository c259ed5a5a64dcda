/**
 * `npm run bench`: run every benchmark section (or `-- --only a,b`) and write docs/BENCHMARKS.md.
 * Figures from one run on one machine; the machine is noisy, so sections report medians and
 * ratios against a baseline measured in the same run.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { machine, ROOT } from './bench/harness'
import { SECTIONS } from './bench/sections'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } })
  const only = values.only === undefined ? null : new Set(values.only.split(','))
  const started = new Date()
  const parts: string[] = []
  for (const [name, section] of Object.entries(SECTIONS)) {
    if (only && !only.has(name)) continue
    process.stdout.write(`bench ${name}: ${section.title}… `)
    const t0 = Date.now()
    try {
      parts.push(`## ${section.title}\n\n${await section.run()}\n`)
      process.stdout.write(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
    } catch (error) {
      parts.push(`## ${section.title}\n\nFailed in this run: ${(error as Error).message}\n`)
      process.stdout.write(`FAILED: ${(error as Error).message}\n`)
    }
  }
  const report = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine()}.`,
    'All figures in a section come from the same run; compare ratios rather than absolute numbers across machines.',
    '',
    ...parts,
  ].join('\n')
  const out = path.join(ROOT, 'docs', only ? 'BENCHMARKS.partial.md' : 'BENCHMARKS.md')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, report)
  process.stdout.write(`\nwrote ${path.relative(ROOT, out)}\n`)
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
