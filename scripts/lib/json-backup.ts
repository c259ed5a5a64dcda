/**
 * Every collection to JSON files and back, through the DocumentStore port: the same code backs up
 * a CloudBase environment and the local database. Export pages by `_id` (1,000 at a time, the
 * most a CloudBase query returns); import goes only into an empty store, all files checked first.
 *
 * A directory holds `manifest.json` and one `<collection>.json` (an array of documents) per
 * collection; the manifest lists each file's document count and SHA-256.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { CollectionSpec } from '../../cloudfunctions/core/shared/collections'
import { MAX_FIND_LIMIT, type Doc, type UntypedDocumentStore } from '../../cloudfunctions/core/shared/document-store'
import { BackupRefused } from './sqlite-backup'

export const MANIFEST = 'manifest.json'
const FORMAT = 'louzu-collections'
const FORMAT_VERSION = 1

export interface ManifestEntry {
  name: string
  file: string
  documents: number
  sha256: string
}

export interface Manifest {
  format: typeof FORMAT
  formatVersion: number
  createdAt: string
  /** Where it came from, e.g. `cloudbase:<env id>` or `local:<file>`. */
  source: string
  collections: ManifestEntry[]
}

type Progress = (line: string) => void

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function writeOwnerOnly(file: string, text: string): void {
  const partial = `${file}.partial`
  fs.writeFileSync(partial, text, { mode: 0o600 })
  fs.chmodSync(partial, 0o600)
  fs.renameSync(partial, file)
}

/** All documents of a collection, in `_id` order, a page at a time (a filter on the last id, never `skip`). */
async function readAll(store: UntypedDocumentStore, collection: string): Promise<Doc[]> {
  const all: Doc[] = []
  let after = ''
  for (;;) {
    const page = await store.find<Doc>(
      collection,
      { _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT },
    )
    all.push(...page)
    const last = page.at(-1)
    if (!last || page.length < MAX_FIND_LIMIT) return all
    after = last._id
  }
}

/**
 * Write every declared collection to `dir` (created 0700; files 0600 — they hold everything). A
 * directory that already holds a backup is refused unless `force`. The pages of one collection
 * are read one after another while the product may be writing: export at a quiet hour.
 */
