// npm start: build the browser (h5) app if its sources changed, then serve the whole product.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIsStale } from './freshness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

if (buildIsStale(root, 'h5')) {
  console.log('Building the browser app (dist/h5)…')
  const build = spawnSync(bin('taro'), ['build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (build.status !== 0) {
    console.error('The h5 build failed; see the errors above.')
    process.exit(build.status ?? 1)
  }
}

const server = spawn(bin('tsx'), [path.join(root, 'cloudfunctions', 'serve-local.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
// Ctrl-C reaches the server too (same process group); it closes the database cleanly and exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
