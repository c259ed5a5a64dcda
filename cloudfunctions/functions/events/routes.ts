import { eventsContract } from '../../../contracts'
import { mayPublishToInput } from '../../core/events/audience'
import { checkIn, checkInCode, markAttendance } from '../../core/events/attendance'
import { audiences, cancelEvent, createEvent, updateEvent } from '../../core/events/manage'
import { getEvent, listEvents, myEvents } from '../../core/events/queries'
import { roster, rosterCsv } from '../../core/events/roster'
import { cancelRsvp, rsvp } from '../../core/events/rsvp'
import { rule, signedIn } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

/** Who publishes where is decided from the stored roles and group memberships, never from the request. */
const publisher = rule<{ audience: 'neighbourhood' | { buildingId: string } | { groupId: string } }>(
  '楼组长（本楼）、兴趣小组组织者（本组）或居委会',
  async (caller, input, deps) =>
    (await mayPublishToInput(deps.store, caller, input.audience)) ? true : { code: 'AUTH.FORBIDDEN' },
)

/**
 * Everything else is open to signed-in people at the route, and decided per event in the use
 * case: who the event is for (rsvp, get) and who organises it (update, roster, check-in code…).
 */
export const eventsFunction = defineFunction('events', eventsContract, {
  ping: pingRoute('events'),
  create: {
    kind: 'write',
    policy: publisher,
    rateLimit: { max: 20, windowSeconds: 60 },
    run: (ctx, input) => createEvent(ctx, input),
  },
  update: { kind: 'write', policy: signedIn, run: (ctx, input) => updateEvent(ctx, input) },
  list: { kind: 'read', policy: signedIn, run: (ctx, input) => listEvents(ctx, input) },
  get: { kind: 'read', policy: signedIn, run: (ctx, input) => getEvent(ctx, input) },
  rsvp: { kind: 'write', policy: signedIn, run: (ctx, input) => rsvp(ctx, input) },
  cancelRsvp: { kind: 'write', policy: signedIn, run: (ctx, input) => cancelRsvp(ctx, input) },
  // Six digits: guessing must be slow.
  checkIn: {
    kind: 'write',
    policy: signedIn,
    rateLimit: { max: 10, windowSeconds: 60 },
    run: (ctx, input) => checkIn(ctx, input),
  },
  // The organiser's screen asks for the next code every minute (and on every reopen).
  checkInCode: { kind: 'read', policy: signedIn, run: (ctx, input) => checkInCode(ctx, input) },
  // Ticking off a whole room by hand is many taps.
  markAttendance: {
    kind: 'write',
    policy: signedIn,
    rateLimit: { max: 300, windowSeconds: 60 },
    run: (ctx, input) => markAttendance(ctx, input),
  },
  roster: { kind: 'read', policy: signedIn, run: (ctx, input) => roster(ctx, input) },
  rosterCsv: { kind: 'read', policy: signedIn, run: (ctx, input) => rosterCsv(ctx, input) },
  cancelEvent: { kind: 'write', policy: signedIn, run: (ctx, input) => cancelEvent(ctx, input) },
  mine: { kind: 'read', policy: signedIn, run: (ctx) => myEvents(ctx) },
  audiences: { kind: 'read', policy: signedIn, run: (ctx) => audiences(ctx) },
})
