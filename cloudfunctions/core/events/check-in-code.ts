import { createHmac, timingSafeEqual } from 'node:crypto'
import { EVENT_LIMITS } from '../../../contracts'

/**
 * The code on the organiser's screen: six digits derived from the session's secret and the
 * current minute, so it changes every minute, needs no storage, and cannot be worked out without
 * the secret. A code is accepted during its own minute and the next one (a resident scanning at
 * 14:00:59 is still fine at 14:01:10).
 */
export function windowOf(now: number): number {
  return Math.floor(now / EVENT_LIMITS.checkInWindowMs)
}

export function codeFor(secret: string, window: number): string {
  const digest = createHmac('sha256', secret).update(`checkin:${window}`).digest()
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function acceptsCode(secret: string, code: string, now: number): boolean {
  const current = windowOf(now)
  // Both compared every time, so timing says nothing about which window matched.
  const a = same(codeFor(secret, current), code)
  const b = same(codeFor(secret, current - 1), code)
  return a || b
}

export function currentCode(secret: string, now: number): { code: string; refreshAt: number; validUntil: number } {
  const window = windowOf(now)
  return {
    code: codeFor(secret, window),
    refreshAt: (window + 1) * EVENT_LIMITS.checkInWindowMs,
    validUntil: (window + 2) * EVENT_LIMITS.checkInWindowMs,
  }
}
