import type { PersonalDataSection } from '../shared/personal-data'
import type { EventDoc, RsvpDoc } from './events.docs'
import { notifyPromoted } from './notices'
import { withdraw } from './rsvp'

/**
 * A person's RSVPs (with their answers and attendance) and the events they published. On
 * deletion their live RSVPs are withdrawn first — seats go to the waitlist as with any
 * cancellation — then every RSVP and reminder record of theirs is removed. Events they organised
 * stay for the neighbours; the organiser shows as 已注销用户.
 */
export const eventsPersonalData: PersonalDataSection = {
  name: 'events',
  async export(deps, userId) {
    const rsvps = await deps.store.find<RsvpDoc>('event_rsvps', { userId }, { orderBy: [['respondedAt', 'desc']], limit: 1000 })
    const events = new Map((await deps.store.getMany<EventDoc>('events', rsvps.map((r) => r.eventId))).map((e) => [e._id, e]))
    const organised = await deps.store.find<EventDoc>('events', { organiserId: userId }, { orderBy: [['endAt', 'asc']], limit: 1000 })
    return {
      rsvps: rsvps.map((r) => {
        const event = events.get(r.eventId)
        return {
          eventId: r.eventId,
          title: event?.title ?? null,
          startAt: event?.startAt ?? null,
          state: r.state,
          partySize: r.partySize,
          answers: Object.fromEntries((event?.questions ?? []).filter((q) => r.answers[q.questionId] !== undefined).map((q) => [q.text, r.answers[q.questionId]])),
          respondedAt: r.respondedAt,
          attendedAt: r.attendedAt,
        }
      }),
      organised: organised.map((e) => ({ eventId: e._id, title: e.title, startAt: e.startAt, place: e.place, status: e.status })),
    }
  },
  async erase(deps, userId) {
    const now = deps.clock.now()
    const live = await deps.store.find<RsvpDoc>('event_rsvps', { userId, state: { $in: ['confirmed', 'waitlisted'] } }, { limit: 1000 })
    for (const rsvp of live) {
      const { event, promoted } = await withdraw(deps, rsvp.eventId, userId, now)
      await notifyPromoted(deps, event, promoted)
    }
    await deps.store.deleteWhere('event_rsvps', { userId })
    await deps.store.deleteWhere('event_reminders', { userId })
  },
}
