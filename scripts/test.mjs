// npm test: lint (types for each end, eslint, dependency rules), build what the ui and e2e tiers
// test (the WeChat and browser builds), then run every tier: unit, contract, api, ui, e2e. Extra
// arguments go to jest (e.g. --selectProjects api) and skip the lint step.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIsStale } from './freshness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

function run(command, args, label) {
  const started = Date.now()
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TENCENTCLOUD: 'true' },
  })
  console.log(`${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (process.argv.length <= 2) run('npm', ['run', '--silent', 'lint'], 'lint')

for (const platform of ['weapp', 'h5']) {
  if (process.env.CI || buildIsStale(root, platform)) {
    const started = Date.now()
    // Taro draws a progress bar on stderr; keep the log readable and show it only on failure.
    const result = spawnSync(bin('taro'), ['build', '--type', platform], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    })
    console.log(
      `taro build --type ${platform}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr)
      process.exit(result.status ?? 1)
    }
  }
}
run(bin('jest'), process.argv.slice(2), 'jest')
