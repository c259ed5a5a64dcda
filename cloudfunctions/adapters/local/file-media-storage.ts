import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Clock, MediaStorage } from '../../core/shared/ports'

const KEY_SHAPE = /^(uploads|chat)\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_~.-]{1,160}$/

export type LinkCheck = { ok: true } | { ok: false; why: 'invalid' | 'expired' }

/**
 * Photos as files under the data folder (`<data>/media/…`), never served as static files: a link
 * from `links` names the file, the person it was made for and when it expires, signed with a key
 * kept beside the files (HMAC-SHA256). The file route checks the signature and the expiry, then
 * asks the chat feature whether that person may still see the file.
 */
export class FileMediaStorage implements MediaStorage {
  private readonly linkKey: Buffer

  constructor(
    readonly root: string,
    private readonly clock: Clock,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 })
    const keyFile = path.join(root, '.link-key')
    if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
    this.linkKey = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'hex')
  }

  /** The file of a key; null for anything that is not a key this storage makes (no `..`, no absolute paths). */
  fileOf(key: string): string | null {
    if (!KEY_SHAPE.test(key) || key.split('/').some((part) => part === '..' || part === '.')) return null
    return path.join(this.root, ...key.split('/'))
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<string> {
    const file = this.fileOf(key)
    if (!file) throw new Error(`not a media key: ${key}`)
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    const temp = `${file}.${randomBytes(4).toString('hex')}.part`
    fs.writeFileSync(temp, bytes, { mode: 0o600 })
    fs.renameSync(temp, file)
    return key
  }

  async get(key: string): Promise<Uint8Array | null> {
    const file = this.fileOf(key)
    if (!file) return null
    try {
      return new Uint8Array(fs.readFileSync(file))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const file = this.fileOf(key)
      if (file) fs.rmSync(file, { force: true })
    }
  }

  async links(keys: readonly string[], viewerId: string, ttlSeconds: number): Promise<Map<string, string>> {
    const expires = this.clock.now() + ttlSeconds * 1000
    return new Map(
      keys.map((key) => [
        key,
        `/api/media/files/${key}?v=${encodeURIComponent(viewerId)}&e=${expires}&s=${this.sign(key, viewerId, expires)}`,
      ]),
    )
  }

  /** Whether a link's signature holds and it has not expired (who may see the file is asked separately). */
  checkLink(key: string, viewerId: string, expires: number, signature: string): LinkCheck {
    const expected = Buffer.from(this.sign(key, viewerId, expires))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'invalid' }
    if (!(expires > this.clock.now())) return { ok: false, why: 'expired' }
    return { ok: true }
  }

  /** Bytes held under a prefix (e.g. `chat/<groupId>`), for storage use. */
  bytesUnder(prefix: string): number {
    const dir = this.fileOf(`${prefix}/x`)
    if (!dir) return 0
    const folder = path.dirname(dir)
    if (!fs.existsSync(folder)) return 0
    return fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0)
  }

  private sign(key: string, viewerId: string, expires: number): string {
    return createHmac('sha256', this.linkKey).update(`${key}\n${viewerId}\n${expires}`).digest('base64url')
  }
}
