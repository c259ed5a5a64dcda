import { openidFactory, pendingApplicant, userIdOf, verifiedResident } from '../support/api-expect'
import { say, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { createEvent, eventInput, makeResidents } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { firstOf, take } from '../support/lists'

/** The kinds of change each `changed` event of a personal stream named, in order. */
const changes = (client: SseClient) => client.of(['changed']).map((e) => e.data.changes as string[])

describe('personal realtime topic (me:<userId>): what changed for me, and nothing of anyone else', () => {
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('me-rt')
  const open: SseClient[] = []
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
  })
  afterEach(() => {
    for (const client of open.splice(0)) client.close()
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(11_000))

  async function personal(client: ApiClient, userId: string): Promise<SseClient> {
    const sse = await SseClient.open(t.url, client.token, `topics=me:${userId}`)
    open.push(sse)
    await sse.until((c) => c.events.some((e) => e.event === 'ready'))
    return sse
  }

  test('when a leader approves an application, then the applicant’s own stream says their membership and notifications changed', async () => {
    const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '602')
    const stream = await personal(applicant.client, applicant.userId)
    expect(stream.status).toBe(200)

    await leader.ok('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'approve' })

    await stream.until((c) => changes(c).flat().includes('membership'))
    expect(changes(stream).flat()).toEqual(expect.arrayContaining(['notifications', 'membership']))
  })

  test('when a neighbour writes in the building group, then each resident’s own stream says only "chat" — no message, no sender — and a resident of another building hears nothing', async () => {
    const [alice, bob] = await Promise.all([
      verifiedResident(t, admin, fresh(), 'jsh-6', '101'),
      verifiedResident(t, admin, fresh(), 'jsh-6', '102'),
    ])
    const carol = await verifiedResident(t, admin, fresh(), 'jsh-7', '101')
    const bobs = await personal(bob.client, bob.userId)
    const carols = await personal(carol.client, carol.userId)

    await say(alice.client, 'bg-jsh-6', '明天上午修电梯')
    await bobs.until((c) => changes(c).length >= 1)
    const event = firstOf(bobs.of(['changed']))
    expect(event.data).toEqual({ topic: `me:${bob.userId}`, changes: ['chat'] })
    expect(JSON.stringify(bobs.events)).not.toContain('明天上午修电梯')

    // Carol's own building speaks after: had jsh-6 reached her, it would have come first.
    await say(carol.client, 'bg-jsh-7', '我们楼电梯好的')
    await carols.until((c) => changes(c).length >= 1)
    expect(changes(carols)).toEqual([['chat']])
  })

  test('when someone asks for another person’s personal topic, then the whole request is refused with 403', async () => {
    const mallory = await t.login(fresh())
    const victim = await userIdOf(await t.login('demo-resident-5'))
    for (const query of [`topics=me:${victim}`, `topics=me:${await userIdOf(mallory)},me:${victim}`]) {
      const refused = await SseClient.open(t.url, mallory.token, query)
      open.push(refused)
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.body).error.code).toBe('CHAT.NOT_MEMBER')
    }
    const anonymous = await SseClient.open(t.url, undefined, `topics=me:${victim}`)
    expect(anonymous.status).toBe(401)
  })

  test('when a seat frees up and a waiting resident is promoted, then only the promoted resident’s stream hears of it (notifications)', async () => {
    const [first, waiting, bystander] = take(await makeResidents(t, admin, 'me-rt-rsvp', 3, 'jsh-9'), 3)
    const event = await createEvent(admin, eventInput(clock.now(), { capacity: 1 }))
    await first.client.ok('events', 'rsvp', { eventId: event.eventId })
    expect((await waiting.client.ok('events', 'rsvp', { eventId: event.eventId })).event.mine.state).toBe('waitlisted')
    const waitingStream = await personal(waiting.client, waiting.userId)
    const bystanderStream = await personal(bystander.client, bystander.userId)

    await first.client.ok('events', 'cancelRsvp', { eventId: event.eventId })

    await waitingStream.until((c) => changes(c).flat().includes('notifications'))
    // The bystander's own building speaks after: had the promotion reached them, it would have come first.
    await say(waiting.client, 'bg-jsh-9', '我递补上了')
    await bystanderStream.until((c) => changes(c).length >= 1)
    expect(changes(bystanderStream)).toEqual([['chat']])
  })

  test('when the committee makes a resident a leader, then the resident’s stream says their roles changed, and after that it relays their new building group too', async () => {
    const dan = await t.login(fresh())
    const danId = await userIdOf(dan)
    const stream = await personal(dan, danId)
    await admin.ok('account', 'assignRole', { userId: danId, role: 'leader', buildingId: 'jsh-8' })
    await stream.until((c) => changes(c).flat().includes('roles'))

    const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-8', '201')
    await say(neighbour.client, 'bg-jsh-8', '新楼组长好')
    await stream.until((c) => changes(c).flat().includes('chat'))
  })
})
