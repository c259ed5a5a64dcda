import type { UserDoc } from '../../cloudfunctions/core/account/account.docs'
import { drainOutbox, wechatSendCounts, type DrainOptions } from '../../cloudfunctions/core/notifications/outbox'
import { StoreNotifier } from '../../cloudfunctions/core/notifications/store-notifier'
import type { SendResult, SubscribeMessage, SubscribeMessenger } from '../../cloudfunctions/core/shared/ports'
import { memoryDeps, type MemoryDeps } from '../support/memory-deps'
import { at, firstOf } from '../support/lists'

/**
 * The outbox drain on an in-memory store, with a messenger that answers as told: what is sent,
 * what happens to the person's grant when WeChat refuses, and what a drain that died leaves.
 */

/** A WeChat stand-in: records every send; answers with `answer` (delivered by default). */
class ScriptedMessenger implements SubscribeMessenger {
  readonly sends: SubscribeMessage[] = []
  constructor(
    private answer: (message: SubscribeMessage, attempt: number) => SendResult = () => ({ delivered: true }),
    readonly wasDelivered?: (key: string) => Promise<boolean>,
  ) {}

  async send(message: SubscribeMessage): Promise<SendResult> {
    this.sends.push(message)
    return this.answer(message, this.sends.filter((m) => m.key === message.key).length)
  }
}

let deps: MemoryDeps
const notifier = () => new StoreNotifier({ store: deps.store, clock: deps.clock, ids: deps.ids })
const drain = (messenger: SubscribeMessenger, options: Partial<DrainOptions> = {}) =>
  drainOutbox({ ...deps, messenger, sleep: async () => undefined }, { staleBefore: deps.clock.now(), ...options })

async function person(n: number, grants: number): Promise<string> {
  const user: UserDoc = {
    _id: `u${n}`,
    openid: `o-${n}`,
    nickname: `居民${n}`,
    largeText: false,
    roles: [],
    membership: null,
    privacyAcceptedVersion: null,
    createdAt: 0,
  }
  await deps.store.insert('users', user)
  if (grants)
    await deps.store.insert('subscription_grants', {
      _id: `u${n}:announcement`,
      userId: `u${n}`,
      templateKey: 'announcement',
      remaining: grants,
      updatedAt: 0,
    })
  return user._id
}

const remaining = async (userId: string) =>
  (await deps.store.get('subscription_grants', `${userId}:announcement`))?.remaining
const outbox = () => deps.store.find('outbox', {}, { orderBy: [['_id', 'asc']] })
const wechatOf = async (userId: string) =>
  (await deps.store.find('notifications', { recipientId: userId })).map((n) => n.wechat)
const announce = (recipients: string[], title = '停水通知') =>
  notifier().notify(recipients, {
    kind: 'announcement',
    templateKey: 'announcement',
    title,
    body: '周六上午停水',
    link: '/packages/announcements/pages/detail/index?id=a1',
    about: 'announcement:a1',
  })

beforeEach(() => {
  deps = memoryDeps()
})
afterEach(() => deps.db.close())

describe('queueing', () => {
  test('when a notice goes to people with and without a grant, then everyone gets it in-app at once, only the granted are queued, and nothing is sent yet', async () => {
    const granted = await person(1, 1)
    const notGranted = await person(2, 0)
    await announce([granted, notGranted, granted])
    expect(await wechatOf(granted)).toEqual(['queued'])
    expect(await wechatOf(notGranted)).toEqual(['not-granted'])
    expect(await outbox()).toEqual([
      expect.objectContaining({
        recipientId: granted,
        status: 'queued',
        about: 'announcement:a1',
        data: { title: '停水通知', body: '周六上午停水' },
      }),
    ])
    // Queueing spends nothing: the grant is spent when the message is actually sent.
    expect(await remaining(granted)).toBe(1)
    expect(await wechatSendCounts(deps.store, 'announcement:a1')).toEqual({ sent: 0, queued: 1, failed: 0 })
  })

  test('when 1,000 of 1,500 recipients granted it, then their grants are found without a query per person and 1,000 messages are queued', async () => {
    const ids = await Promise.all(Array.from({ length: 1500 }, (_, i) => person(i, i < 1000 ? 1 : 0)))
    const find = jest.spyOn(deps.store, 'find')
    await announce(ids)
    expect(find.mock.calls.filter(([collection]) => collection === 'subscription_grants').length).toBeLessThanOrEqual(2)
    expect(await deps.store.count('outbox', { status: 'queued' })).toBe(1000)
    expect(await deps.store.count('notifications', {})).toBe(1500)
  })
})

