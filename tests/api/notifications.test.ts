import { expectError, expectUnchanged, openidFactory, pendingApplicant, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf, take } from '../support/lists'

type Item = {
  notificationId: string
  kind: string
  title: string
  body: string
  link?: string
  readAt?: number
  wechat: string
  createdAt: number
}

describe('notifications', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('notify')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  /** A fresh leader for a building of their own, so counts are theirs alone. */
  async function freshLeader(buildingId: string) {
    const client = await t.login(fresh())
    const userId = await userIdOf(client)
    await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId })
    return { client, userId }
  }
  const items = async (client: ApiClient, data: unknown = {}): Promise<Item[]> =>
    (await client.ok('notifications', 'list', data)).items

  test('when someone applies without a code, then the building leader gets an in-app notification that names neither the person nor the room', async () => {
    const leader = await freshLeader('hsgef-1')
    expect(await leader.client.ok('notifications', 'unreadCount')).toEqual({ unread: 0 })
    clock.advance(1000)
    await pendingApplicant(t, fresh(), 'hsgef-1', '702')
    expect(await leader.client.ok('notifications', 'unreadCount')).toEqual({ unread: 1 })
    const list = await leader.client.ok('notifications', 'list', {})
    expect(list.unread).toBe(1)
    expect(list.items).toEqual([
      expect.objectContaining({
        kind: 'application',
        title: '新的入楼申请',
        urgent: false,
        wechat: 'not-granted',
        createdAt: clock.now(),
      }),
    ])
    expect(list.items[0].body).toContain('合生高尔夫 1号楼')
    // Notifications outlive a deleted account, so they carry nothing personal; the review page has it.
    expect(list.items[0].body).not.toContain('702')
    expect(list.items[0].link).toContain('buildingId=hsgef-1')
    expect(list.items[0].readAt).toBeUndefined()
  })

  test('when someone joins with the lobby code, then the leader is not asked to review anything', async () => {
    const leader = await freshLeader('hsgef-2')
    const poster = await admin.ok('account', 'joinPoster', { buildingId: 'hsgef-2' })
    const user = await t.login(fresh())
    await user.ok('account', 'applyToBuilding', { buildingId: 'hsgef-2', room: '101', joinCode: poster.joinCode })
    expect(await leader.client.ok('notifications', 'unreadCount')).toEqual({ unread: 0 })
  })

  test('when an application is approved or rejected, then the applicant is told', async () => {
    const approved = await pendingApplicant(t, fresh(), 'hsgef-4', '301')
    await admin.ok('account', 'reviewApplication', { membershipId: approved.membershipId, decision: 'approve' })
    expect(await items(approved.client)).toEqual([
      expect.objectContaining({ kind: 'application', title: '入楼申请已通过' }),
    ])

    const rejected = await pendingApplicant(t, fresh(), 'hsgef-4', '302')
    await admin.ok('account', 'reviewApplication', {
      membershipId: rejected.membershipId,
      decision: 'reject',
      reason: '房号有误',
    })
    const item = firstOf(await items(rejected.client))
    expect(item).toMatchObject({ title: '入楼申请未通过' })
    expect(item.body).toContain('房号有误')
  })

  test('when a user marks their notifications read, then only theirs change and the unread count drops', async () => {
    const leader = await freshLeader('hsgef-5')
    await pendingApplicant(t, fresh(), 'hsgef-5', '101')
    await pendingApplicant(t, fresh(), 'hsgef-5', '102')
    const [first, second] = take(await items(leader.client), 2)
    expect(await leader.client.ok('notifications', 'markRead', { ids: [first.notificationId] })).toEqual({ unread: 1 })
    const after = await items(leader.client)
    expect(after.find((i) => i.notificationId === first.notificationId)?.readAt).toBe(clock.now())
    expect(after.find((i) => i.notificationId === second.notificationId)?.readAt).toBeUndefined()
  })

  test("when someone marks another person's notification read, then it stays unread and nothing changes", async () => {
    const leader = await freshLeader('hsgef-6')
    await pendingApplicant(t, fresh(), 'hsgef-6', '101')
    const theirs = firstOf(await items(leader.client))
    const stranger = await t.login(fresh())
    const result = await expectUnchanged(t, () =>
      stranger.ok('notifications', 'markRead', { ids: [theirs.notificationId] }),
    )
    expect(result).toEqual({ unread: 0 })
    expect(await leader.client.ok('notifications', 'unreadCount')).toEqual({ unread: 1 })
  })

  test('when a user marks all read, then their unread count is zero and others are untouched', async () => {
    const leader = await freshLeader('hsgef-7')
    const other = await freshLeader('hsgef-7')
    await pendingApplicant(t, fresh(), 'hsgef-7', '101')
    await pendingApplicant(t, fresh(), 'hsgef-7', '102')
    expect(await leader.client.ok('notifications', 'markRead', { all: true })).toEqual({ unread: 0 })
    expect(await other.client.ok('notifications', 'unreadCount')).toEqual({ unread: 2 })
  })

  test('when several notifications arrive in the same millisecond, then paging neither skips nor repeats any', async () => {
    const leader = await freshLeader('hsgef-9')
    for (const room of ['101', '102', '103', '201', '202']) await pendingApplicant(t, fresh(), 'hsgef-9', room)
    const seen: string[] = []
    let before: string | undefined
    do {
      const page = await leader.client.ok('notifications', 'list', before ? { limit: 2, before } : { limit: 2 })
      seen.push(...page.items.map((n: Item) => n.notificationId))
      before = page.nextBefore
    } while (before)
    expect(seen).toHaveLength(5)
    expect(new Set(seen).size).toBe(5)
  })

  test('when the list is paged, then pages follow one another newest first', async () => {
    const leader = await freshLeader('hsgef-8')
    for (const room of ['101', '102', '103']) {
      clock.advance(1000)
      await pendingApplicant(t, fresh(), 'hsgef-8', room)
    }
    const page1 = await leader.client.ok('notifications', 'list', { limit: 2 })
    expect(page1.items).toHaveLength(2)
    expect(page1.items[0].createdAt).toBeGreaterThan(page1.items[1].createdAt)
    expect(page1.nextBefore).toBe(page1.items[1].notificationId)
    const page2 = await leader.client.ok('notifications', 'list', { limit: 2, before: page1.nextBefore })
    expect(page2.items).toHaveLength(1)
    expect(page2.items[0].createdAt).toBeLessThan(page1.items[1].createdAt)
    expect(page2.nextBefore).toBeUndefined()
  })

  test('when the applicant granted the subscription, then the decision also goes out on WeChat, once per grant', async () => {
    const applicant = await pendingApplicant(t, fresh(), 'hsgef-9', '101')
    expect(await applicant.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['application'] })).toEqual(
      { granted: { application: 1 } },
    )
    await admin.ok('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'reject' })
    // The request only queues the WeChat message; the outbox sends it.
    expect(firstOf(await items(applicant.client)).wechat).toBe('queued')
    expect(await t.runtime.deps.store.get('subscription_grants', `${applicant.userId}:application`)).toMatchObject({
      remaining: 1,
    })
    await t.runtime.drainOutbox()
    const sent = firstOf(await items(applicant.client))
    expect(sent.wechat).toBe('sent')
    const outbox = await t.runtime.deps.store.find('outbox', { recipientId: applicant.userId })
    expect(outbox).toEqual([
      expect.objectContaining({ templateKey: 'application', status: 'sent', page: '/pages/me/index' }),
    ])
    expect(at(outbox, 0).data.title).toBe('入楼申请未通过')
    expect(await t.runtime.deps.store.get('subscription_grants', `${applicant.userId}:application`)).toMatchObject({
      remaining: 0,
    })

    // The grant is spent: the next decision is in-app only.
    clock.advance(1000)
    const again = await applicant.client.ok('account', 'applyToBuilding', { buildingId: 'hsgef-9', room: '101' })
    await admin.ok('account', 'reviewApplication', { membershipId: again.membershipId, decision: 'approve' })
    const [latest] = await items(applicant.client)
    expect(latest).toMatchObject({ title: '入楼申请已通过', wechat: 'not-granted' })
    expect(await t.runtime.deps.store.count('outbox', { recipientId: applicant.userId })).toBe(1)
  })

  test('when the leader granted the subscription, then a new application reaches them on WeChat', async () => {
    const leader = await freshLeader('hsgef-10')
    await leader.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['application', 'announcement'] })
    await pendingApplicant(t, fresh(), 'hsgef-10', '101')
    await t.runtime.drainOutbox()
    expect(firstOf(await items(leader.client)).wechat).toBe('sent')
    expect(await t.runtime.deps.store.count('outbox', { recipientId: leader.userId, templateKey: 'application' })).toBe(
      1,
    )
  })

  test('when nothing was granted, then no WeChat message and no outbox entry', async () => {
    const applicant = await pendingApplicant(t, fresh(), 'mc-2', '101')
    await admin.ok('account', 'reviewApplication', { membershipId: applicant.membershipId, decision: 'approve' })
    expect(firstOf(await items(applicant.client)).wechat).toBe('not-granted')
    expect(await t.runtime.deps.store.count('outbox', { recipientId: applicant.userId })).toBe(0)
  })

  test('when grants are tapped again and again, then at most 20 are kept', async () => {
    const user = await t.login(fresh())
    let last: unknown
    for (let i = 0; i < 22; i++)
      last = await user.ok('notifications', 'grantSubscriptions', { templateKeys: ['healthTip'] })
    expect(last).toEqual({ granted: { healthTip: 20 } })
  })

  test.each([
    ['unreadCount', undefined],
    ['list', {}],
    ['markRead', { all: true }],
    ['grantSubscriptions', { templateKeys: ['application'] }],
  ])('when %s is called without a token, then AUTH.UNAUTHENTICATED', async (action, data) => {
    expectError(
      await expectUnchanged(t, () => t.anonymous.call('notifications', action, data)),
      401,
      'AUTH.UNAUTHENTICATED',
    )
  })

  test.each([
    ['list', 'a limit over 50', { limit: 51 }, 'limit'],
    ['list', 'a cursor that is not an id', { before: -1 }, 'before'],
    ['list', 'an unknown field', { unreadOnly: true }, 'unreadOnly'],
    ['markRead', 'an empty id list', { ids: [] }, 'ids'],
    ['markRead', 'over 100 ids', { ids: Array.from({ length: 101 }, (_, i) => `n_${i}`) }, 'ids'],
    ['markRead', 'a malformed id', { ids: ['n 1'] }, 'ids.0'],
    ['markRead', 'all set to false', { all: false }, 'all'],
    ['markRead', 'neither ids nor all', {}, 'ids'],
    ['grantSubscriptions', 'an unknown template', { templateKeys: ['marketing'] }, 'templateKeys.0'],
    ['grantSubscriptions', 'no templates', { templateKeys: [] }, 'templateKeys'],
    ['unreadCount', 'an unknown field', { since: 1 }, 'since'],
  ])('when %s is given %s, then INPUT.INVALID names the field', async (action, _what, data, field) => {
    const user = await t.login('demo-resident-11')
    expectError(await expectUnchanged(t, () => user.call('notifications', action, data)), 400, 'INPUT.INVALID', field)
  })
})
