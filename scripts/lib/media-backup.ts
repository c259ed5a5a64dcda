import fs from 'node:fs'
import path from 'node:path'

/**
 * Photos and voice files beside a local database backup: `<backup>.media/` holds the runtime's
 * `media/chat/…` (the files messages point at). Left out on purpose: `uploads/` (an upload lives
 * only between the phone's upload and its send; one a backup caught would be an orphan) and
 * `.link-key` (it signs links that expire within minutes; a restored runtime makes a new one, as
 * it makes a new token secret).
 */

/** The media folder the runtime uses for a database file (local-runtime.ts: `media/` beside it). */
export function mediaDirOf(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'media')
}

/** Where a backup's media go: beside the backup file. */
export function backupMediaDirOf(backupFile: string): string {
  return `${path.resolve(backupFile)}.media`
}

export interface MediaCopy {
  files: number
  bytes: number
}

function copyTree(from: string, to: string, counts: MediaCopy): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 })
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyTree(source, target, counts)
    else if (entry.isFile() && !entry.name.endsWith('.part')) {
      try {
        fs.copyFileSync(source, target)
      } catch (error) {
        // Deleted (recalled, hidden, erased) while the copy ran: it is gone from the conversation too.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw error
      }
      fs.chmodSync(target, 0o600)
      counts.files += 1
      counts.bytes += fs.statSync(target).size
    }
  }
}

/**
 * Copies `media/chat` to `<backup>.media/chat` (0700 folders, 0600 files), through a `.partial`
 * folder renamed into place, after the database copy: a file deleted between the two is missing
 * from the backup exactly as its message no longer shows it. No media folder: nothing to copy.
 */
export function backupMedia(databaseFile: string, backupFile: string): MediaCopy | null {
  const source = path.join(mediaDirOf(databaseFile), 'chat')
  const destination = backupMediaDirOf(backupFile)
  const partial = `${destination}.partial`
  fs.rmSync(partial, { recursive: true, force: true })
  const counts: MediaCopy = { files: 0, bytes: 0 }
  fs.mkdirSync(partial, { mode: 0o700 })
  if (fs.existsSync(source)) copyTree(source, path.join(partial, 'chat'), counts)
  fs.rmSync(destination, { recursive: true, force: true })
  fs.renameSync(partial, destination)
  return counts
}

/**
 * Puts a backup's media back as the runtime's `media/chat`, the one it replaces kept as
 * `media/chat.before-restore-<time>`. A backup made before media were backed up has no
 * `.media` folder: then the media folder is left as it is (and said so).
 */
export function restoreMedia(
  backupFile: string,
  databaseFile: string,
  now = Date.now(),
): { restored: MediaCopy | null; previous: string | null } {
  const source = path.join(backupMediaDirOf(backupFile), 'chat')
  if (!fs.existsSync(backupMediaDirOf(backupFile))) return { restored: null, previous: null }
  const media = mediaDirOf(databaseFile)
  fs.mkdirSync(media, { recursive: true, mode: 0o700 })
  const target = path.join(media, 'chat')
  const incoming = `${target}.restoring`
  fs.rmSync(incoming, { recursive: true, force: true })
  const counts: MediaCopy = { files: 0, bytes: 0 }
  if (fs.existsSync(source)) copyTree(source, incoming, counts)
  else fs.mkdirSync(incoming, { mode: 0o700 })
  let previous: string | null = null
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
    fs.renameSync(target, previous)
  }
  fs.renameSync(incoming, target)
  return { restored: counts, previous }
}
