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

/**
 * What the main package holds, biggest first: each top-level file on its own (the shared
 * vendors/taro/app/common chunks, the base template), each folder (a page, the assets) as one.
 */
function mainPackageParts(dist: string, subRoots: readonly string[]): Array<{ part: string; bytes: number }> {
  const parts: Array<{ part: string; bytes: number }> = []
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dist, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (subRoots.some((root) => child === root || root.startsWith(`${child}/`))) {
        // A folder that holds a subpackage: look inside it for what is not in one.
        if (entry.isDirectory() && !subRoots.includes(child)) walk(child)
        continue
      }
      const p = path.join(dist, child)
      // A page is a folder of pages/; other folders (assets) count as one part.
      if (entry.isDirectory() && child === 'pages') walk(child)
      else
        parts.push({
          part: entry.isDirectory() ? `${child}/` : child,
          bytes: entry.isDirectory() ? dirBytes(p) : fs.statSync(p).size,
        })
    }
  }
  walk('')
  return parts.sort((a, b) => b.bytes - a.bytes)
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
    const parts = mainPackageParts(dist, subRoots)
    const partRows = parts.map((p) => [p.part, fmt(p.bytes / 1024, 1) + ' KB', `${fmt((p.bytes / main) * 100, 1)} %`])
    return [
      `Production build (\`taro build --type weapp\`), measured on \`dist/weapp\`.`,
      table(['part', 'size', 'of the limit'], rows),
      `What the main package holds, biggest first (${fmt(main / 1024, 0)} KB; the budget is 512 KB, a quarter of the limit):`,
      table(['file or folder', 'size', 'of the main package'], partRows),
    ].join('\n\n')
  },
}
