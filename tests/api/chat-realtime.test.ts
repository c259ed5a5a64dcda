import { appendMessage, publishChange } from '../../cloudfunctions/core/chat/messages'
import { messageViews } from '../../cloudfunctions/core/chat/views'
import type { MessageView } from '../../contracts'
import { openidFactory, verifiedResident } from '../support/api-expect'
import { historyOf, interestGroup, say, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf, take } from '../support/lists'

/** The messages (by id) a stream delivered, in order, with their event types. */
const delivered = (client: SseClient) => client.of().map((e) => [e.event, e.data.message.messageId as string])

describe('chat realtime: Server-Sent Events over HTTP', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('chat-rt')
  const open: SseClient[] = []
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterEach(() => {
    for (const client of open.splice(0)) client.close()
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(11_000))

  const resident = (buildingId: string, room = '101') => verifiedResident(t, admin, fresh(), buildingId, room)
  async function stream(client: ApiClient, query: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const sse = await SseClient.open(t.url, client.token, query, headers)
    open.push(sse)
    return sse
  }
  const hasMessage = (id: string) => (c: SseClient) => c.of().some((e) => e.data.message.messageId === id)

  test('when two residents of one building listen, then each receives a sent message exactly once; a listener of another building receives nothing of it', async () => {
    const [alice, bob] = await Promise.all([resident('jsh-1'), resident('jsh-1', '102')])
    const carol = await resident('jsh-2')
    const a = await stream(alice.client, 'topics=group:bg-jsh-1')
    const b = await stream(bob.client, 'topics=group:bg-jsh-1')
    const c = await stream(carol.client, 'topics=group:bg-jsh-2')
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200])

    const sent = await say(alice.client, 'bg-jsh-1', '下午三点停电，请提前准备')
    await a.until(hasMessage(sent.messageId))
    await b.until(hasMessage(sent.messageId))
    // Carol's building speaks after: once she has that, anything of jsh-1 would have come before it.
    const hers = await say(carol.client, 'bg-jsh-2', '我们楼不停电吧？')
    await c.until(hasMessage(hers.messageId))
    await a.until(() => true)

    expect(delivered(a)).toEqual([['message', sent.messageId]])
    expect(delivered(b)).toEqual([['message', sent.messageId]])
    expect(delivered(c)).toEqual([['message', hers.messageId]])
    const event = firstOf(b.of())
    expect(event.data).toEqual({ topic: 'group:bg-jsh-1', type: 'message', cursor: sent.version, message: sent })
    expect(event.id).toBe(`group:bg-jsh-1@${sent.version}`)
  })

  test("when a resident asks for another building's topic, then the whole request is refused with the 403 envelope", async () => {
    const carol = await resident('jsh-2')
    for (const query of ['topics=group:bg-jsh-1', 'topics=group:bg-jsh-2,group:bg-jsh-1']) {
      const refused = await stream(carol.client, query)
      expect(refused.status).toBe(403)
      expect(JSON.parse(refused.body)).toEqual({
        ok: false,
        error: { code: 'CHAT.NOT_MEMBER', message: '您还不是这个群的成员' },
      })
    }
  })

  test('when the stream is asked for without a token, with a bad token, or with bad topics or cursors, then it is refused with the usual envelope', async () => {
    const alice = await resident('jsh-3')
    const anonymous = await SseClient.open(t.url, undefined, 'topics=group:bg-jsh-3')
    expect([anonymous.status, JSON.parse(anonymous.body).error.code]).toEqual([401, 'AUTH.UNAUTHENTICATED'])
    const forged = await SseClient.open(t.url, 'v1.forged.token', 'topics=group:bg-jsh-3')
    expect(forged.status).toBe(401)
    const cases: Array<[string, string]> = [
      ['', 'topics'],
      ['topics=', 'topics'],
      ['topics=bg-jsh-3', 'topics'],
      ['topics=group:bg jsh', 'topics'],
      ['topics=weather:sh', 'topics'],
      [`topics=${Array.from({ length: 21 }, (_, i) => `group:g${i}`).join(',')}`, 'topics'],
      ['topics=group:bg-jsh-3&after=abc', 'after'],
      ['topics=group:bg-jsh-3&after=-1', 'after'],
      ['topics=group:bg-jsh-3,group:bg-jsh-4&after=5', 'after'],
    ]
    for (const [query, field] of cases) {
      const refused = await stream(alice.client, query)
      const body = JSON.parse(refused.body)
      expect({ query, status: refused.status, code: body.error.code, field: body.error.field }).toEqual({
        query,
        status: 400,
        code: 'INPUT.INVALID',
        field,
      })
    }
  })

  test('when a client reconnects with its last event id, then it gets exactly what it missed — new and recalled messages — in order, then live ones, with no repeats', async () => {
    const [alice, bob] = await Promise.all([resident('jsh-4'), resident('jsh-4', '102')])
    const first = await stream(bob.client, 'topics=group:bg-jsh-4')
    const m1 = await say(alice.client, 'bg-jsh-4', '第一条')
    await first.until(hasMessage(m1.messageId))
    const lastId = first.lastId()!
    first.close()

    const m2 = await say(alice.client, 'bg-jsh-4', '第二条')
    const m3 = await say(alice.client, 'bg-jsh-4', '第三条')
    await alice.client.ok('chat', 'recall', { messageId: m1.messageId })

    const again = await stream(bob.client, 'topics=group:bg-jsh-4', { 'Last-Event-ID': lastId })
    await again.until((c) => c.events.some((e) => e.event === 'ready'))
    expect(delivered(again)).toEqual([
      ['message', m2.messageId],
      ['message', m3.messageId],
      ['recalled', m1.messageId],
    ])
    expect(at(again.of(), 2).data.message).toMatchObject({ state: 'recalled', text: '消息已撤回' })
    const m4 = await say(alice.client, 'bg-jsh-4', '第四条')
    await again.until(hasMessage(m4.messageId))
    expect(delivered(again).map(([, id]) => id)).toEqual([m2.messageId, m3.messageId, m1.messageId, m4.messageId])
  })

  test('when the client starts from the cursor of its history page, then nothing sent in between is lost', async () => {
    const [alice, bob] = await Promise.all([resident('jsh-5', '301'), resident('jsh-5', '302')])
    const page = await historyOf(bob.client, 'bg-jsh-5', { limit: 10 })
    const between = await say(alice.client, 'bg-jsh-5', '在打开推送之前发的')
    const live = await stream(bob.client, `topics=group:bg-jsh-5&after=${page.cursor}`)
    await live.until(hasMessage(between.messageId))
    expect(delivered(live)).toEqual([['message', between.messageId]])
  })

  test('when one stream follows two groups, then its event id carries a cursor for each, and a reconnect catches up on both', async () => {
    const alice = await resident('jsh-6')
    const friend = await resident('jsh-7')
    const groupId = await interestGroup(
      t,
      [
        { userId: alice.userId, role: 'member' },
        { userId: friend.userId, role: 'member' },
      ],
      '棋牌社',
    )
    const topics = `topics=group:bg-jsh-6,group:${groupId}`
    const first = await stream(alice.client, topics)
    const a1 = await say(alice.client, 'bg-jsh-6', '楼里的消息')
    const b1 = await say(friend.client, groupId, '小组的消息')
    await first.until(hasMessage(b1.messageId))
    await first.until(hasMessage(a1.messageId))
    const lastId = first.lastId()!
    expect(lastId.split(',').sort()).toEqual([`group:bg-jsh-6@${a1.version}`, `group:${groupId}@${b1.version}`].sort())
    first.close()

    const a2 = await say(alice.client, 'bg-jsh-6', '楼里第二条')
    const b2 = await say(friend.client, groupId, '小组第二条')
    const again = await stream(alice.client, topics, { 'Last-Event-ID': lastId })
    await again.until((c) => c.events.some((e) => e.event === 'ready'))
    expect(
      delivered(again)
        .map(([, id]) => id)
        .sort(),
    ).toEqual([a2.messageId, b2.messageId].sort())
  })

  test('when a reported message is hidden, then listeners get a hidden event with the placeholder', async () => {
    const leader = await t.login('seed-jsh-8-1')
    const [alice, bob] = await Promise.all([resident('jsh-8'), resident('jsh-8', '102')])
    const live = await stream(bob.client, 'topics=group:bg-jsh-8')
    const spam = await say(alice.client, 'bg-jsh-8', '代购名牌包')
    await bob.client.ok('chat', 'report', { messageId: spam.messageId, reason: '广告推销' })
    await leader.ok('chat', 'resolveReport', { reportId: spam.messageId, decision: 'hide' })
    await live.until((c) => c.of(['hidden']).length === 1)
    expect(delivered(live)).toEqual([
      ['message', spam.messageId],
      ['hidden', spam.messageId],
    ])
    expect(firstOf(live.of(['hidden'])).data.message).toMatchObject({ state: 'hidden', text: '消息因被举报已隐藏' })
  })

  test('when a listening resident is removed from the building, then the stream says revoked at once and ends before the next message', async () => {
    const leader = await t.login('seed-jsh-9-1')
    const [alice, leaving] = await Promise.all([resident('jsh-9'), resident('jsh-9', '102')])
    const live = await stream(leaving.client, 'topics=group:bg-jsh-9')
    await leader.ok('account', 'removeResident', { membershipId: leaving.membershipId })
    // No waiting for the periodic re-check: the ending closes the stream at once.
    const after = await say(alice.client, 'bg-jsh-9', '搬走以后发的消息')
    await live.untilEnded()
    expect(live.events.map((e) => e.event)).toEqual(['ready', 'revoked'])
    expect(hasMessage(after.messageId)(live)).toBe(false)
    // And a new stream is refused outright.
    expect((await stream(leaving.client, 'topics=group:bg-jsh-9')).status).toBe(403)
  })

  test('when pushes arrive out of order, then the stream fills the gap from the database and still delivers each change once, in order', async () => {
    const [alice, bob] = await Promise.all([resident('jsh-10'), resident('jsh-10', '102')])
    const live = await stream(bob.client, 'topics=group:bg-jsh-10')
    await live.until((c) => c.events.some((e) => e.event === 'ready'))
    const { store } = t.runtime.deps
    const group = (await store.get('groups', 'bg-jsh-10'))!
    // Two sends commit, but the second one's push overtakes the first's.
    const early = await appendMessage(store, {
      groupId: 'bg-jsh-10',
      senderId: alice.userId,
      clientId: 'slow-push-1',
      text: '先提交',
      at: clock.now(),
    })
    const late = await appendMessage(store, {
      groupId: 'bg-jsh-10',
      senderId: alice.userId,
      clientId: 'fast-push-2',
      text: '后提交',
      at: clock.now(),
    })
    const [earlyView, lateView] = take(await messageViews(store, group, [early.doc, late.doc]), 2)
    publishChange(t.runtime.deps, 'message', lateView)
    await live.until(hasMessage(lateView.messageId))
    publishChange(t.runtime.deps, 'message', earlyView)
    const next = await say(alice.client, 'bg-jsh-10', '之后的消息')
    await live.until(hasMessage(next.messageId))
    expect(delivered(live).map(([, id]) => id)).toEqual([earlyView.messageId, lateView.messageId, next.messageId])
  })

  test('when a client comes back after more changes than a replay holds, then it is told to reset and reload, with the current cursor', async () => {
    const members = await Promise.all([resident('jsh-11'), resident('jsh-11', '102')])
    const groupId = await interestGroup(
      t,
      members.map((m) => ({ userId: m.userId, role: 'member' as const })),
    )
    const { cursor } = await historyOf(members[1].client, groupId)
    await t.runtime.deps.store.transaction(async (tx) => {
      for (let i = 0; i < 501; i++) {
        await appendMessage(tx, {
          groupId,
          senderId: members[0].userId,
          clientId: `bulk-${String(i).padStart(5, '0')}`,
          text: `第${i}条`,
          at: clock.now(),
        })
      }
    })
    const again = await stream(members[1].client, `topics=group:${groupId}&after=${cursor}`)
    await again.until((c) => c.events.some((e) => e.event === 'ready'))
    expect(again.events.map((e) => e.event)).toEqual(['reset', 'ready'])
    expect(at(again.events, 0).data).toEqual({ topic: `group:${groupId}`, cursor: cursor + 501 })
  })

  test('when clients disconnect, then their listeners are removed from the hub', async () => {
    const alice = await resident('jsh-12')
    const baseline = t.runtime.hub.listenerCount()
    const streams = await Promise.all([1, 2, 3].map(() => stream(alice.client, 'topics=group:bg-jsh-12')))
    await Promise.all(streams.map((s) => s.until((c) => c.events.some((e) => e.event === 'ready'))))
    expect(t.runtime.hub.listenerCount()).toBe(baseline + 3)
    for (const s of streams) s.close()
    while (t.runtime.hub.listenerCount() !== baseline) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(t.runtime.hub.listenerCount()).toBe(baseline)
  })

  test('when the server stops with streams open, then the streams end and the server closes', async () => {
    const other = await startTestRuntime()
    try {
      const leader = await other.login('demo-leader-5')
      const live = await SseClient.open(other.url, leader.token, 'topics=group:bg-jsh-5')
      await live.until((c) => c.events.some((e) => e.event === 'ready'))
      await other.runtime.close()
      await live.untilEnded()
      expect(other.runtime.hub.listenerCount()).toBe(0)
    } finally {
      await other.close()
    }
  })

  test('when a client follows its own sends, then its own message also arrives (the page de-duplicates by id)', async () => {
    const alice = await resident('jsh-13')
    const live = await stream(alice.client, 'topics=group:bg-jsh-13')
    const mine: MessageView = await say(alice.client, 'bg-jsh-13', '自己发的')
    await live.until(hasMessage(mine.messageId))
    expect(delivered(live)).toEqual([['message', mine.messageId]])
  })
})