describe('draining', () => {
  test('when the outbox drains, then each queued message is sent once with the openid, its grant spent, and the notification says sent', async () => {
    const a = await person(1, 2)
    const b = await person(2, 1)
    await announce([a, b])
    const messenger = new ScriptedMessenger()
    const run = await drain(messenger)
    expect(run).toEqual({ sent: 2, failed: 0, recovered: 0, unfinished: false })
    expect(messenger.sends.map((m) => m.openid).sort()).toEqual(['o-1', 'o-2'])
    expect(messenger.sends[0]).toMatchObject({
      templateKey: 'announcement',
      page: '/packages/announcements/pages/detail/index?id=a1',
    })
    expect([await remaining(a), await remaining(b)]).toEqual([1, 0])
    expect(await wechatOf(a)).toEqual(['sent'])
    expect(await wechatSendCounts(deps.store, 'announcement:a1')).toEqual({ sent: 2, queued: 0, failed: 0 })
    // Draining again sends nothing more.
    await drain(messenger)
    expect(messenger.sends).toHaveLength(2)
  })

  test('when two drains run at once, then each message is still sent exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => person(i, 1)))
    await announce(ids)
    const messenger = new ScriptedMessenger()
    await Promise.all([drain(messenger, { batchSize: 7 }), drain(messenger, { batchSize: 5 }), drain(messenger)])
    expect(messenger.sends).toHaveLength(40)
    expect(new Set(messenger.sends.map((m) => m.key)).size).toBe(40)
    expect(await deps.store.count('outbox', { status: 'sent' })).toBe(40)
  })

  test('when a person has two messages queued but one grant left, then one is sent and the other fails as no-grant, never reaching WeChat', async () => {
    const a = await person(1, 1)
    await announce([a], '第一条')
    await announce([a], '第二条')
    const messenger = new ScriptedMessenger()
    const run = await drain(messenger)
    expect(run).toMatchObject({ sent: 1, failed: 1 })
    expect(messenger.sends).toHaveLength(1)
    expect((await outbox()).map((o) => [o.status, o.reason])).toEqual([
      ['sent', null],
      ['failed', 'no-grant'],
    ])
    expect(await remaining(a)).toBe(0)
  })

  test('when WeChat refuses before delivering (say, a bad template), then the message fails and the grant is kept for the next one', async () => {
    const a = await person(1, 1)
    await announce([a])
    await drain(new ScriptedMessenger(() => ({ delivered: false, reason: 'errCode:40037', grant: 'kept' })))
    expect(await outbox()).toEqual([
      expect.objectContaining({ status: 'failed', reason: 'errCode:40037', claimToken: null }),
    ])
    expect(await remaining(a)).toBe(1)
    expect(await wechatOf(a)).toEqual(['failed'])
    expect(await wechatSendCounts(deps.store, 'announcement:a1')).toEqual({ sent: 0, queued: 0, failed: 1 })
  })

  test('when WeChat says the person has no subscription left (43101), then the message fails and their grant count goes to zero', async () => {
    const a = await person(1, 3)
    await announce([a])
    await drain(new ScriptedMessenger(() => ({ delivered: false, reason: 'errCode:43101', grant: 'gone' })))
    expect(await remaining(a)).toBe(0)
  })

  test('when WeChat is busy twice and then accepts, then the message is sent after backing off, once', async () => {
    const a = await person(1, 1)
    await announce([a])
    const waits: number[] = []
    const messenger = new ScriptedMessenger((_m, attempt) =>
      attempt < 3 ? { delivered: false, reason: 'errCode:-1', grant: 'kept', retryable: true } : { delivered: true },
    )
    await drainOutbox(
      { ...deps, messenger, sleep: async (ms) => void waits.push(ms) },
      { staleBefore: deps.clock.now(), retryBaseMs: 100 },
    )
    expect(messenger.sends).toHaveLength(3)
    expect(waits).toHaveLength(2)
    expect(at(waits, 1)).toBeGreaterThan(at(waits, 0) / 2) // doubling, with jitter
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'sent' })])
    expect(await remaining(a)).toBe(0)
  })

  test('when the send fails in a way that may have delivered it (network), then it is never tried again and the grant stays spent', async () => {
    const a = await person(1, 2)
    await announce([a])
    const messenger = new ScriptedMessenger(() => ({ delivered: false, reason: 'error', grant: 'unknown' }))
    await drain(messenger)
    await drain(messenger)
    expect(messenger.sends).toHaveLength(1)
    expect(await remaining(a)).toBe(1)
  })

  test('when the account was deleted before the send, then nothing goes to WeChat', async () => {
    const a = await person(1, 1)
    await announce([a])
    await deps.store.update('users', a, { set: { deletedAt: 1 } })
    const messenger = new ScriptedMessenger()
    await drain(messenger)
    expect(messenger.sends).toEqual([])
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'failed', reason: 'account-deleted' })])
  })

  test('when the deadline has passed, then no new batch is claimed and the run says it is unfinished', async () => {
    const a = await person(1, 1)
    await announce([a])
    const messenger = new ScriptedMessenger()
    expect(await drain(messenger, { deadline: deps.clock.now() })).toMatchObject({ sent: 0, unfinished: true })
    expect(messenger.sends).toEqual([])
  })
})

