import type { Clock } from '../../cloudfunctions/core/shared/ports'

/** A clock tests move by hand: recall windows, reminders, token expiry. */
export class TestClock implements Clock {
  constructor(private current: number = Date.UTC(2026, 10, 28, 2, 0, 0)) {}
  now(): number {
    return this.current
  }
  advance(ms: number): void {
    this.current += ms
  }
  set(ms: number): void {
    this.current = ms
  }
}
