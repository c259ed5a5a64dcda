import { firstOf, lastOf } from '../core/shared/lists'

export interface RateDecision {
  allowed: boolean
  retryAfterSeconds: number
}

/** Counts hits per key in a sliding window. In-memory per process (see docs/DEPLOY.md for CloudBase). */
export interface RateLimiter {
  hit(key: string, max: number, windowMs: number, now: number): RateDecision
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>()
  private sweepAt = 0
  private longestWindowMs = 60_000

  hit(key: string, max: number, windowMs: number, now: number): RateDecision {
    this.longestWindowMs = Math.max(this.longestWindowMs, windowMs)
    this.sweep(now)
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs)
    if (recent.length >= max) {
      this.hits.set(key, recent)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((firstOf(recent) + windowMs - now) / 1000)) }
    }
    recent.push(now)
    this.hits.set(key, recent)
    return { allowed: true, retryAfterSeconds: 0 }
  }

  /** Forget idle keys now and then, so memory stays bounded under many users. */
  private sweep(now: number): void {
    if (now < this.sweepAt) return
    this.sweepAt = now + 60_000
    for (const [key, times] of this.hits) {
      if (!times.length || lastOf(times) <= now - this.longestWindowMs) this.hits.delete(key)
    }
  }
}
