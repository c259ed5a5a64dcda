import config from '../../cloudfunctions/functions/events-reminders/config.json'
import { runEventReminders } from '../../cloudfunctions/functions/events-reminders/handler'
import { callerFromUser, findOrCreateUser } from '../../cloudfunctions/core/account/identity'
import { createEvent } from '../../cloudfunctions/core/events/manage'
import { rsvp } from '../../cloudfunctions/core/events/rsvp'
import { seedNeighbourhood } from '../../cloudfunctions/seed/seed'
import { memoryDeps } from '../support/memory-deps'
import { at } from '../support/lists'

describe('the events-reminders timer function', () => {
  test('when deployed, then its trigger runs it every five minutes', () => {
    expect(config.triggers).toEqual([{ name: 'eventReminders', type: 'timer', config: '0 */5 * * * * *' }])
  })

  test('when the timer fires, then the reminders due at that moment go out once, by the clock it is given', async () => {
    const deps = memoryDeps()
    const context = await seedNeighbourhood(deps, 'demo')
    const asUser = async (openid: string) => {
      const user =
        (await deps.store.find('users', { openid }, { limit: 1 }))[0] ?? (await findOrCreateUser(deps, openid))
      return { caller: callerFromUser(user), deps, requestId: 't' }
    }
    const startAt = deps.clock.now() + 3 * 86_400_000
    const { eventIds } = await createEvent(await asUser('demo-admin'), {
      title: '合唱',
      place: '会议室',
      startAt,
      endAt: startAt + 3_600_000,
      capacity: 5,
      audience: 'neighbourhood',
    })
    await rsvp(await asUser('demo-resident-11'), { eventId: at(eventIds, 0) })
    deps.clock.set(startAt - 24 * 3_600_000)
    await runEventReminders(deps)
    await runEventReminders(deps)
    const reminders = deps.sent.filter(
      (s) => s.draft.templateKey === 'eventReminder' && s.draft.link?.endsWith(at(eventIds, 0)),
    )
    expect(reminders).toEqual([
      {
        recipientIds: [context.personas.get('demo-resident-11')],
        draft: expect.objectContaining({ title: '活动提醒：合唱' }),
      },
    ])
  })
})
