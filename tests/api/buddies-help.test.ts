import { errorOf, expectError, expectUnchanged, openidFactory, userIdOf, verifiedResident } from '../support/api-expect'
import { newBuddy, roomFactory } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at } from '../support/lists'

type View = Record<string, unknown> & {
  requestId: string
  status: string
  room?: string
  mine: Record<string, boolean>
}

/** Every string anywhere in a reply, to prove a room (or household) is not in it, under any key. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}
function expectNoRoom(reply: unknown, room: string) {
  expect(JSON.stringify(reply)).not.toContain('"room"')
  expect(JSON.stringify(reply)).not.toContain('householdId')
  expect(strings(reply).filter((s) => s === room || s.includes(`~${room}`) || s.includes(`${room}室`))).toEqual([])
}

describe('buddies: help requests', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('buddy-help')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const ask = (client: ApiClient, data: Record<string, unknown> = {}) =>
    client.ok('buddies', 'requestHelp', {
      skill: '教老人用手机',
      when: '周六下午',
      note: '想学微信视频',
      ...data,
    }) as Promise<View>
  const openIds = async (client: ApiClient) =>
    ((await client.ok('buddies', 'listHelpRequests', { scope: 'open' })).requests as View[]).map((r) => r.requestId)
  const hoursOf = (client: ApiClient) =>
    client.ok('buddies', 'myHours') as Promise<{
      totalMinutes: number
      entries: Array<{ requestId: string; minutes: number }>
    }>
  type Notice = { kind: string; title: string; body: string; link?: string; wechat: string }
  /** The newest notification with this title (several may arrive within one test-clock millisecond). */
  const notice = async (client: ApiClient, title: string) =>
    ((await client.ok('notifications', 'list', {})).items as Notice[]).find((n) => n.title === title)

  /** An older neighbour (not a buddy) in jsh-13 and a buddy who can help, in jsh-14: the same estate. */
  async function pair(skill = '教老人用手机') {
    const elder = await verifiedResident(t, admin, fresh(), 'jsh-13', room('jsh-13'))
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'), { nickname: '小帮手', skills: [skill] })
    return { elder, buddy, elderRoom: (await elder.client.ok('account', 'me')).membership.room as string }
  }

  test('when an elder asks, a buddy offers, the elder accepts and confirms, then the room shows only after acceptance and the hours only after confirmation', async () => {
    const { elder, buddy, elderRoom } = await pair()
    await elder.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['helpUpdate'] })

    // Asked: the requester sees everything about their own request.
    const asked = await ask(elder.client, { when: '这周六下午', note: '想学用微信和孙子视频' })
    expect(asked).toMatchObject({
      skill: '教老人用手机',
      when: '这周六下午',
      note: '想学用微信和孙子视频',
      status: 'open',
      buildingLabel: '金上海家园 13号楼',
      room: elderRoom,
      onBehalf: false,
    })
    expect(asked.mine).toMatchObject({ isRequester: true, canCancel: true, canOffer: false })

    // Seen by the buddy among the requests they could take — without the room.
    const open = (await buddy.client.ok('buddies', 'listHelpRequests', { scope: 'open' })).requests as View[]
    const seen = open.find((r) => r.requestId === asked.requestId)
    expect(seen).toMatchObject({
      status: 'open',
      buildingLabel: '金上海家园 13号楼',
      mine: expect.objectContaining({ canOffer: true }),
    })
    expectNoRoom(open, elderRoom)
    expectNoRoom(await buddy.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId }), elderRoom)
    // The new request reached them as an in-app notice, also without the room.
    const alert = (await buddy.client.ok('notifications', 'list', {})).items.find(
      (n: { kind: string }) => n.kind === 'helpRequest',
    )
    expect(alert).toMatchObject({
      title: '有邻居需要帮忙',
      link: `/packages/buddies/pages/help-detail/index?id=${asked.requestId}`,
    })
    expectNoRoom(alert, elderRoom)

    // Offered: still no room for the helper; the elder is told (WeChat too, they granted it).
    clock.advance(60_000)
    const offered = await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    expect(offered).toMatchObject({
      status: 'offered',
      helperId: buddy.userId,
      helperName: '小帮手',
      offeredAt: clock.now(),
    })
    expectNoRoom(offered, elderRoom)
    expectNoRoom(await buddy.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId }), elderRoom)
    expectNoRoom(await buddy.client.ok('buddies', 'listHelpRequests', { scope: 'helping' }), elderRoom)
    await t.runtime.drainOutbox()
    expect(await notice(elder.client, '有小伙伴愿意帮忙')).toMatchObject({
      title: '有小伙伴愿意帮忙',
      kind: 'help',
      wechat: 'sent',
    })
    expect((await store().find('outbox', { recipientId: elder.userId }))[0]).toMatchObject({
      templateKey: 'helpUpdate',
      status: 'sent',
    })
    expect((await hoursOf(buddy.client)).totalMinutes).toBe(0)

    // Accepted: now — and only now — the helper sees the room.
    const accepted = await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptedAt: clock.now(),
      mine: expect.objectContaining({ canComplete: true }),
    })
    const forHelper = await buddy.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId })
    expect(forHelper).toMatchObject({
      status: 'accepted',
      room: elderRoom,
      mine: expect.objectContaining({ isHelper: true, canWithdraw: true, canComplete: false }),
    })
    const helperNote = await notice(buddy.client, '对方确认了您的帮忙')
    expect(helperNote).toMatchObject({ kind: 'help' })
    expectNoRoom(helperNote, elderRoom)
    // Accepting is not helping yet: no hours.
    expect((await hoursOf(buddy.client)).totalMinutes).toBe(0)
    expect(await store().get('volunteer_hours', `help:${asked.requestId}`)).toBeNull()

    // Confirmed done: the minutes land in the helper's ledger.
    clock.advance(3600_000)
    const done = await elder.client.ok('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 45 })
    expect(done).toMatchObject({ status: 'completed', minutes: 45, completedAt: clock.now() })
    expect(await hoursOf(buddy.client)).toEqual({
      totalMinutes: 45,
      entries: [{ requestId: asked.requestId, skill: '教老人用手机', minutes: 45, confirmedAt: clock.now() }],
    })
    expect((await buddy.client.ok('buddies', 'myProfile')).totalMinutes).toBe(45)
    expect(await notice(buddy.client, '谢谢您的帮忙')).toMatchObject({ title: '谢谢您的帮忙' })
    // The job is done: the address goes away from the helper's view again.
    expectNoRoom(await buddy.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId }), elderRoom)
  })

  test('when ten buddies offer at the same moment, then exactly one gets it and the rest hear HELP.ALREADY_TAKEN', async () => {
    const elder = await verifiedResident(t, admin, fresh(), 'jsh-13', room('jsh-13'))
    const buddies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        newBuddy(t, admin, fresh(), `jsh-${15 + (i % 2)}`, '601', { skills: ['代买代办'] }),
      ),
    )
    const asked = await ask(elder.client, { skill: '代买代办' })

    const results = await Promise.all(
      buddies.map((b) => b.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
    )

    const winners = results.filter((r) => r.body.ok)
    expect(winners).toHaveLength(1)
    const losers = results.filter((r) => !r.body.ok)
    expect(losers.map((r) => [r.status, errorOf(r).code])).toEqual(
      Array.from({ length: 9 }, () => [409, 'HELP.ALREADY_TAKEN']),
    )
    const winner = at(
      buddies,
      results.findIndex((r) => r.body.ok),
    )
    expect(await store().get('help_requests', asked.requestId)).toMatchObject({
      status: 'offered',
      helperId: winner.userId,
    })
    // The requester heard about it once.
    expect(
      (await elder.client.ok('notifications', 'list', {})).items.filter(
        (n: { title: string }) => n.title === '有小伙伴愿意帮忙',
      ),
    ).toHaveLength(1)
  })

  test('when the requester declines an offer, then the request is open again and that buddy is not offered it again', async () => {
    const { elder, buddy } = await pair()
    const other = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'), { skills: ['教老人用手机'] })
    const asked = await ask(elder.client)
    await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    clock.advance(1000)
    const declined = await elder.client.ok('buddies', 'declineOffer', { requestId: asked.requestId })
    expect(declined).toMatchObject({ status: 'open' })
    expect(declined).not.toHaveProperty('helperId')
    expect(await notice(buddy.client, '对方暂时不需要帮忙了')).toMatchObject({ title: '对方暂时不需要帮忙了' })
    expect(await openIds(buddy.client)).not.toContain(asked.requestId)
    expectError(
      await expectUnchanged(t, () => buddy.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
      404,
      'NOT_FOUND',
    )
    expect(await openIds(other.client)).toContain(asked.requestId)
    expect((await other.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })).status).toBe('offered')
  })

  test('when the helper steps back after acceptance, then the request opens again, the requester is told, and the room is hidden again', async () => {
    const { elder, buddy, elderRoom } = await pair()
    const asked = await ask(elder.client)
    await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
    const back = await buddy.client.ok('buddies', 'withdrawOffer', { requestId: asked.requestId })
    expect(back).toMatchObject({ status: 'open', mine: expect.objectContaining({ canOffer: true, isHelper: false }) })
    expectNoRoom(back, elderRoom)
    expect(await notice(elder.client, '求助重新等待小伙伴')).toMatchObject({ title: '求助重新等待小伙伴' })
    expect(await openIds(buddy.client)).toContain(asked.requestId)
  })

  test('when a buddy who holds a request leaves the programme, then the request opens again and the requester is told', async () => {
    const { elder, buddy } = await pair()
    const asked = await ask(elder.client)
    await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
    await buddy.client.ok('buddies', 'withdraw', { confirm: true })
    expect(await store().get('help_requests', asked.requestId)).toMatchObject({
      status: 'open',
      helperId: null,
    })
    expect((await notice(elder.client, '求助重新等待小伙伴'))?.body).toContain('退出网络小伙伴')
  })

  test('when the requester cancels, then the helper is told and nobody can offer or complete any more', async () => {
    const { elder, buddy } = await pair()
    const asked = await ask(elder.client)
    await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    const cancelled = await elder.client.ok('buddies', 'cancelHelp', { requestId: asked.requestId })
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelledAt: clock.now(),
      mine: expect.objectContaining({ canCancel: false }),
    })
    expect(await notice(buddy.client, '求助已取消')).toMatchObject({ title: '求助已取消' })
    for (const action of ['cancelHelp', 'acceptOffer', 'declineOffer']) {
      expectError(
        await expectUnchanged(t, () => elder.client.call('buddies', action, { requestId: asked.requestId })),
        409,
        'HELP.WRONG_STATE',
      )
    }
    expectError(
      await expectUnchanged(t, () =>
        elder.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 30 }),
      ),
      409,
      'HELP.WRONG_STATE',
    )
  })

  test('when a cancelled request is offered by a buddy who could have taken it, then HELP.WRONG_STATE', async () => {
    const { elder, buddy } = await pair()
    const asked = await ask(elder.client)
    await elder.client.ok('buddies', 'cancelHelp', { requestId: asked.requestId })
    // A cancelled request is no longer shown to buddies at all.
    expectError(
      await expectUnchanged(t, () => buddy.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
      409,
      'HELP.WRONG_STATE',
    )
    expect(await openIds(buddy.client)).not.toContain(asked.requestId)
  })

  describe('hours only after confirmation', () => {
    test('when the helper tries to confirm their own help, then AUTH.FORBIDDEN and no hours', async () => {
      const { elder, buddy } = await pair()
      const asked = await ask(elder.client)
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
      expectError(
        await expectUnchanged(t, () =>
          buddy.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 600 }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
      expect((await hoursOf(buddy.client)).totalMinutes).toBe(0)
    })

    test('when completion is confirmed before the offer is accepted, then HELP.WRONG_STATE and no hours', async () => {
      const { elder, buddy } = await pair()
      const asked = await ask(elder.client)
      expectError(
        await expectUnchanged(t, () =>
          elder.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 30 }),
        ),
        409,
        'HELP.WRONG_STATE',
      )
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      expectError(
        await expectUnchanged(t, () =>
          elder.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 30 }),
        ),
        409,
        'HELP.WRONG_STATE',
      )
      expect((await hoursOf(buddy.client)).totalMinutes).toBe(0)
    })

    test('when completion is confirmed twice, then the hours count once', async () => {
      const { elder, buddy } = await pair()
      const asked = await ask(elder.client)
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
      const both = await Promise.all([
        elder.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 30 }),
        elder.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 30 }),
      ])
      expect(both.filter((r) => r.body.ok)).toHaveLength(1)
      expect(errorOf(both.find((r) => !r.body.ok)!).code).toBe('HELP.WRONG_STATE')
      expect((await hoursOf(buddy.client)).totalMinutes).toBe(30)
      expect(await store().find('volunteer_hours', { requestId: asked.requestId })).toHaveLength(1)
    })

    test("when the building's leader confirms a resident's help, then the hours are recorded and say who confirmed", async () => {
      const elder = await verifiedResident(t, admin, fresh(), 'jsh-5', room('jsh-5'))
      const buddy = await newBuddy(t, admin, fresh(), 'jsh-6', room('jsh-6'), { skills: ['陪同就医'] })
      const leader = await t.login('demo-leader-5')
      const asked = await ask(elder.client, { skill: '陪同就医' })
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
      await leader.ok('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 120 })
      expect(await store().get('volunteer_hours', `help:${asked.requestId}`)).toMatchObject({
        userId: buddy.userId,
        minutes: 120,
        confirmedBy: await userIdOf(leader),
      })
      // A leader of another building may not.
      const asked2 = await ask(elder.client, { skill: '陪同就医' })
      const otherLeader = await t.login(fresh())
      await admin.ok('account', 'assignRole', {
        userId: await userIdOf(otherLeader),
        role: 'leader',
        buildingId: 'jsh-6',
      })
      expectError(
        await expectUnchanged(t, () => otherLeader.call('buddies', 'cancelHelp', { requestId: asked2.requestId })),
        404,
        'NOT_FOUND',
      )
    })
  })

  describe('who may offer', () => {
    test('when a buddy in another estate or without the skill looks, then the request is not there and offering is NOT_FOUND', async () => {
      const elder = await verifiedResident(t, admin, fresh(), 'jsh-13', room('jsh-13'))
      const asked = await ask(elder.client, { skill: '家电小修' })
      const farAway = await newBuddy(t, admin, fresh(), 'hsgef-5', room('hsgef-5'), { skills: ['家电小修'] })
      const noSkill = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'), { skills: ['辅导功课'] })
      for (const buddy of [farAway, noSkill]) {
        expect(await openIds(buddy.client)).not.toContain(asked.requestId)
        expectError(
          await expectUnchanged(t, () => buddy.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
          404,
          'NOT_FOUND',
        )
        expectError(
          await buddy.client.call('buddies', 'getHelpRequest', { requestId: asked.requestId }),
          404,
          'NOT_FOUND',
        )
      }
    })

    test('when a resident who is not a buddy offers, then BUDDY.NOT_SIGNED_UP and nothing changes', async () => {
      const { elder } = await pair()
      const asked = await ask(elder.client)
      const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-14', room('jsh-14'))
      expectError(
        await expectUnchanged(t, () => neighbour.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
        403,
        'BUDDY.NOT_SIGNED_UP',
      )
      expectError(
        await neighbour.client.call('buddies', 'listHelpRequests', { scope: 'open' }),
        403,
        'BUDDY.NOT_SIGNED_UP',
      )
    })

    test('when a buddy offers to help with their own request, then AUTH.FORBIDDEN', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'))
      const asked = await ask(buddy.client)
      expect(await openIds(buddy.client)).not.toContain(asked.requestId)
      expectError(
        await expectUnchanged(t, () => buddy.client.call('buddies', 'offerHelp', { requestId: asked.requestId })),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the helper tries to accept or decline their own offer, then AUTH.FORBIDDEN', async () => {
      const { elder, buddy } = await pair()
      const asked = await ask(elder.client)
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      for (const action of ['acceptOffer', 'declineOffer', 'cancelHelp']) {
        expectError(
          await expectUnchanged(t, () => buddy.client.call('buddies', action, { requestId: asked.requestId })),
          403,
          'AUTH.FORBIDDEN',
        )
      }
    })

    test('when a stranger acts on a request, then NOT_FOUND for every move, as if it did not exist', async () => {
      const { elder } = await pair()
      const asked = await ask(elder.client)
      const stranger = await verifiedResident(t, admin, fresh(), 'mc-1', room('mc-1'))
      for (const action of ['getHelpRequest', 'acceptOffer', 'declineOffer', 'withdrawOffer', 'cancelHelp']) {
        expectError(
          await expectUnchanged(t, () => stranger.client.call('buddies', action, { requestId: asked.requestId })),
          404,
          'NOT_FOUND',
        )
      }
      expectError(
        await expectUnchanged(t, () =>
          stranger.client.call('buddies', 'completeHelp', { requestId: asked.requestId, minutes: 10 }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test('when a request does not exist, then NOT_FOUND', async () => {
      const buddy = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'))
      expectError(
        await expectUnchanged(t, () => buddy.client.call('buddies', 'offerHelp', { requestId: 'hr_nothing' })),
        404,
        'NOT_FOUND',
      )
    })
  })

  describe('asking on a resident’s behalf', () => {
    test('when a leader asks for a resident of their building, then it is recorded as such and the leader acts as requester', async () => {
      const leader = await t.login('demo-leader-5')
      const buddy = await newBuddy(t, admin, fresh(), 'jsh-7', room('jsh-7'), { skills: ['家电小修'] })
      const asked = await ask(leader, {
        skill: '家电小修',
        note: '独居老伯家的热水器坏了',
        onBehalfOf: { buildingId: 'jsh-5', room: '406' },
      })
      expect(asked).toMatchObject({
        onBehalf: true,
        room: '406',
        buildingLabel: '金上海家园 5号楼',
        requesterName: '张阿姨',
      })
      expect(await store().get('help_requests', asked.requestId)).toMatchObject({
        onBehalf: true,
        requesterId: await userIdOf(leader),
        householdId: 'jsh-5~406',
        room: '406',
      })
      const seen = ((await buddy.client.ok('buddies', 'listHelpRequests', { scope: 'open' })).requests as View[]).find(
        (r) => r.requestId === asked.requestId,
      )
      expect(seen).toMatchObject({ onBehalf: true, requesterName: '张阿姨' })
      expectNoRoom(seen, '406')
      await buddy.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
      expect(await notice(leader, '有小伙伴愿意帮忙')).toMatchObject({ title: '有小伙伴愿意帮忙' })
      await leader.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
      expect((await buddy.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId })).room).toBe('406')
      expect(
        (await leader.ok('buddies', 'listHelpRequests', { scope: 'building', buildingId: 'jsh-5' })).requests.map(
          (r: View) => r.requestId,
        ),
      ).toContain(asked.requestId)
    })

    test('when someone who does not lead that building asks on a resident’s behalf, then AUTH.FORBIDDEN and nothing is stored', async () => {
      const resident = await t.login('demo-resident-5')
      const leader = await t.login('demo-leader-5')
      const data = { skill: '代买代办', when: '明天', onBehalfOf: { buildingId: 'jsh-5', room: '406' } }
      expectError(await expectUnchanged(t, () => resident.call('buddies', 'requestHelp', data)), 403, 'AUTH.FORBIDDEN')
      expectError(
        await expectUnchanged(t, () =>
          leader.call('buddies', 'requestHelp', { ...data, onBehalfOf: { buildingId: 'jsh-6', room: '406' } }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the room is not in the building, then INPUT.INVALID names it and nothing is stored', async () => {
      const leader = await t.login('demo-leader-5')
      const result = await expectUnchanged(t, () =>
        leader.call('buddies', 'requestHelp', {
          skill: '代买代办',
          when: '明天',
          onBehalfOf: { buildingId: 'jsh-5', room: '707' },
        }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'onBehalfOf.room')
    })
  })

  describe('asking', () => {
    test('when the note fails the content check, then CONTENT.REJECTED and nothing is stored', async () => {
      const elder = await verifiedResident(t, admin, fresh(), 'jsh-13', room('jsh-13'))
      expectError(
        await expectUnchanged(t, () =>
          elder.client.call('buddies', 'requestHelp', { skill: '代买代办', when: '明天', note: '帮我买六合彩' }),
        ),
        400,
        'CONTENT.REJECTED',
      )
    })

    test('when the note is left out, then the request has an empty note', async () => {
      const elder = await verifiedResident(t, admin, fresh(), 'jsh-13', room('jsh-13'))
      expect(await elder.client.ok('buddies', 'requestHelp', { skill: '代买代办', when: '明天上午' })).toMatchObject({
        note: '',
      })
    })

    test('when someone not verified asks for themselves, then AUTH.NOT_VERIFIED', async () => {
      const newcomer = await t.login('demo-newcomer')
      expectError(
        await expectUnchanged(t, () => newcomer.call('buddies', 'requestHelp', { skill: '代买代办', when: '明天' })),
        403,
        'AUTH.NOT_VERIFIED',
      )
    })

    test('when my requests and the ones I help with are listed, then each list holds exactly those', async () => {
      const { elder, buddy } = await pair()
      const a = await ask(elder.client)
      clock.advance(1000)
      const b = await ask(elder.client, { skill: '代买代办' })
      await buddy.client.ok('buddies', 'offerHelp', { requestId: a.requestId })
      expect(
        (await elder.client.ok('buddies', 'listHelpRequests', { scope: 'mine' })).requests.map(
          (r: View) => r.requestId,
        ),
      ).toEqual([b.requestId, a.requestId])
      expect(
        (await buddy.client.ok('buddies', 'listHelpRequests', { scope: 'helping' })).requests.map(
          (r: View) => r.requestId,
        ),
      ).toEqual([a.requestId])
      expect((await buddy.client.ok('buddies', 'listHelpRequests', { scope: 'mine' })).requests).toEqual([])
    })
  })
})
