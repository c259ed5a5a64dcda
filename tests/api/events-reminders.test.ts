import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalRuntime, type LocalRuntime } from '../../cloudfunctions/local-runtime'
import { sendDueReminders } from '../../cloudfunctions/core/events/reminders'
import type { EventDetail } from '../../contracts'
import { TestClock } from '../support/clock'
import { DAY, eventInput, HOUR } from '../support/events'
import { ApiClient } from '../support/runtime'
import { firstOf } from '../support/lists'

jest.setTimeout(60_000)

/**
 * Reminders with a hand-moved clock: confirmed attendees get one at 24 h and one at 2 h before
 * the start; a restart (a new runtime on the same database file, whose scheduler runs at once)
 * never sends one twice; cancelled and waiting RSVPs get none.
 */
describe('events: reminders', () => {
  const clock = new TestClock()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-reminders-'))
  const dbFile = path.join(dir, 'louzu.db')
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const open = (jobs: boolean) => startLocalRuntime({ dbFile, port: 0, logLevel: 'silent', jobs, clock })
  async function login(runtime: LocalRuntime, openid: string): Promise<ApiClient> {
    const anonymous = new ApiClient(runtime.url)
    const result = await anonymous.post<{ token: string }>('/api/dev/login', { openid })
    if (!result.body.ok) throw new Error('login failed')
    return new ApiClient(runtime.url, result.body.data.token)
  }
  /** Restart the way a deployment does: a new runtime on the same file; its scheduler runs at start, and close waits for that run. */
  async function restartWithScheduler(): Promise<void> {
    const runtime = await open(true)
    await runtime.close()
  }
  async function remindersOf(runtime: LocalRuntime, userId: string) {
    const docs = await runtime.deps.store.find(
      'notifications',
      { recipientId: userId, kind: 'eventReminder' },
      { orderBy: [['_id', 'asc']] },
    )
    return docs.map((d) => d.title)
  }

  test('when the clock passes 24 h and 2 h before the start, then each confirmed attendee is reminded once each, across restarts, and cancelled or waiting ones never', async () => {
    let runtime = await open(false)
    const admin = await login(runtime, 'demo-admin')
    const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-9' })
    const people = {} as Record<'a' | 'b' | 'c' | 'd' | 'e', { client: ApiClient; userId: string }>
    for (const [i, name] of (['a', 'b', 'c', 'd', 'e'] as const).entries()) {
      const client = await login(runtime, `t-remind-${name}`)
      await client.ok('account', 'applyToBuilding', {
        buildingId: 'jsh-9',
        room: `10${i + 1}`,
        joinCode: poster.joinCode,
      })
      people[name] = { client, userId: (await client.ok('account', 'me')).userId }
    }
    const { event } = (await admin.ok(
      'events',
      'create',
      eventInput(clock.now(), { title: '量血压', capacity: 3 }),
    )) as { event: EventDetail }
    const start = event.startAt
    const eventId = event.eventId
    for (const name of ['a', 'b', 'c', 'd', 'e'] as const) await people[name].client.ok('events', 'rsvp', { eventId })
    await people.c.client.ok('events', 'cancelRsvp', { eventId }) // d is promoted; e keeps waiting
    await people.b.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['eventReminder'] })

    clock.set(start - 25 * HOUR)
    await sendDueReminders(runtime.deps, clock.now())
    expect(await runtime.deps.store.count('event_reminders', { eventId })).toBe(0)

    clock.set(start - 24 * HOUR)
    // Two runs at once (as overlapping timer invocations would be) still send one each.
    await Promise.all([sendDueReminders(runtime.deps, clock.now()), sendDueReminders(runtime.deps, clock.now())])
    expect(await runtime.deps.store.count('event_reminders', { eventId })).toBe(3)
    for (const name of ['a', 'b', 'd'] as const)
      expect(await remindersOf(runtime, people[name].userId)).toEqual(['活动提醒：量血压'])
    for (const name of ['c', 'e'] as const) expect(await remindersOf(runtime, people[name].userId)).toEqual([])
    // b granted a WeChat subscribe message: it went out (once).
    await runtime.drainOutbox()
    const bNote = firstOf(
      await runtime.deps.store.find('notifications', {
        recipientId: people.b.userId,
        kind: 'eventReminder',
      }),
    )
    expect(bNote.wechat).toBe('sent')
    expect(
      await runtime.deps.store.find('outbox', {
        recipientId: people.b.userId,
        templateKey: 'eventReminder',
      }),
    ).toHaveLength(1)
    await sendDueReminders(runtime.deps, clock.now() + 60_000)
    expect(await runtime.deps.store.count('event_reminders', { eventId })).toBe(3)

    // a cancels after the day-before reminder: e is promoted (and will get only the 2 h one).
    clock.set(start - 20 * HOUR)
    await people.a.client.ok('events', 'cancelRsvp', { eventId })
    await runtime.close()

    // A restart during the day: the scheduler runs at once and sends nothing again.
    clock.set(start - 23 * HOUR)
    await restartWithScheduler()

    // Two hours before: the restarted scheduler sends the 2 h reminders; another restart sends none.
    clock.set(start - 2 * HOUR + 30_000)
    await restartWithScheduler()
    await restartWithScheduler()

    runtime = await open(false)
    try {
      expect(await remindersOf(runtime, people.a.userId)).toEqual(['活动提醒：量血压'])
      expect(await remindersOf(runtime, people.b.userId)).toEqual(['活动提醒：量血压', '还有 2 小时：量血压'])
      expect(await remindersOf(runtime, people.c.userId)).toEqual([])
      expect(await remindersOf(runtime, people.d.userId)).toEqual(['活动提醒：量血压', '还有 2 小时：量血压'])
      expect(await remindersOf(runtime, people.e.userId)).toEqual(['还有 2 小时：量血压'])
      const [body] = (
        await runtime.deps.store.find('notifications', {
          recipientId: people.d.userId,
          kind: 'eventReminder',
        })
      ).map((n) => n.body)
      expect(body).toContain(event.place)
      expect(await runtime.deps.store.count('event_reminders', { eventId })).toBe(6)
      // After the start nothing more is sent.
      clock.set(start + 1)
      await sendDueReminders(runtime.deps, clock.now())
      expect(await runtime.deps.store.count('event_reminders', { eventId })).toBe(6)
    } finally {
      await runtime.close()
    }
  })

  test('when a session is cancelled or moved, then the cancelled one is not reminded and the moved one is reminded for its new time', async () => {
    const runtime = await open(false)
    try {
      clock.set(Date.UTC(2027, 5, 1))
      const admin = await login(runtime, 'demo-admin')
      const resident = await login(runtime, 't-remind-moved')
      const poster = await admin.ok('account', 'joinPoster', { buildingId: 'mc-2' })
      await resident.ok('account', 'applyToBuilding', { buildingId: 'mc-2', room: '201', joinCode: poster.joinCode })
      const residentId = (await resident.ok('account', 'me')).userId
      const cancelled = (await admin.ok('events', 'create', eventInput(clock.now(), { title: '取消的' })))
        .event as EventDetail
      const moved = (await admin.ok('events', 'create', eventInput(clock.now(), { title: '改期的' })))
        .event as EventDetail
      await resident.ok('events', 'rsvp', { eventId: cancelled.eventId })
      await resident.ok('events', 'rsvp', { eventId: moved.eventId })
      await admin.ok('events', 'cancelEvent', { eventId: cancelled.eventId, reason: '场地冲突' })

      clock.set(moved.startAt - 24 * HOUR)
      await sendDueReminders(runtime.deps, clock.now())
      expect(await remindersOf(runtime, residentId)).toEqual(['活动提醒：改期的'])
      // Moved a day later: the day-before reminder comes again for the new time.
      await admin.ok('events', 'update', {
        eventId: moved.eventId,
        title: moved.title,
        place: moved.place,
        startAt: moved.startAt + DAY,
        endAt: moved.endAt + DAY,
        capacity: moved.capacity,
      })
      clock.set(moved.startAt)
      await sendDueReminders(runtime.deps, clock.now())
      expect(await remindersOf(runtime, residentId)).toEqual(['活动提醒：改期的', '活动提醒：改期的'])
    } finally {
      await runtime.close()
    }
  })
})
