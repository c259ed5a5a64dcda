import { resolveCaller } from '../../cloudfunctions/core/account/identity'
import { BUDDY_CONSENT_VERSION } from '../../cloudfunctions/core/buddies/buddies.docs'
import { groupAccess } from '../../cloudfunctions/core/groups/access'
import { expectError, expectUnchanged, openidFactory, pendingApplicant, verifiedResident } from '../support/api-expect'
import { newBuddy, profileInput, roomFactory } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

describe('buddies: sign-up, profile and withdrawal', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('buddy-profile')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const accessOf = async (openid: string, groupId: string) =>
    groupAccess(store(), await resolveCaller(t.runtime.deps, { openid }), groupId)

  test('when a verified resident signs up, then the profile, the consent and its time are stored and shown back', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-9', room('jsh-9'))
    clock.advance(60_000)
    const result = await resident.client.ok(
      'buddies',
      'signUp',
      profileInput({
        nickname: '小李',
        ageBand: '18-25',
        interests: ['摄影', '运动'],
        skills: ['教老人用手机', '摄影修图'],
        availability: ['weekday-evening', 'weekend'],
      }),
    )
    expect(result).toEqual({
      profile: {
        userId: resident.userId,
        nickname: '小李',
        ageBand: '18-25',
        interests: ['摄影', '运动'],
        tags: ['咖啡'],
        skills: ['教老人用手机', '摄影修图'],
        workplace: '张江科技园',
        availability: ['weekday-evening', 'weekend'],
        consentAt: clock.now(),
        signedUpAt: clock.now(),
        updatedAt: clock.now(),
      },
      groups: [],
      totalMinutes: 0,
    })
    expect(await store().get('buddies', resident.userId)).toMatchObject({
      consentVersion: BUDDY_CONSENT_VERSION,
      consentAt: clock.now(),
    })
    expect(await resident.client.ok('buddies', 'myProfile')).toEqual(result)
  })

  test('when skills, tags and workplace are left out, then the profile has none of them', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-9', room('jsh-9'))
    const { profile } = await resident.client.ok('buddies', 'signUp', {
      nickname: '阿花',
      ageBand: '36-45',
      interests: ['亲子'],
      availability: ['flexible'],
      consent: true,
    })
    expect(profile).toMatchObject({ tags: [], skills: [] })
    expect(profile).not.toHaveProperty('workplace')
  })

  test('when someone who is not a verified resident signs up, then AUTH.NOT_VERIFIED and nothing is stored', async () => {
    const pending = await pendingApplicant(t, fresh(), 'jsh-9', room('jsh-9'))
    const newcomer = await t.login('demo-newcomer')
    for (const client of [pending.client, newcomer, admin]) {
      expectError(
        await expectUnchanged(t, () => client.call('buddies', 'signUp', profileInput())),
        403,
        'AUTH.NOT_VERIFIED',
      )
    }
  })

  test('when a resident who moved away signs up, then AUTH.NOT_VERIFIED', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-9', room('jsh-9'))
    await admin.ok('account', 'removeResident', { membershipId: resident.membershipId })
    expectError(
      await expectUnchanged(t, () => resident.client.call('buddies', 'signUp', profileInput())),
      403,
      'AUTH.NOT_VERIFIED',
    )
  })

  test('when a buddy signs up again, then BUDDY.ALREADY_SIGNED_UP and the first profile stays', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-10', room('jsh-10'), { nickname: '第一次' })
    expectError(
      await expectUnchanged(t, () => buddy.client.call('buddies', 'signUp', profileInput({ nickname: '第二次' }))),
      409,
      'BUDDY.ALREADY_SIGNED_UP',
    )
    expect((await buddy.client.ok('buddies', 'myProfile')).profile.nickname).toBe('第一次')
  })

  test.each([
    ['nickname', { nickname: '违禁测试词' }],
    ['a tag', { tags: ['违禁测试词'] }],
    ['the workplace', { workplace: '违禁测试词公司' }],
  ])('when %s fails the content check, then CONTENT.REJECTED and nothing is stored', async (_what, overrides) => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-10', room('jsh-10'))
    expectError(
      await expectUnchanged(t, () => resident.client.call('buddies', 'signUp', profileInput(overrides))),
      400,
      'CONTENT.REJECTED',
    )
    expect((await resident.client.ok('buddies', 'myProfile')).profile).toBeNull()
  })

  test('when a buddy updates their profile, then it changes and the consent time does not', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-10', room('jsh-10'))
    const signedUpAt = clock.now()
    clock.advance(3600_000)
    const { profile } = await buddy.client.ok('buddies', 'update', {
      nickname: '小张',
      ageBand: '36-45',
      interests: ['合唱'],
      skills: ['陪同就医'],
      availability: ['flexible'],
    })
    expect(profile).toMatchObject({
      nickname: '小张',
      ageBand: '36-45',
      interests: ['合唱'],
      tags: [],
      skills: ['陪同就医'],
      availability: ['flexible'],
      consentAt: signedUpAt,
      signedUpAt,
      updatedAt: clock.now(),
    })
    expect(profile).not.toHaveProperty('workplace')
  })

  test('when someone who has not signed up updates, then BUDDY.NOT_SIGNED_UP and nothing is stored', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-10', room('jsh-10'))
    const { consent: _consent, ...input } = profileInput()
    expectError(
      await expectUnchanged(t, () => resident.client.call('buddies', 'update', input)),
      403,
      'BUDDY.NOT_SIGNED_UP',
    )
  })

  test('when an update fails the content check, then CONTENT.REJECTED and the profile is unchanged', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-10', room('jsh-10'))
    const { consent: _consent, ...input } = profileInput({ workplace: '网络赌场' })
    expectError(await expectUnchanged(t, () => buddy.client.call('buddies', 'update', input)), 400, 'CONTENT.REJECTED')
  })

  test('when a buddy withdraws, then the profile and every group membership are gone, and with them the group chat access', async () => {
    const openid = fresh()
    const buddy = await newBuddy(t, admin, openid, 'jsh-11', room('jsh-11'))
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-reading' })
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-photo' })
    expect(
      (await buddy.client.ok('buddies', 'myProfile')).groups.map((g: { groupId: string }) => g.groupId).sort(),
    ).toEqual(['ig-photo', 'ig-reading'])
    expect(await accessOf(openid, 'ig-reading')).toMatchObject({ standing: 'member' })
    const before = (await admin.ok('buddies', 'getGroup', { groupId: 'ig-reading' })).memberCount

    expect(await buddy.client.ok('buddies', 'withdraw', { confirm: true })).toEqual({ withdrawn: true })

    expect(await buddy.client.ok('buddies', 'myProfile')).toEqual({ profile: null, groups: [], totalMinutes: 0 })
    expect(await store().get('buddies', buddy.userId)).toBeNull()
    expect(await store().count('group_members', { userId: buddy.userId })).toBe(0)
    expect(await accessOf(openid, 'ig-reading')).toBeNull()
    expect(await accessOf(openid, 'ig-photo')).toBeNull()
    expect((await admin.ok('buddies', 'getGroup', { groupId: 'ig-reading' })).memberCount).toBe(before - 1)
    // And they are a buddy no more: joining needs a new sign-up.
    expectError(await buddy.client.call('buddies', 'joinGroup', { groupId: 'ig-reading' }), 403, 'BUDDY.NOT_SIGNED_UP')
    await buddy.client.ok('buddies', 'signUp', profileInput())
  })

  test('when an organiser withdraws, then they no longer organise the group', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-11', room('jsh-11'))
    await admin.ok('buddies', 'setOrganiser', { groupId: 'ig-choir', userId: buddy.userId, organiser: true })
    await buddy.client.ok('buddies', 'withdraw', { confirm: true })
    const group = await admin.ok('buddies', 'getGroup', { groupId: 'ig-choir' })
    expect(group.organisers.map((o: { userId: string }) => o.userId)).not.toContain(buddy.userId)
  })

  test('when a buddy who moved away withdraws, then it still works', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'jsh-12', room('jsh-12'))
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-dance' })
    await admin.ok('account', 'removeResident', { membershipId: buddy.membershipId })
    expect(await buddy.client.ok('buddies', 'withdraw', { confirm: true })).toEqual({ withdrawn: true })
    expect(await store().count('group_members', { userId: buddy.userId })).toBe(0)
  })

  test('when someone who never signed up withdraws, then BUDDY.NOT_SIGNED_UP and nothing changes', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-12', room('jsh-12'))
    expectError(
      await expectUnchanged(t, () => resident.client.call('buddies', 'withdraw', { confirm: true })),
      403,
      'BUDDY.NOT_SIGNED_UP',
    )
  })

  test('when someone signed in but not verified asks for their profile, then it is simply empty', async () => {
    const user = await t.login(fresh())
    expect(await user.ok('buddies', 'myProfile')).toEqual({ profile: null, groups: [], totalMinutes: 0 })
  })
})
