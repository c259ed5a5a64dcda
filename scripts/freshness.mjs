import fs from 'node:fs'
import path from 'node:path'

/** Newest modification time of any file under these paths (0 when none exist). */
export function newestMtime(paths) {
  let newest = 0
  const visit = (p) => {
    let stat
    try {
      stat = fs.statSync(p)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  paths.forEach(visit)
  return newest
}

/** Whether a Taro build output is older than the sources it was built from. */
export function buildIsStale(root, platform) {
  const marker = path.join(root, 'dist', platform, platform === 'h5' ? 'index.html' : 'app.json')
  if (!fs.existsSync(marker)) return true
  const sources = ['src', 'contracts', 'config', 'babel.config.js', 'package.json', 'tsconfig.json'].map((p) =>
    path.join(root, p),
  )
  return newestMtime(sources) > fs.statSync(marker).mtimeMs
}