describe('chat realtime: a stream lives no longer than the sign-in that opened it', () => {
  const clock = new TestClock()
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime({ clock, tokenTtlMs: 60 * 60_000 })
  })
  afterAll(() => t.close())

  test('when the token a stream was opened with expires, then the stream says revoked (sign in again) and ends before the next message', async () => {
    const admin = await t.login('demo-admin')
    const speakerOpenid = 'chat-rt-expiry-speaker'
    await verifiedResident(t, admin, speakerOpenid, 'jsh-14', '101')
    const listener = await verifiedResident(t, admin, 'chat-rt-expiry-listener', 'jsh-14', '102')
    const live = await SseClient.open(t.url, listener.client.token, 'topics=group:bg-jsh-14')
    try {
      await live.until((c) => c.events.some((e) => e.event === 'ready'))

      clock.advance(61 * 60_000)
      const speaker = await t.login(speakerOpenid) // a fresh sign-in, valid from now
      const after = await say(speaker, 'bg-jsh-14', '过期以后发的消息')
      await live.untilEnded()

      expect(live.events.map((e) => e.event)).toEqual(['ready', 'revoked'])
      expect(at(live.events, 1).data).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' })
      expect(live.of().some((e) => e.data.message.messageId === after.messageId)).toBe(false)
      expect((await SseClient.open(t.url, listener.client.token, 'topics=group:bg-jsh-14')).status).toBe(401)
    } finally {
      live.close()
    }
  })
})
