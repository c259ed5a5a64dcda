import { runCounterHousekeeping } from '../../cloudfunctions/functions/events-reminders/handler'
import { MENTION_NOTIFY_LIMIT, SEND_LIMIT } from '../../contracts'
import { expectError, openidFactory, verifiedResident } from '../support/api-expect'
import { interestGroup, newClientId, say } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, cycle, firstOf } from '../support/lists'

/**
 * Mentions and messages cannot be turned into a flood: a person is told of at most
 * MENTION_NOTIFY_LIMIT mentions an hour one by one, the rest collapse into one notification that
 * keeps count; and the send limit counts a person's messages across all their groups.
 */
describe('chat: floods', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('flood')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  // A new hour for every test: mention caps are per clock hour.
  beforeEach(() => clock.advance(60 * 60_000))

  const resident = (buildingId: string, room = '101') => verifiedResident(t, admin, fresh(), buildingId, room)
  const mentionsOf = (userId: string) =>
    t.runtime.deps.store.find(
      'notifications',
      { recipientId: userId, kind: 'chatMention' },
      { orderBy: [['_id', 'desc']] },
    )

  test('when two neighbours mention someone in 25 messages within an hour, then they get the first ones one by one and the rest as one notification that counts them, unread and on top', async () => {
    const [alice, bob, carol] = [
      await resident('jsh-12'),
      await resident('jsh-12', '102'),
      await resident('jsh-12', '103'),
    ]
    const max = MENTION_NOTIFY_LIMIT.max
    for (let i = 0; i < 25; i++) {
      clock.advance(2_000)
      await say(i % 2 ? bob.client : alice.client, 'bg-jsh-12', `@王阿姨 第${i + 1}次`, { mentions: [carol.userId] })
      if (i === max) {
        // The first one over the limit: a summary appears; carol reads everything.
        await carol.client.ok('notifications', 'markRead', { all: true })
      }
    }
    const notes = await mentionsOf(carol.userId)
    expect(notes).toHaveLength(max + 1)
    const [summary, ...single] = [firstOf(notes), ...notes.slice(1)]
    expect(summary).toMatchObject({
      title: `有人在群里提到了您 ${25 - max} 次`,
      readAt: null,
      link: '/pages/group/index?groupId=bg-jsh-12',
    })
    expect(summary.body).not.toContain('王阿姨')
    expect(single.every((n) => n.title === '有邻居在群里提到了您')).toBe(true)
    const list = await carol.client.ok('notifications', 'list', {})
    expect(at(list.items, 0)).toMatchObject({ notificationId: summary._id, title: `有人在群里提到了您 ${25 - max} 次` })
    expect(list.unread).toBe(1)
  })

  test('when the hour is over, then a mention is told one by one again, and the housekeeping step deletes the old counters without any timer of its own', async () => {
    const [alice, bob] = [await resident('jsh-13'), await resident('jsh-13', '102')]
    for (let i = 0; i < MENTION_NOTIFY_LIMIT.max + 2; i++) {
      clock.advance(2_000)
      await say(alice.client, 'bg-jsh-13', `@刘师傅 ${i}`, { mentions: [bob.userId] })
    }
    expect(await mentionsOf(bob.userId)).toHaveLength(MENTION_NOTIFY_LIMIT.max + 1)
    const counters = () => t.runtime.deps.store.find('counters', { userId: bob.userId, name: 'chatMention' })
    expect(await counters()).toHaveLength(1)

    clock.advance(60 * 60_000)
    await say(alice.client, 'bg-jsh-13', '@刘师傅 新的一小时', { mentions: [bob.userId] })
    const notes = await mentionsOf(bob.userId)
    expect(notes).toHaveLength(MENTION_NOTIFY_LIMIT.max + 2)
    expect(at(notes, 0).title).toBe('有邻居在群里提到了您')

    expect(await runCounterHousekeeping(t.runtime.deps)).toBeGreaterThan(0)
    const left = await counters()
    expect(left).toHaveLength(1)
    expect(at(left, 0).expiresAt).toBeGreaterThan(clock.now())
  })

  test('when someone sends in several groups at once, then the send limit counts all their messages together', async () => {
    const alice = await resident('jsh-14')
    const groups = [
      'bg-jsh-14',
      await interestGroup(t, [{ userId: alice.userId, role: 'member' }], '合唱团'),
      await interestGroup(t, [{ userId: alice.userId, role: 'member' }], '读书会'),
    ]
    for (let i = 0; i < SEND_LIMIT.max; i++) await say(alice.client, cycle(groups, i), `第${i + 1}条`)
    const refused = await alice.client.call('chat', 'send', {
      groupId: groups[SEND_LIMIT.max % groups.length],
      clientId: newClientId(),
      text: '再来一条',
    })
    expectError(refused, 429, 'RATE.LIMITED')
    clock.advance(SEND_LIMIT.windowSeconds * 1000)
    await say(alice.client, at(groups, 1), '过一会儿又能发了')
  })
})
