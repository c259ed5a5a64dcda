import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export interface TokenClaims {
  uid: string
  openid: string
  /** Issued / expires, epoch ms. */
  iat: number
  exp: number
}

export const DEFAULT_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

/**
 * Local session tokens: `v1.<claims>.<HMAC-SHA256>`, base64url. The secret never leaves the
 * machine: it is generated on first start and kept beside the database with mode 0600.
 */
export class TokenSigner {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = DEFAULT_TOKEN_TTL_MS,
  ) {
    if (secret.length < 32) throw new Error('token secret too short')
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(`v1.${payload}`).digest()
  }

  sign(subject: { uid: string; openid: string }): string {
    const iat = this.now()
    const claims: TokenClaims = { uid: subject.uid, openid: subject.openid, iat, exp: iat + this.ttlMs }
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    return `v1.${payload}.${this.mac(payload).toString('base64url')}`
  }

  /** The claims of a genuine, unexpired token; null for anything else. */
  verify(token: string): TokenClaims | null {
    const parts = token.split('.')
    if (parts.length !== 3 || parts[0] !== 'v1') return null
    const [, payload = '', signature = ''] = parts
    const expected = this.mac(payload)
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims
      if (typeof claims.uid !== 'string' || typeof claims.openid !== 'string' || typeof claims.exp !== 'number')
        return null
      return claims.exp > this.now() ? claims : null
    } catch {
      return null
    }
  }
}

/** Read the signing secret, creating it (mode 0600) on first start. A readable-by-others file is tightened. */
export function loadOrCreateSecret(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (!fs.existsSync(file)) {
    // Written whole to a private temporary file and synced, then linked into place: a process
    // killed mid-way (or a power cut) leaves no file or the whole secret, never an empty one that
    // would stop every later start. link() fails if another process got there first; theirs wins.
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600)
    try {
      fs.writeSync(fd, randomBytes(48).toString('base64'))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    try {
      fs.linkSync(temp, file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      fs.rmSync(temp, { force: true })
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600)
  const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
  if (secret.length < 32) throw new Error(`token secret in ${file} is too short; delete the file to generate a new one`)
  return secret
}
