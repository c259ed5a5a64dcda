import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_TOKEN_TTL_MS, loadOrCreateSecret, TokenSigner } from '../../cloudfunctions/runtime/tokens'
import { take } from '../support/lists'

const SECRET = Buffer.alloc(48, 1)
const subject = { uid: 'u_1', openid: 'demo-resident-5' }

describe('TokenSigner', () => {
  let now = Date.UTC(2026, 10, 28)
  const signer = new TokenSigner(SECRET, () => now)
  beforeEach(() => {
    now = Date.UTC(2026, 10, 28)
  })

  test('when a token is signed, then it verifies to its claims with a 30-day expiry', () => {
    const token = signer.sign(subject)
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(signer.verify(token)).toEqual({ ...subject, iat: now, exp: now + DEFAULT_TOKEN_TTL_MS })
    expect(DEFAULT_TOKEN_TTL_MS).toBe(30 * 24 * 3600 * 1000)
  })

  test('when the expiry arrives, then the token stops verifying (valid up to the last millisecond)', () => {
    const token = signer.sign(subject)
    now += DEFAULT_TOKEN_TTL_MS - 1
    expect(signer.verify(token)).not.toBeNull()
    now += 1
    expect(signer.verify(token)).toBeNull()
  })

  test('when a shorter lifetime is configured, then tokens expire after it', () => {
    const short = new TokenSigner(SECRET, () => now, 1000)
    const token = short.sign(subject)
    now += 1000
    expect(short.verify(token)).toBeNull()
  })

  test('when the claims are edited, then the signature no longer matches', () => {
    const [v, payload, sig] = take(signer.sign(subject).split('.'), 3)
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    for (const edit of [{ uid: 'u_admin' }, { openid: 'demo-admin' }, { exp: claims.exp + 1e12 }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...edit })).toString('base64url')
      expect(signer.verify([v, forged, sig].join('.'))).toBeNull()
    }
  })

  test('when the signature is changed or cut, then the token is refused', () => {
    const [v, payload, sig] = take(signer.sign(subject).split('.'), 3)
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)
    expect(signer.verify([v, payload, flipped].join('.'))).toBeNull()
    expect(signer.verify([v, payload, sig.slice(0, -2)].join('.'))).toBeNull()
    expect(signer.verify([v, payload, ''].join('.'))).toBeNull()
  })

  test('when another secret signed it, then it is refused', () => {
    const other = new TokenSigner(Buffer.alloc(48, 2), () => now)
    expect(signer.verify(other.sign(subject))).toBeNull()
  })

  test.each(['', 'v1', 'v1.a', 'v1.a.b.c', 'v2.e30.x', 'garbage', '...'])(
    'when the token is %p, then it is refused',
    (token) => {
      expect(signer.verify(token)).toBeNull()
    },
  )

  test('when a correctly signed payload is not the expected claims, then it is refused', () => {
    const sign = (payloadJson: string) => {
      const payload = Buffer.from(payloadJson).toString('base64url')
      return `v1.${payload}.${createHmac('sha256', SECRET).update(`v1.${payload}`).digest('base64url')}`
    }
    expect(signer.verify(sign('not json'))).toBeNull()
    expect(signer.verify(sign(JSON.stringify({ uid: 1, openid: 'x', exp: now + 1000 })))).toBeNull()
    expect(signer.verify(sign(JSON.stringify({ uid: 'u', openid: 'x' })))).toBeNull()
    expect(signer.verify(sign(JSON.stringify({ uid: 'u', openid: 'x', exp: now + 1000 })))).toMatchObject({ uid: 'u' })
  })

  test('when the secret is shorter than 32 bytes, then the signer refuses to start', () => {
    expect(() => new TokenSigner(Buffer.alloc(31, 1))).toThrow(/too short/)
  })
})

describe('loadOrCreateSecret', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-secret-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('when no secret exists, then one is created (with its folder) readable by the owner only', () => {
    const file = path.join(dir, 'nested', 'secret.key')
    const secret = loadOrCreateSecret(file)
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  test('when a secret is created, then it appears whole and no temporary file is left beside it', () => {
    // Written in place, a crash mid-write could leave an empty secret.key that stops every later start.
    const file = path.join(dir, 'secret.key')
    loadOrCreateSecret(file)
    expect(fs.readdirSync(dir)).toEqual(['secret.key'])
    expect(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64').length).toBe(48)
  })

  test('when an earlier start died while writing its temporary file, then a new secret is still created', () => {
    const file = path.join(dir, 'secret.key')
    fs.writeFileSync(`${file}.999.dead.tmp`, '')
    expect(loadOrCreateSecret(file).length).toBe(48)
  })

  test('when the secret exists, then the same secret is read again', () => {
    const file = path.join(dir, 'secret.key')
    expect(loadOrCreateSecret(file).equals(loadOrCreateSecret(file))).toBe(true)
  })

  test('when two secrets are created in two places, then they differ', () => {
    expect(loadOrCreateSecret(path.join(dir, 'a.key')).equals(loadOrCreateSecret(path.join(dir, 'b.key')))).toBe(false)
  })

  test('when the file is readable by others, then it is tightened to 0600', () => {
    const file = path.join(dir, 'secret.key')
    fs.writeFileSync(file, Buffer.alloc(48, 3).toString('base64'))
    fs.chmodSync(file, 0o644)
    expect(loadOrCreateSecret(file).equals(Buffer.alloc(48, 3))).toBe(true)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  test('when the stored secret is too short, then it refuses and says what to do', () => {
    const file = path.join(dir, 'secret.key')
    fs.writeFileSync(file, Buffer.alloc(8, 3).toString('base64'), { mode: 0o600 })
    expect(() => loadOrCreateSecret(file)).toThrow(/too short; delete the file/)
  })
})
