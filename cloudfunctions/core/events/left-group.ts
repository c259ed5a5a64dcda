import type { Deps } from '../shared/ports'
import { AppError } from '../shared/errors'
import { notifyPromoted } from './notices'
import { withdraw } from './rsvp'

/**
 * Someone left interest groups (left one, withdrew as a buddy): their seats and waitlist places in
 * those groups' sessions that have not started are handed on, as if they had cancelled. Group
 * events are for members only, so a leaver could no longer open the session to cancel it and the
 * seat would be lost to the neighbours. Sessions already under way or over keep their record.
 * Returns the sessions released.
 */
export async function releaseGroupRsvps(
  deps: Pick<Deps, 'store' | 'clock' | 'notifier'>,
  userId: string,
  groupIds: readonly string[],
): Promise<string[]> {
  if (!groupIds.length) return []
  const now = deps.clock.now()
  const groups = new Set(groupIds)
  const live = await deps.store.find(
    'event_rsvps',
    { userId, state: { $in: ['confirmed', 'waitlisted'] } },
    { limit: 1000 },
  )
  const events = await deps.store.getMany(
    'events',
    live.map((r) => r.eventId),
  )
  const released: string[] = []
  for (const event of events) {
    if (
      event.audienceKind !== 'group' ||
      !groups.has(event.audienceId ?? '') ||
      event.status !== 'scheduled' ||
      now >= event.startAt
    )
      continue
    try {
      const { event: next, promoted } = await withdraw(deps, event._id, userId, now)
      await notifyPromoted(deps, next, promoted)
      released.push(event._id)
    } catch (error) {
      // Cancelled meanwhile (a double tap, the person on another phone): nothing left to release.
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error
    }
  }
  return released
}
