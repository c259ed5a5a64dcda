import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { CHINESE, errorOf, expectError, expectUnchanged } from '../support/api-expect'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Bad input for every account action: status 400, INPUT.INVALID, the offending field named, a
 * Chinese message, and not one stored document changed. The caller is the committee, who may
 * call every action, so only the input can be at fault.
 */

const long = (n: number, ch = 'a') => ch.repeat(n)
const okApply = { buildingId: 'jsh-5', room: '502' }

type Case = [action: string, what: string, field: string, data: unknown]

const CASES: Case[] = [
  ['me', 'an unknown field', 'extra', { extra: 1 }],
  ['me', 'data that is not an object', '', 'me'],
  ['me', 'data that is an array', '', []],

  ['acceptPrivacy', 'no version', 'version', {}],
  ['acceptPrivacy', 'a version of the wrong type', 'version', { version: 202611 }],
  ['acceptPrivacy', 'an outdated version', 'version', { version: '2020-01' }],
  ['acceptPrivacy', 'an unknown field', 'extra', { version: PRIVACY_NOTICE_VERSION, extra: true }],

  ['updateProfile', 'no nickname', 'nickname', {}],
  ['updateProfile', 'a nickname of the wrong type', 'nickname', { nickname: 42 }],
  ['updateProfile', 'a blank nickname', 'nickname', { nickname: '   ' }],
  ['updateProfile', 'a nickname over 20 characters', 'nickname', { nickname: long(21, '王') }],
  ['updateProfile', 'a nickname of 21 emoji', 'nickname', { nickname: long(21, '😀') }],
  ['updateProfile', 'a nickname with a NUL', 'nickname', { nickname: '王\u0000阿姨' }],
  ['updateProfile', 'a nickname with a line break', 'nickname', { nickname: '王\n阿姨' }],
  ['updateProfile', 'a nickname with a bidi override hiding a role word', 'nickname', { nickname: '王\u202E居委会' }],
  ['updateProfile', 'a nickname with a lone surrogate', 'nickname', { nickname: '王\uD83D阿姨' }],
  ['updateProfile', 'a javascript: avatar', 'avatarUrl', { nickname: '王阿姨', avatarUrl: 'javascript:alert(1)' }],
  ['updateProfile', 'an ftp avatar', 'avatarUrl', { nickname: '王阿姨', avatarUrl: 'ftp://example.com/a.png' }],
  [
    'updateProfile',
    'an avatar URL over 500 characters',
    'avatarUrl',
    { nickname: '王阿姨', avatarUrl: `https://example.com/${long(490)}` },
  ],
  ['updateProfile', 'largeText of the wrong type', 'largeText', { nickname: '王阿姨', largeText: 'yes' }],
  ['updateProfile', 'an unknown field', 'role', { nickname: '王阿姨', role: 'admin' }],

  ['listBuildings', 'an unknown field', 'estateId', { estateId: 'jsh' }],

  ['applyToBuilding', 'no buildingId', 'buildingId', { room: '502' }],
  ['applyToBuilding', 'no room', 'room', { buildingId: 'jsh-5' }],
  ['applyToBuilding', 'a buildingId of the wrong type', 'buildingId', { buildingId: 5, room: '502' }],
  ['applyToBuilding', 'a buildingId with spaces', 'buildingId', { buildingId: 'jsh 5', room: '502' }],
  ['applyToBuilding', 'a buildingId over 64 characters', 'buildingId', { buildingId: long(65), room: '502' }],
  ['applyToBuilding', 'a room over 10 characters', 'room', { buildingId: 'jsh-5', room: long(11, '5') }],
  ['applyToBuilding', 'a room written in words', 'room', { buildingId: 'jsh-5', room: '五零二' }],
  ['applyToBuilding', 'a room of the wrong type', 'room', { buildingId: 'jsh-5', room: 502 }],
  ['applyToBuilding', 'a join code of 5 digits', 'joinCode', { ...okApply, joinCode: '12345' }],
  ['applyToBuilding', 'a join code of 7 digits', 'joinCode', { ...okApply, joinCode: '1234567' }],
  ['applyToBuilding', 'a join code as a number', 'joinCode', { ...okApply, joinCode: 123456 }],
  ['applyToBuilding', 'a building that does not exist', 'buildingId', { buildingId: 'jsh-99', room: '502' }],
  ['applyToBuilding', 'a room the building does not have', 'room', { buildingId: 'jsh-5', room: '707' }],
  ['applyToBuilding', 'an unknown field', 'userId', { ...okApply, userId: 'u_x' }],

  ['listApplications', 'no buildingId', 'buildingId', {}],
  ['listApplications', 'a buildingId of the wrong type', 'buildingId', { buildingId: ['jsh-5'] }],
  ['listApplications', 'a status that cannot be listed', 'status', { buildingId: 'jsh-5', status: 'ended' }],
  ['listApplications', 'an unknown field', 'limit', { buildingId: 'jsh-5', limit: 5 }],

  ['reviewApplication', 'no membershipId', 'membershipId', { decision: 'approve' }],
  ['reviewApplication', 'no decision', 'decision', { membershipId: 'm_1' }],
  [
    'reviewApplication',
    'a decision that is not approve or reject',
    'decision',
    { membershipId: 'm_1', decision: 'maybe' },
  ],
  [
    'reviewApplication',
    'a membershipId over 64 characters',
    'membershipId',
    { membershipId: long(65), decision: 'approve' },
  ],
  [
    'reviewApplication',
    'a reason over 100 characters',
    'reason',
    { membershipId: 'm_1', decision: 'reject', reason: long(101, '不') },
  ],
  ['reviewApplication', 'a reason of the wrong type', 'reason', { membershipId: 'm_1', decision: 'reject', reason: 7 }],
  ['reviewApplication', 'an unknown field', 'notify', { membershipId: 'm_1', decision: 'approve', notify: false }],

  ['listResidents', 'no buildingId', 'buildingId', {}],
  ['listResidents', 'a buildingId of the wrong type', 'buildingId', { buildingId: null }],
  ['listResidents', 'an unknown field', 'room', { buildingId: 'jsh-5', room: '502' }],

  ['removeResident', 'no membershipId', 'membershipId', {}],
  ['removeResident', 'a membershipId with illegal characters', 'membershipId', { membershipId: 'm/../1' }],
  ['removeResident', 'a reason over 100 characters', 'reason', { membershipId: 'm_1', reason: long(101, '搬') }],
  ['removeResident', 'an unknown field', 'hard', { membershipId: 'm_1', hard: true }],

  ['joinPoster', 'no buildingId', 'buildingId', {}],
  ['joinPoster', 'an unknown field', 'size', { buildingId: 'jsh-5', size: 'A4' }],

  ['rotateJoinCode', 'no buildingId', 'buildingId', {}],
  ['rotateJoinCode', 'a buildingId of the wrong type', 'buildingId', { buildingId: 5 }],
  ['rotateJoinCode', 'an unknown field', 'joinCode', { buildingId: 'jsh-5', joinCode: '123456' }],

  ['assignRole', 'no userId', 'userId', { role: 'columnist' }],
  ['assignRole', 'no role', 'role', { userId: 'u_1' }],
  ['assignRole', 'a role that does not exist', 'role', { userId: 'u_1', role: 'king' }],
  ['assignRole', 'a leader without a building', 'buildingId', { userId: 'u_1', role: 'leader' }],
  [
    'assignRole',
    'a columnist with a building',
    'buildingId',
    { userId: 'u_1', role: 'columnist', buildingId: 'jsh-5' },
  ],
  ['assignRole', 'a userId over 64 characters', 'userId', { userId: long(65), role: 'admin' }],
  ['assignRole', 'an unknown field', 'until', { userId: 'u_1', role: 'admin', until: 1 }],

  ['revokeRole', 'no userId', 'userId', { role: 'columnist' }],
  ['revokeRole', 'a role that does not exist', 'role', { userId: 'u_1', role: 'king' }],
  ['revokeRole', 'a leader without a building', 'buildingId', { userId: 'u_1', role: 'leader' }],
  ['revokeRole', 'an admin with a building', 'buildingId', { userId: 'u_1', role: 'admin', buildingId: 'jsh-5' }],
  ['revokeRole', 'an unknown field', 'everywhere', { userId: 'u_1', role: 'admin', everywhere: true }],

  ['exportMyData', 'an unknown field', 'format', { format: 'csv' }],

  ['deleteMe', 'no confirmation', 'confirm', {}],
  ['deleteMe', 'confirm false', 'confirm', { confirm: false }],
  ['deleteMe', 'confirm as a string', 'confirm', { confirm: 'yes' }],
  ['deleteMe', 'an unknown field', 'userId', { confirm: true, userId: 'u_1' }],
]

