import { expectError, expectUnchanged, openidFactory, verifiedResident } from '../support/api-expect'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Nobody can pass as the committee or a leader by what they call themselves: names and titles are
 * normalised (NFKC, bidi controls stripped), text made only of invisible characters or floods of
 * combining marks is refused, and personal names may not contain a role word or the name of
 * someone who is staff now — compared on a skeleton that ignores invisible characters, width
 * and traditional forms, not on the raw string.
 */
describe('names: nobody passes as the committee or a leader', () => {
  let t: TestRuntime
  let admin: ApiClient
  const fresh = openidFactory('imp')
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const rename = async (nickname: string) => {
    const client = await t.login(fresh())
    return expectUnchanged(t, () => client.call('account', 'updateProfile', { nickname }))
  }

  test.each([
    ['a role word with a name', '居委会陈老师'],
    ['a role word alone', '楼组长'],
    ['a role word split by a zero-width space', '居委会\u200B陈老师'],
    ['a role word in full-width and traditional forms', '居委會ＡＢ'],
    ['a role word hidden behind a right-to-left mark', '\u200F居委会'],
    ['another role word', '小区物业客服'],
    ['官方', '官方账号'],
    ['管理员 spaced out', '管 理 员'],
  ])(
    'when someone calls themselves %s (%j), then the name is refused as reserved, and nothing changes',
    async (_what, nickname) => {
      const error = expectError(await rename(nickname), 400, 'INPUT.INVALID', 'nickname')
      expect(error.message).toContain('称呼')
      expect(error.message).toMatch(/居委会|楼组长|管理员|官方|物业|客服|社区/)
    },
  )

  test.each([
    ['a Hangul filler', '\u3164'],
    ['zero-width characters', '\u200B\u200C\u200D'],
    ['16 combining marks on one letter', `a${'\u0301'.repeat(16)}`],
  ])('when a name is only %s, then it is refused, and nothing changes', async (_what, nickname) => {
    expectError(await rename(nickname), 400, 'INPUT.INVALID', 'nickname')
  })

  test('when a name carries bidi controls or full-width letters, then it is stored normalised', async () => {
    const client = await t.login(fresh())
    const me = await client.ok('account', 'updateProfile', { nickname: '\u202E王阿姨ＡＢ\u202C' })
    expect(me.nickname).toBe('王阿姨AB')
  })

  test('when someone takes the name of a current leader or committee member, in any disguise, then it is refused; an ordinary name is fine', async () => {
    const leader = await t.login('demo-leader-5')
    const leaderName = (await leader.ok('account', 'me')).nickname as string
    const adminName = (await admin.ok('account', 'me')).nickname as string
    for (const disguise of [leaderName, [...leaderName].join('\u200B'), ` ${adminName} `]) {
      const error = expectError(await rename(disguise), 400, 'INPUT.INVALID', 'nickname')
      expect(error.message).toContain('工作人员')
    }
    const someone = await verifiedResident(t, admin, fresh(), 'jsh-3', '101')
    expect((await someone.client.ok('account', 'updateProfile', { nickname: '种花的小林' })).nickname).toBe(
      '种花的小林',
    )
    // Staff keep their own name.
    expect((await leader.ok('account', 'updateProfile', { nickname: leaderName })).nickname).toBe(leaderName)
  })

  test('when a buddy signs up with a role word as their nickname, then it is refused too', async () => {
    const youth = await t.login(fresh())
    const signUp = await expectUnchanged(t, () =>
      youth.call('buddies', 'signUp', {
        nickname: '社区客服小王',
        ageBand: '18-25',
        interests: ['读书'],
        availability: ['weekend'],
        consent: true,
      }),
    )
    expectError(signUp, 400, 'INPUT.INVALID', 'nickname')
  })

  test('when the committee or a leader speaks in a building chat, then the chat list preview keeps their badge; a neighbour’s preview has none', async () => {
    const resident = await verifiedResident(t, admin, fresh(), 'jsh-5', '103')
    await admin.ok('chat', 'send', {
      groupId: 'bg-jsh-5',
      clientId: 'imp-committee-1',
      text: '明天上午停水，请提前储水',
    })
    const preview = async () =>
      (
        (await resident.client.ok('chat', 'listGroups')).groups as Array<{
          groupId: string
          lastMessage?: { senderName: string; senderBadge?: string }
        }>
      ).find((g) => g.groupId === 'bg-jsh-5')!.lastMessage
    expect(await preview()).toMatchObject({
      senderName: (await admin.ok('account', 'me')).nickname,
      senderBadge: '居委会',
    })
    const leader = await t.login('demo-leader-5')
    await leader.ok('chat', 'send', { groupId: 'bg-jsh-5', clientId: 'imp-leader-1', text: '收到，我会通知到每户' })
    expect((await preview())?.senderBadge).toBe('楼组长')
    await resident.client.ok('chat', 'send', { groupId: 'bg-jsh-5', clientId: 'imp-resident-1', text: '谢谢' })
    expect((await preview())?.senderBadge).toBeUndefined()
  })
})
