/**
 * Did the server's memory grow over a soak, or only breathe? V8 sizes its heap in a sawtooth
 * under steady load: the young generation grows in steps (RSS +10–30 MB) until a full
 * collection shrinks it again, every ten minutes or so. Comparing two short windows therefore
 * measures where in that cycle each fell, not a leak. A leak raises the high-water mark, so the
 * verdict compares the highest RSS of two long windows of equal length — one after warm-up and
 * before the storm, one at the end once the storm has settled — and shows medians and lows too.
 */

export interface MemoryPoint {
  at: number
  rssMb: number
  heapMb: number
}

export interface MemoryTimeline {
  startedAt: number
  warmupMs: number
  /** When the connection storm starts (it and its settling are left out of both windows). */
  stormAtMs: number
  elapsedMs: number
}

export interface WindowFigures {
  fromMin: number
  toMin: number
  samples: number
  peakMb: number
  medianMb: number
  lowMb: number
  heapMedianMb: number
}

export interface MemoryVerdict {
  before: WindowFigures
  end: WindowFigures
  /** Highest RSS at the end vs before, in per cent: the figure the check is on. */
  peakGrowthPct: number
  medianGrowthPct: number
}

/** After the storm, the listeners and sockets it opened take this long to be collected. */
export const STORM_SETTLE_MS = 2 * 60_000

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? NaN
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? NaN) + upper) / 2
}

function figures(points: MemoryPoint[], t: MemoryTimeline, fromMs: number, toMs: number): WindowFigures {
  const inside = points.filter((p) => p.at >= t.startedAt + fromMs && p.at < t.startedAt + toMs)
  if (inside.length < 3)
    throw new Error(
      `too few memory samples between minute ${fromMs / 60_000} and ${toMs / 60_000}: run the soak longer`,
    )
  const rss = inside.map((p) => p.rssMb)
  return {
    fromMin: fromMs / 60_000,
    toMin: toMs / 60_000,
    samples: inside.length,
    peakMb: Math.max(...rss),
    medianMb: median(rss),
    lowMb: Math.min(...rss),
    heapMedianMb: median(inside.map((p) => p.heapMb)),
  }
}

export function memoryVerdict(points: MemoryPoint[], t: MemoryTimeline): MemoryVerdict {
  const length = t.stormAtMs - t.warmupMs
  const endFrom = Math.max(t.stormAtMs + STORM_SETTLE_MS, t.elapsedMs - length)
  const before = figures(points, t, t.warmupMs, t.warmupMs + Math.min(length, t.elapsedMs - endFrom))
  const end = figures(points, t, endFrom, t.elapsedMs + 1)
  const growth = (a: number, b: number) => (100 * (b - a)) / a
  return {
    before,
    end,
    peakGrowthPct: growth(before.peakMb, end.peakMb),
    medianGrowthPct: growth(before.medianMb, end.medianMb),
  }
}