describe('account: bad input is refused and changes nothing', () => {
  let t: TestRuntime
  let admin: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  test.each(CASES)(
    'when %s is called with %s, then INPUT.INVALID names the field "%s"',
    async (action, _what, field, data) => {
      const result = await expectUnchanged(t, () => admin.call('account', action, data))
      const error = expectError(result, 400, 'INPUT.INVALID', field)
      expect(error.message).not.toMatch(/Invalid|expected|received/)
    },
  )

  test('when a field is wrong, then the message names it in Chinese', async () => {
    const error = errorOf(await admin.call('account', 'updateProfile', { nickname: long(21, '王') }))
    expect(error.message).toBe('称呼：最多 20 个字')
    const avatar = errorOf(
      await admin.call('account', 'updateProfile', {
        nickname: '王阿姨',
        avatarUrl: `https://example.com/${long(490)}`,
      }),
    )
    expect(avatar.message).toBe('头像：最多 500 个字')
    const room = errorOf(await admin.call('account', 'applyToBuilding', { buildingId: 'jsh-5', room: long(11, '5') }))
    expect(room.message).toMatch(/^房号：/)
  })

  test('when a field of the wrong type is sent, then the message says its format is wrong, not that it is missing', async () => {
    const wrongType = errorOf(await admin.call('account', 'updateProfile', { nickname: 42 }))
    expect(wrongType.message).toBe('称呼：格式不对')
    const missing = errorOf(await admin.call('account', 'updateProfile', {}))
    expect(missing.message).toBe('称呼：必须填写')
  })

  test('when a required choice is left out, then the message says it must be filled in', async () => {
    const error = errorOf(await admin.call('account', 'reviewApplication', { membershipId: 'm_1' }))
    expect(error.message).toBe('处理结果：必须填写')
  })

  test('when any field is refused, then its label is Chinese, not the field key', async () => {
    for (const [action, , field, data] of CASES) {
      const error = errorOf(await admin.call('account', action, data))
      const label = error.message.split('：')[0]
      if (field && !error.message.startsWith('不认识的字段'))
        expect({ action, field, label }).toEqual({ action, field, label: expect.stringMatching(CHINESE) })
    }
  })

  test('when a nickname is 20 emoji, then it fits: each emoji counts as one character', async () => {
    const me = await admin.ok('account', 'updateProfile', { nickname: long(20, '😀') })
    expect(me.nickname).toBe(long(20, '😀'))
    await admin.ok('account', 'updateProfile', { nickname: '陈老师' })
  })
})
