import { openidFactory, verifiedResident } from '../support/api-expect'
import { newBuddy, roomFactory } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

describe('buddies: my data (export and deletion)', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('buddy-privacy')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  const store = () => t.runtime.deps.store

  /** A buddy who has joined a group, proposed one, asked for help, and helped someone (confirmed). */
  async function activeBuddy() {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-15', room('jsh-15'), {
      nickname: '小数据',
      skills: ['代买代办'],
    })
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-reading' })
    await buddy.client.ok('buddies', 'proposeGroup', {
      name: `小组${clock.now()}`,
      description: '提议',
      interests: ['旅行'],
    })
    const elder = await verifiedResident(t, admin, fresh(), 'jsh-16', room('jsh-16'))
    const elderRoom = (await elder.client.ok('account', 'me')).membership.room as string
    const helped = await elder.client.ok('buddies', 'requestHelp', { skill: '代买代办', when: '周一', note: '买药' })
    await buddy.client.ok('buddies', 'offerHelp', { requestId: helped.requestId })
    await elder.client.ok('buddies', 'acceptOffer', { requestId: helped.requestId })
    await elder.client.ok('buddies', 'completeHelp', { requestId: helped.requestId, minutes: 40 })
    clock.advance(1000)
    const asked = await buddy.client.ok('buddies', 'requestHelp', {
      skill: '家电小修',
      when: '周末',
      note: '洗衣机漏水，家里电话 13800000000',
    })
    return { buddy, elder, elderRoom, helped, asked }
  }

  test('when a buddy exports their data, then profile, groups, proposals, help asked and given, and hours are in it — and not the other household’s room', async () => {
    const { buddy, elderRoom, helped, asked } = await activeBuddy()
    const { data } = await buddy.client.ok('account', 'exportMyData')
    expect(data.buddies.profile).toEqual([
      expect.objectContaining({
        nickname: '小数据',
        skills: ['代买代办'],
        consentVersion: '2026-11',
        consentAt: expect.any(Number),
      }),
    ])
    expect(data.group_members.mine).toEqual([
      expect.objectContaining({ groupId: 'ig-reading', role: 'member', group: { name: '读书会' } }),
    ])
    expect(data.group_proposals.mine).toEqual([expect.objectContaining({ status: 'pending', interests: ['旅行'] })])
    expect(data.help_requests.asked).toEqual([
      expect.objectContaining({ _id: asked.requestId, note: '洗衣机漏水，家里电话 13800000000', room: asked.room }),
    ])
    expect(data.help_requests.helped).toEqual([
      expect.objectContaining({ _id: helped.requestId, skill: '代买代办', status: 'completed', minutes: 40 }),
    ])
    expect(JSON.stringify(data.help_requests.helped)).not.toContain(elderRoom)
    expect(data.volunteer_hours.mine).toEqual([expect.objectContaining({ requestId: helped.requestId, minutes: 40 })])
  })

  test('when a buddy deletes their account, then profile, memberships and proposals are gone, their own request loses address and note, and the help they gave stays without their name', async () => {
    const { buddy, elder, helped, asked } = await activeBuddy()
    const helper = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'), { skills: ['家电小修'] })
    await helper.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })

    await buddy.client.ok('account', 'deleteMe', { confirm: true })

    expect(await store().get('buddies', buddy.userId)).toBeNull()
    expect(await store().count('group_members', { userId: buddy.userId })).toBe(0)
    expect(await store().count('group_proposals', { proposerId: buddy.userId })).toBe(0)
    // What they asked: no address, no note, cancelled; the buddy who offered is told.
    expect(await store().get('help_requests', asked.requestId)).toMatchObject({
      room: null,
      householdId: null,
      note: '',
      status: 'cancelled',
    })
    expect(
      (await helper.client.ok('notifications', 'list', {})).items.map((n: { title: string }) => n.title),
    ).toContain('求助已取消')
    // What they gave: the history and the hours stay, and name nobody.
    expect(await store().get('volunteer_hours', `help:${helped.requestId}`)).toMatchObject({
      minutes: 40,
    })
    const seenByElder = await elder.client.ok('buddies', 'getHelpRequest', { requestId: helped.requestId })
    expect(seenByElder).toMatchObject({ status: 'completed', helperName: '已注销用户', minutes: 40 })
    expect(JSON.stringify(await store().find('help_requests', { requesterId: buddy.userId }))).not.toContain(
      '13800000000',
    )
  })

  test('when a helper with an accepted request deletes their account, then the request is open again for others', async () => {
    const helper = await newBuddy(t, admin, fresh(), 'jsh-14', room('jsh-14'), { skills: ['辅导功课'] })
    const elder = await verifiedResident(t, admin, fresh(), 'jsh-16', room('jsh-16'))
    const asked = await elder.client.ok('buddies', 'requestHelp', { skill: '辅导功课', when: '周三晚上' })
    await helper.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
    await helper.client.ok('account', 'deleteMe', { confirm: true })
    expect(await elder.client.ok('buddies', 'getHelpRequest', { requestId: asked.requestId })).toMatchObject({
      status: 'open',
    })
  })

  test('when a leader who asked on a resident’s behalf deletes their account, then that resident’s request stays open for the building', async () => {
    const leader = await t.login(fresh())
    const leaderId = (await leader.ok('account', 'me')).userId
    await admin.ok('account', 'assignRole', { userId: leaderId, role: 'leader', buildingId: 'jsh-12' })
    const asked = await leader.ok('buddies', 'requestHelp', {
      skill: '陪同就医',
      when: '周五上午',
      onBehalfOf: { buildingId: 'jsh-12', room: '402' },
    })
    await leader.ok('account', 'deleteMe', { confirm: true })
    const kept = await admin.ok('buddies', 'getHelpRequest', { requestId: asked.requestId })
    expect(kept).toMatchObject({ status: 'open', room: '402', requesterName: '已注销用户', onBehalf: true })
  })
})
