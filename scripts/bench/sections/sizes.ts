import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fmt, ROOT, table, type BenchSection } from '../harness'

const LIMIT_MB = 2

function dirBytes(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    total += entry.isDirectory() ? dirBytes(p) : fs.statSync(p).size
  }
  return total
}

/** WeChat's limits: 2 MB for the main package and for each subpackage. */
export const sizes: BenchSection = {
  title: 'WeChat package size',
  async run() {
    const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
      cwd: ROOT,
      stdio: 'ignore',
    })
    if (build.status !== 0) throw new Error('weapp build failed')
    const dist = path.join(ROOT, 'dist', 'weapp')
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
      subPackages?: Array<{ root: string }>
      subpackages?: Array<{ root: string }>
    }
    const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
    const total = dirBytes(dist)
    const subs = subRoots.map((root) => ({
      root,
      bytes: fs.existsSync(path.join(dist, root)) ? dirBytes(path.join(dist, root)) : 0,
    }))
    const main = total - subs.reduce((n, s) => n + s.bytes, 0)
    const mb = (b: number) => b / 2 ** 20
    const rows = [
      ['main package', fmt(mb(main) * 1024, 0) + ' KB', `${fmt((mb(main) / LIMIT_MB) * 100, 1)} % of 2 MB`],
      ...subs.map((s) => [
        `subpackage ${s.root}`,
        fmt(mb(s.bytes) * 1024, 0) + ' KB',
        `${fmt((mb(s.bytes) / LIMIT_MB) * 100, 1)} % of 2 MB`,
      ]),
      ['total', fmt(mb(total) * 1024, 0) + ' KB', `${fmt((mb(total) / 20) * 100, 1)} % of the 20 MB total`],
    ]
    return `Production build (\`taro build --type weapp\`), measured on \`dist/weapp\`.\n\n${table(['part', 'size', 'of the limit'], rows)}`
  },
}
