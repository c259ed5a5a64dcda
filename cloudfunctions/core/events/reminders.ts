import { DuplicateKeyError } from '../shared/document-store'
import type { Deps } from '../shared/ports'
import { reminderId, type EventDoc, type ReminderDoc, type ReminderKind } from './events.docs'
import { notifyReminder } from './notices'
import { lastOf } from '../shared/lists'

const HOUR = 3600 * 1000

/** Confirmed attendees are reminded a day before and two hours before the start. */
export const REMINDERS: ReadonlyArray<{ kind: ReminderKind; beforeMs: number }> = [
  { kind: '24h', beforeMs: 24 * HOUR },
  { kind: '2h', beforeMs: 2 * HOUR },
]

/** The reminder due now for a session starting at `startAt`: the latest one whose time has come. */
export function dueReminder(startAt: number, now: number): { kind: ReminderKind; dueAt: number } | null {
  if (now >= startAt) return null
  let due: { kind: ReminderKind; dueAt: number } | null = null
  for (const r of REMINDERS) if (now >= startAt - r.beforeMs) due = { kind: r.kind, dueAt: startAt - r.beforeMs }
  return due
}

export interface ReminderRun {
  /** Sessions looked at. */
  events: number
  /** Reminders sent in this run. */
  sent: number
}

/**
 * Send the reminders that are due. Called by the local scheduler every 30 s and by the
 * `events-reminders` timer function on CloudBase every 5 minutes; any number of runs, even at
 * once, send each reminder at most once:
 *
 * - a reminder is recorded (deterministic id `${eventId}:${userId}:${kind}:${startAt}`) BEFORE it
 *   is sent; a second run's insert fails with a duplicate key and sends nothing;
 * - only confirmed RSVPs are reminded (never cancelled or waiting ones), and only those confirmed
 *   before the reminder was due (someone who signs up an hour before needs no "2 hours" notice);
 * - a run that comes late sends only the latest reminder (after a long stop, the "2 h" one
 *   replaces a stale "24 h" one);
 * - once a session's batch is done it is marked, so later runs skip it cheaply; a session whose
 *   time moves gets new ids and is reminded again.
 * Trade-off: a crash between recording and sending loses that reminder (at most once, never twice).
 */
export async function sendDueReminders(
  deps: Pick<Deps, 'store' | 'notifier' | 'log'>,
  now: number,
): Promise<ReminderRun> {
  const horizon = now + Math.max(...REMINDERS.map((r) => r.beforeMs))
  let events = 0
  let sent = 0
  for (let after = now; ;) {
    const page = await deps.store.find(
      'events',
      { status: 'scheduled', startAt: { $gt: after, $lte: horizon } },
      { orderBy: [['startAt', 'asc']], limit: 1000 },
    )
    for (const event of page) {
      events++
      sent += await remindSession(deps, event, now)
    }
    if (page.length < 1000) break
    // Sessions with the very same start as the page's last one could be skipped by this cursor;
    // 1,000 sessions in one minute does not happen here, and the next run picks them up anyway.
    after = lastOf(page).startAt
  }
  return { events, sent }
}

async function remindSession(
  deps: Pick<Deps, 'store' | 'notifier' | 'log'>,
  event: EventDoc,
  now: number,
): Promise<number> {
  const due = dueReminder(event.startAt, now)
  if (!due || event.reminded[due.kind] === event.startAt) return 0
  const recipients: string[] = []
  for (let after = 0; ;) {
    const page = await deps.store.find(
      'event_rsvps',
      { eventId: event._id, state: 'confirmed', seq: { $gt: after } },
      { orderBy: [['seq', 'asc']], limit: 1000 },
    )
    for (const rsvp of page) {
      if (rsvp.confirmedAt === null || rsvp.confirmedAt >= due.dueAt) continue
      const doc: ReminderDoc = {
        _id: reminderId(event._id, rsvp.userId, due.kind, event.startAt),
        eventId: event._id,
        userId: rsvp.userId,
        kind: due.kind,
        startAt: event.startAt,
        sentAt: now,
      }
      try {
        await deps.store.insert('event_reminders', doc)
        recipients.push(rsvp.userId)
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error
      }
    }
    if (page.length < 1000) break
    after = lastOf(page).seq
  }
  await notifyReminder(deps, event, recipients, due.kind)
  // Done for this start time (only if the session still starts then).
  await deps.store.updateWhere(
    'events',
    { _id: event._id, startAt: event.startAt },
    { set: { [`reminded.${due.kind}`]: event.startAt } },
  )
  if (recipients.length)
    deps.log.info({ eventId: event._id, kind: due.kind, recipients: recipients.length }, 'event reminders sent')
  return recipients.length
}
