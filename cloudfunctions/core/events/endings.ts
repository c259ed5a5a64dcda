import { AppError } from '../shared/errors'
import type { EndingHandler } from '../shared/endings'
import { inAudience } from './audience'
import { notifyPromoted } from './notices'
import { withdraw } from './rsvp'

/**
 * Seats and waitlist places in sessions not yet started go back when the person is no longer
 * someone the session is for (left the building, the group, the neighbourhood; a leader who no
 * longer leads): as if they had cancelled, so the waitlist moves up. Sessions under way or over
 * keep their record.
 */
export const eventsEndings: EndingHandler = {
  name: '活动：不再属于其对象的场次的报名和候补',
  async settle(deps, person) {
    const now = deps.clock.now()
    const live = await deps.store.find(
      'event_rsvps',
      { userId: person.userId, state: { $in: ['confirmed', 'waitlisted'] } },
      { limit: 1000 },
    )
    const events = await deps.store.getMany(
      'events',
      live.map((r) => r.eventId),
    )
    for (const event of events) {
      if (event.status !== 'scheduled' || now >= event.startAt || (await inAudience(deps.store, person, event)))
        continue
      try {
        const { event: next, promoted } = await withdraw(deps, event._id, person.userId, now)
        await notifyPromoted(deps, next, promoted)
      } catch (error) {
        // Cancelled meanwhile: nothing left to hand on.
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error
      }
    }
  },
}
