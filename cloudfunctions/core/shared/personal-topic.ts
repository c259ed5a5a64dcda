import { personalTopic, type PersonalChange } from '../../../contracts'
import type { Clock, RealtimePublisher } from './ports'

/* Publishing on the person's own topic (contracts/personal-topic.ts) from the use cases. */

let lastStamp = 0

/**
 * A personal topic keeps no history (a reconnecting page simply fetches its state again), so its
 * cursor is a time stamp that only grows within this process: two signals in one millisecond
 * still get distinct, increasing cursors.
 */
export function nextPersonalStamp(now: number): number {
  lastStamp = Math.max(now, lastStamp + 1)
  return lastStamp
}

/** Tell these people's open pages that something of theirs changed. */
export function signalPeople(
  deps: { realtime: RealtimePublisher; clock: Clock },
  userIds: Iterable<string>,
  changes: readonly PersonalChange[],
): void {
  for (const userId of new Set(userIds)) {
    deps.realtime.publish(personalTopic(userId), {
      type: 'changed',
      cursor: String(nextPersonalStamp(deps.clock.now())),
      payload: { changes },
    })
  }
}
