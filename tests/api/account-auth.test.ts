import { TokenSigner } from '../../cloudfunctions/runtime/tokens'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { expectError, expectUnchanged, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { ApiClient, startTestRuntime, type TestRuntime } from '../support/runtime'
import { take } from '../support/lists'

/** Valid input for every account action: without a usable identity each must answer 401 and change nothing. */
const VALID_INPUT: Array<[action: string, data: unknown]> = [
  ['me', undefined],
  ['acceptPrivacy', { version: PRIVACY_NOTICE_VERSION }],
  ['updateProfile', { nickname: '王阿姨' }],
  ['listBuildings', undefined],
  ['applyToBuilding', { buildingId: 'jsh-5', room: '502' }],
  ['listApplications', { buildingId: 'jsh-5' }],
  ['reviewApplication', { membershipId: 'm_1', decision: 'approve' }],
  ['listResidents', { buildingId: 'jsh-5' }],
  ['removeResident', { membershipId: 'm_1' }],
  ['joinPoster', { buildingId: 'jsh-5' }],
  ['rotateJoinCode', { buildingId: 'jsh-5' }],
  ['assignRole', { userId: 'u_1', role: 'columnist' }],
  ['revokeRole', { userId: 'u_1', role: 'columnist' }],
  ['listStaff', undefined],
  ['exportMyData', undefined],
  ['deleteMe', { confirm: true }],
]

const DAY = 24 * 3600 * 1000

describe('account: who is calling', () => {
  let t: TestRuntime
  const clock = new TestClock()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
  })
  afterAll(() => t.close())

  test.each(VALID_INPUT)(
    'when %s is called without a token, then AUTH.UNAUTHENTICATED and nothing changes',
    async (action, data) => {
      const result = await expectUnchanged(t, () => t.anonymous.call('account', action, data))
      expectError(result, 401, 'AUTH.UNAUTHENTICATED')
    },
  )

  test.each(VALID_INPUT)(
    'when %s is called with a token signed by another secret, then AUTH.UNAUTHENTICATED',
    async (action, data) => {
      const admin = await t.login('demo-admin')
      const userId = await userIdOf(admin)
      const forger = new TokenSigner(Buffer.alloc(48, 7), () => clock.now())
      const forged = new ApiClient(t.url, forger.sign({ uid: userId, openid: 'demo-admin' }))
      const result = await expectUnchanged(t, () => forged.call('account', action, data))
      expectError(result, 401, 'AUTH.UNAUTHENTICATED')
    },
  )

  test('when a genuine token has its claims edited, then AUTH.UNAUTHENTICATED', async () => {
    const resident = await t.login('demo-resident-5')
    const [version, payload, signature] = take((resident.token as string).split('.'), 3)
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const admin = await t.login('demo-admin')
    const edited = Buffer.from(
      JSON.stringify({ ...claims, uid: await userIdOf(admin), openid: 'demo-admin' }),
    ).toString('base64url')
    const tampered = new ApiClient(t.url, [version, edited, signature].join('.'))
    expectError(await tampered.call('account', 'listStaff'), 401, 'AUTH.UNAUTHENTICATED')
  })

  test.each([
    ['garbage', 'not-a-token'],
    ['an empty bearer', ''],
    ['three empty parts', '..'],
    ['a wrong version', 'v2.e30.AAAA'],
  ])('when the bearer token is %s, then AUTH.UNAUTHENTICATED', async (_what, token) => {
    const client = new ApiClient(t.url, token || undefined)
    const result = token
      ? await client.call('account', 'me')
      : await client.post('/api/functions/account', { action: 'me' }, { authorization: 'Bearer ' })
    expectError(result, 401, 'AUTH.UNAUTHENTICATED')
  })

  test('when a token signed here names a user that does not exist, then AUTH.UNAUTHENTICATED', async () => {
    const ghost = new ApiClient(t.url, t.runtime.tokens.sign({ uid: 'u_nobody', openid: 'nobody' }))
    expectError(await ghost.call('account', 'me'), 401, 'AUTH.UNAUTHENTICATED')
  })

  test("when a token pairs one user's id with another's openid, then AUTH.UNAUTHENTICATED", async () => {
    const resident = await t.login('demo-resident-5')
    const mixed = new ApiClient(t.url, t.runtime.tokens.sign({ uid: await userIdOf(resident), openid: 'demo-admin' }))
    expectError(await mixed.call('account', 'me'), 401, 'AUTH.UNAUTHENTICATED')
  })

  test('when a token is a day short of 30 days old, then it still works; past 30 days, AUTH.UNAUTHENTICATED for every action', async () => {
    const client = await t.login('t-expiry-1')
    const userId = await userIdOf(client)
    clock.advance(29 * DAY)
    await client.ok('account', 'me')
    clock.advance(DAY + 1)
    for (const [action, data] of VALID_INPUT) {
      const result = await expectUnchanged(t, () => client.call('account', action, data))
      expectError(result, 401, 'AUTH.UNAUTHENTICATED')
    }
    // Logging in again gives a fresh token for the same account.
    const again = await t.login('t-expiry-1')
    expect(await userIdOf(again)).toBe(userId)
  })

  test('when a new openid logs in, then it gets an account of its own with no building and no roles', async () => {
    const client = await t.login('t-first-1')
    const me = await client.ok('account', 'me')
    expect(me).toMatchObject({
      nickname: '新邻居',
      roles: [],
      membership: null,
      privacyAcceptedVersion: null,
      settings: { largeText: false },
    })
    const twice = await t.login('t-first-1')
    expect(await userIdOf(twice)).toBe(me.userId)
  })

  test('when dev login is given a malformed openid, then INPUT.INVALID names it and nothing is created', async () => {
    const result = await expectUnchanged(t, () => t.anonymous.post('/api/dev/login', { openid: 'bad openid!' }))
    expectError(result, 400, 'INPUT.INVALID', 'openid')
  })
})
