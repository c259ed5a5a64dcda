import type { BenchSection } from '../harness'
import { measureEveryAction, renderRoundTrips } from '../round-trips'

export const roundTrips: BenchSection = {
  title: 'Store round trips per action',
  run: async () => renderRoundTrips(await measureEveryAction()),
}
