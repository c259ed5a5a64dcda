import { MemoryRateLimiter } from '../../cloudfunctions/runtime/rate-limiter'

const T0 = Date.UTC(2026, 10, 28)
const MINUTE = 60_000

describe('MemoryRateLimiter', () => {
  test('when hits stay within the limit, then all are allowed; the next is refused with when to retry', () => {
    const limiter = new MemoryRateLimiter()
    for (let i = 0; i < 5; i++)
      expect(limiter.hit('u1:apply', 5, MINUTE, T0 + i * 1000)).toEqual({ allowed: true, retryAfterSeconds: 0 })
    // The oldest hit (T0) leaves the window at T0 + 60 s.
    expect(limiter.hit('u1:apply', 5, MINUTE, T0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50 })
  })

  test('when the window slides past the oldest hit, then one more is allowed', () => {
    const limiter = new MemoryRateLimiter()
    for (let i = 0; i < 3; i++) limiter.hit('k', 3, MINUTE, T0 + i * 10_000)
    expect(limiter.hit('k', 3, MINUTE, T0 + MINUTE - 1).allowed).toBe(false)
    expect(limiter.hit('k', 3, MINUTE, T0 + MINUTE).allowed).toBe(true)
    expect(limiter.hit('k', 3, MINUTE, T0 + MINUTE + 1).allowed).toBe(false)
  })

  test('when hits are refused, then they do not count against the caller', () => {
    const limiter = new MemoryRateLimiter()
    limiter.hit('k', 1, MINUTE, T0)
    for (let i = 1; i < 50; i++) expect(limiter.hit('k', 1, MINUTE, T0 + i * 1000).allowed).toBe(false)
    expect(limiter.hit('k', 1, MINUTE, T0 + MINUTE).allowed).toBe(true)
  })

  test('when keys differ, then their limits are independent', () => {
    const limiter = new MemoryRateLimiter()
    expect(limiter.hit('u1:a', 1, MINUTE, T0).allowed).toBe(true)
    expect(limiter.hit('u1:a', 1, MINUTE, T0).allowed).toBe(false)
    expect(limiter.hit('u2:a', 1, MINUTE, T0).allowed).toBe(true)
    expect(limiter.hit('u1:b', 1, MINUTE, T0).allowed).toBe(true)
  })

  test('when less than a second remains, then retryAfterSeconds is still at least 1', () => {
    const limiter = new MemoryRateLimiter()
    limiter.hit('k', 1, MINUTE, T0)
    expect(limiter.hit('k', 1, MINUTE, T0 + MINUTE - 10).retryAfterSeconds).toBe(1)
  })

  test('when many keys go idle, then they are forgotten and behave as new', () => {
    const limiter = new MemoryRateLimiter()
    for (let i = 0; i < 1000; i++) limiter.hit(`user-${i}`, 1, MINUTE, T0)
    const later = T0 + 10 * MINUTE
    expect(limiter.hit('user-0', 1, MINUTE, later).allowed).toBe(true)
    const hits = (limiter as unknown as { hits: Map<string, number[]> }).hits
    expect(hits.size).toBeLessThan(10)
  })

  test('when a long window is in use, then sweeping does not forget hits still inside it', () => {
    const limiter = new MemoryRateLimiter()
    const HOUR = 60 * MINUTE
    limiter.hit('daily', 1, HOUR, T0)
    // Other traffic triggers sweeps well after a minute but inside the hour.
    limiter.hit('other', 1, MINUTE, T0 + 5 * MINUTE)
    limiter.hit('other2', 1, MINUTE, T0 + 30 * MINUTE)
    expect(limiter.hit('daily', 1, HOUR, T0 + 59 * MINUTE).allowed).toBe(false)
    expect(limiter.hit('daily', 1, HOUR, T0 + HOUR).allowed).toBe(true)
  })
})
