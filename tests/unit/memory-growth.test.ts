import { memoryVerdict, type MemoryPoint } from '../../scripts/durability/memory-growth'

const MIN = 60_000
const timeline = { startedAt: 0, warmupMs: 5 * MIN, stormAtMs: 15 * MIN, elapsedMs: 30 * MIN }

/** One sample every 10 s for 30 minutes, RSS as given by minute. */
function run(rssAt: (minute: number) => number): MemoryPoint[] {
  return Array.from({ length: 181 }, (_, i) => ({ at: i * 10_000, rssMb: rssAt(i / 6), heapMb: 30 }))
}

/** V8's sawtooth: the heap grows in steps for ~12 minutes, then a full collection shrinks it. */
const sawtooth = (minute: number) => 118 + Math.min(3, Math.floor((minute % 12) / 4)) * 10

describe('memory growth over a soak', () => {
  test('when RSS only breathes in V8’s sawtooth (a storm included), then the growth is about nil whatever the phase at the end', () => {
    const storm = (minute: number) => (minute >= 15 && minute < 16 ? 40 : 0)
    for (const shift of [0, 3, 6, 9]) {
      const verdict = memoryVerdict(
        run((m) => sawtooth(m + shift) + storm(m)),
        timeline,
      )
      expect(Math.abs(verdict.peakGrowthPct)).toBeLessThan(1)
    }
  })

  test('when RSS climbs 2 MB a minute under the same sawtooth, then the peak growth shows it beyond 10 %', () => {
    const verdict = memoryVerdict(
      run((m) => sawtooth(m) + 2 * m),
      timeline,
    )
    expect(verdict.peakGrowthPct).toBeGreaterThan(10)
    expect(verdict.end.lowMb).toBeGreaterThan(verdict.before.lowMb)
  })

  test('when windows are laid out, then both are as long as each other, the first after warm-up and before the storm, the last after it settled', () => {
    const { before, end } = memoryVerdict(run(sawtooth), timeline)
    expect([before.fromMin, before.toMin]).toEqual([5, 15])
    expect([end.fromMin, end.toMin]).toEqual([20, 30 + 1 / MIN])
  })
})
