import { openidFactory } from '../support/api-expect'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

describe('notifications.reminders: how many WeChat reminders I have left', () => {
  let t: TestRuntime
  const fresh = openidFactory('reminders')
  beforeAll(async () => {
    t = await startTestRuntime()
  })
  afterAll(() => t.close())

  test('when nobody has allowed anything yet, then every kind reads 0 (used up, or never asked)', async () => {
    const person = await t.login(fresh())
    const { remaining } = await person.ok('notifications', 'reminders')
    expect(Object.values(remaining)).toEqual(expect.arrayContaining([0]))
    expect(new Set(Object.values(remaining))).toEqual(new Set([0]))
    expect(remaining).toHaveProperty('announcement', 0)
    expect(remaining).toHaveProperty('eventReminder', 0)
  })

  test('when a person allows announcements twice, then they have 2 left of that kind, and a neighbour who allowed nothing still has 0', async () => {
    const wang = await t.login(fresh())
    const neighbour = await t.login(fresh())
    await wang.ok('notifications', 'grantSubscriptions', { templateKeys: ['announcement'] })
    await wang.ok('notifications', 'grantSubscriptions', { templateKeys: ['announcement', 'eventReminder'] })
    const mine = await wang.ok('notifications', 'reminders')
    expect(mine.remaining).toMatchObject({ announcement: 2, eventReminder: 1, healthAnswer: 0 })
    expect((await neighbour.ok('notifications', 'reminders')).remaining.announcement).toBe(0)
  })

  test('when the input is not empty, then it is refused and nothing is read', async () => {
    const person = await t.login(fresh())
    const refused = await person.call('notifications', 'reminders', { userId: 'someone-else' })
    expect(refused.status).toBe(400)
  })
})