export async function exportCollections(
  store: UntypedDocumentStore,
  collections: readonly CollectionSpec[],
  dir: string,
  options: { source: string; now?: Date; force?: boolean; progress?: Progress },
): Promise<Manifest> {
  const progress = options.progress ?? (() => undefined)
  if (fs.existsSync(path.join(dir, MANIFEST)) && !options.force)
    throw new BackupRefused(`${dir} 里已经有一份备份；要覆盖请加 --force / ${dir} already holds a backup: add --force`)
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  fs.chmodSync(dir, 0o700)
  const entries: ManifestEntry[] = []
  for (const { name } of collections) {
    const docs = await readAll(store, name)
    const text = `[\n${docs.map((doc) => JSON.stringify(doc)).join(',\n')}\n]\n`
    const file = `${name}.json`
    writeOwnerOnly(path.join(dir, file), text)
    entries.push({ name, file, documents: docs.length, sha256: sha256(text) })
    progress(`  ${name.padEnd(28)} ${String(docs.length).padStart(7)}`)
  }
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    source: options.source,
    collections: entries,
  }
  // Written last: a directory without a manifest is an export that did not finish.
  writeOwnerOnly(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/** Read and check a whole backup directory before anything is written: counts, checksums, ids. */
export function readBackupDirectory(
  dir: string,
  collections: readonly CollectionSpec[],
): { manifest: Manifest; documents: Map<string, Doc[]> } {
  const manifestFile = path.join(dir, MANIFEST)
  if (!fs.existsSync(manifestFile))
    throw new BackupRefused(
      `${dir} 里没有 ${MANIFEST}：不是完整的备份 / no ${MANIFEST} in ${dir} (an export that did not finish?)`,
    )
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest
  } catch (error) {
    throw new BackupRefused(`${manifestFile} 读不懂 / unreadable: ${(error as Error).message}`)
  }
  if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION || !Array.isArray(manifest.collections)) {
    throw new BackupRefused(
      `${manifestFile} 不是楼组一片天的备份（或来自更新的版本）/ not a Louzu backup of format ${FORMAT} v${FORMAT_VERSION}`,
    )
  }
  const known = new Set(collections.map((spec) => spec.name))
  const documents = new Map<string, Doc[]>()
  for (const entry of manifest.collections) {
    if (!known.has(entry.name))
      throw new BackupRefused(
        `备份里有本版本没有的数据集合 ${entry.name}，请先升级程序 / unknown collection ${entry.name}: upgrade first`,
      )
    if (documents.has(entry.name))
      throw new BackupRefused(`${entry.name} 在清单里出现了两次 / ${entry.name} listed twice`)
    const file = path.join(dir, path.basename(entry.file))
    if (!fs.existsSync(file)) throw new BackupRefused(`缺少文件 ${entry.file} / missing ${entry.file}`)
    const text = fs.readFileSync(file, 'utf8')
    if (sha256(text) !== entry.sha256)
      throw new BackupRefused(
        `${entry.file} 和清单对不上（文件被改过或不完整）/ ${entry.file} does not match its checksum`,
      )
    const docs = JSON.parse(text) as unknown
    if (!Array.isArray(docs) || docs.length !== entry.documents)
      throw new BackupRefused(
        `${entry.file} 的条数和清单不同 / ${entry.file} does not hold ${entry.documents} documents`,
      )
    const ids = new Set<string>()
    for (const doc of docs as Array<Partial<Doc> | null>) {
      if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof doc._id !== 'string' || !doc._id)
        throw new BackupRefused(`${entry.file} 里有一条没有 _id / a document without an _id`)
      if (ids.has(doc._id)) throw new BackupRefused(`${entry.file} 里 _id ${doc._id} 出现了两次 / duplicate _id`)
      ids.add(doc._id)
    }
    documents.set(entry.name, docs as Doc[])
  }
  return { manifest, documents }
}

/** Collections that already hold documents (or cannot be read: their reason). */
async function notEmpty(store: UntypedDocumentStore, collections: readonly CollectionSpec[]): Promise<string[]> {
  const found: string[] = []
  for (const { name } of collections) {
    try {
      const count = await store.count(name, {})
      if (count > 0) found.push(`${name} (${count})`)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'DATABASE_COLLECTION_NOT_EXIST') {
        throw new BackupRefused(
          `数据集合 ${name} 不存在：请先运行 npm run deploy（它建好所有集合和索引），再恢复 / collection ${name} does not exist: run npm run deploy first`,
        )
      }
      throw error
    }
  }
  return found
}

/**
 * Import a backup directory into a store that holds nothing: refused, with the collections named,
 * if any declared collection holds a document. Everything is read and checked first; afterwards
 * each collection's count is compared with the manifest.
 */
export async function importCollections(
  store: UntypedDocumentStore,
  collections: readonly CollectionSpec[],
  dir: string,
  options: { progress?: Progress } = {},
): Promise<Manifest> {
  const progress = options.progress ?? (() => undefined)
  const { manifest, documents } = readBackupDirectory(dir, collections)
  const occupied = await notEmpty(store, collections)
  if (occupied.length) {
    throw new BackupRefused(
      `只能恢复到空的环境，这些数据集合里已有数据：${occupied.join(', ')} / the target is not empty; nothing was written`,
    )
  }
  for (const [name, docs] of documents) {
    for (let at = 0; at < docs.length; at += MAX_FIND_LIMIT)
      await store.insertMany(name, docs.slice(at, at + MAX_FIND_LIMIT))
    const stored = await store.count(name, {})
    if (stored !== docs.length) throw new Error(`${name}: ${stored} documents stored, ${docs.length} in the backup`)
    progress(`  ${name.padEnd(28)} ${String(docs.length).padStart(7)}`)
  }
  return manifest
}