describe('a drain that died mid-send', () => {
  /** What a killed drain leaves: the item claimed (grant spent) and never written down. */
  async function leftSending(): Promise<string> {
    const a = await person(1, 1)
    await announce([a])
    const item = firstOf(await outbox())
    await deps.store.update('outbox', item._id, {
      set: { status: 'sending', claimToken: 'drain_dead', claimedAt: deps.clock.now() - 1 },
    })
    await deps.store.update('subscription_grants', `${a}:announcement`, { inc: { remaining: -1 } })
    return a
  }

  test('when the messenger can tell the send never went out, then it is queued again with its grant and sent once', async () => {
    const a = await leftSending()
    const messenger = new ScriptedMessenger(undefined, async () => false)
    const run = await drain(messenger)
    expect(run).toMatchObject({ recovered: 1, sent: 1 })
    expect(messenger.sends).toHaveLength(1)
    expect(await remaining(a)).toBe(0)
    expect(await wechatOf(a)).toEqual(['sent'])
  })

  test('when the messenger can tell the send went out, then it is marked sent and not sent again', async () => {
    const a = await leftSending()
    const messenger = new ScriptedMessenger(undefined, async () => true)
    await drain(messenger)
    expect(messenger.sends).toEqual([])
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'sent' })])
    expect(await wechatOf(a)).toEqual(['sent'])
  })

  test('when the messenger cannot tell (WeChat), then it is given up as interrupted rather than risk sending it twice', async () => {
    const a = await leftSending()
    const messenger = new ScriptedMessenger()
    await drain(messenger)
    expect(messenger.sends).toEqual([])
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'failed', reason: 'interrupted' })])
    expect(await wechatOf(a)).toEqual(['failed'])
  })

  test('when a claim is younger than the stale limit, then another drain leaves it alone (its drain may still be running)', async () => {
    await leftSending()
    const messenger = new ScriptedMessenger(undefined, async () => false)
    await drain(messenger, { staleBefore: deps.clock.now() - 60_000 })
    expect(messenger.sends).toEqual([])
    expect(await outbox()).toEqual([expect.objectContaining({ status: 'sending', claimToken: 'drain_dead' })])
  })
})
