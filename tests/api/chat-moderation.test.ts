import { RECALL_WINDOW_MS, type ReportView } from '../../contracts'
import { expectError, expectUnchanged, openidFactory, userIdOf, verifiedResident } from '../support/api-expect'
import { historyOf, newClientId, say } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf } from '../support/lists'

describe('chat: recall, reports, mutes and the send limit', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('chat-mod')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(11_000))

  const resident = (buildingId: string, room = '101') => verifiedResident(t, admin, fresh(), buildingId, room)
  /** A fresh leader for a building, so their notifications are theirs alone. */
  async function leaderOf(buildingId: string) {
    const leader = await resident(buildingId, '201')
    await admin.ok('account', 'assignRole', { userId: leader.userId, role: 'leader', buildingId })
    return leader
  }
  const stored = (id: string) => t.runtime.deps.store.get('messages', id)

  describe('recall', () => {
    test('when the author recalls within 2 minutes, then history shows the placeholder and the words are gone from the database', async () => {
      const alice = await resident('jsh-12')
      const bob = await resident('jsh-12', '102')
      const message = await say(alice.client, 'bg-jsh-12', '我家的银行卡密码是123456')
      clock.advance(RECALL_WINDOW_MS)
      const recalled = await alice.client.ok('chat', 'recall', { messageId: message.messageId })
      expect(recalled).toMatchObject({
        messageId: message.messageId,
        state: 'recalled',
        text: '消息已撤回',
        seq: message.seq,
        mentions: [],
      })
      expect(recalled.version).toBeGreaterThan(message.version)
      expect((await historyOf(bob.client, 'bg-jsh-12', { limit: 1 })).items[0]).toEqual(recalled)
      expect(await stored(message.messageId)).toMatchObject({
        text: null,
        recalledAt: clock.now(),
        recalledBy: alice.userId,
      })
      // Recalling again is harmless: same answer, no new change.
      expect(await alice.client.ok('chat', 'recall', { messageId: message.messageId })).toEqual(recalled)
    })

    test('when the author tries after 2 minutes, then CHAT.RECALL_EXPIRED and the message stays', async () => {
      const alice = await resident('jsh-12')
      const message = await say(alice.client, 'bg-jsh-12', '说过的话')
      clock.advance(RECALL_WINDOW_MS + 1)
      const result = await expectUnchanged(t, () =>
        alice.client.call('chat', 'recall', { messageId: message.messageId }),
      )
      expectError(result, 409, 'CHAT.RECALL_EXPIRED')
      expect((await stored(message.messageId))?.text).toBe('说过的话')
    })

    test('when the leader or the committee recall any message, old or new, then it is recalled', async () => {
      const leader = await leaderOf('jsh-13')
      const alice = await resident('jsh-13')
      const first = await say(alice.client, 'bg-jsh-13', '第一条广告')
      const second = await say(alice.client, 'bg-jsh-13', '第二条广告')
      clock.advance(24 * 3600_000)
      expect((await leader.client.ok('chat', 'recall', { messageId: first.messageId })).state).toBe('recalled')
      expect((await admin.ok('chat', 'recall', { messageId: second.messageId })).state).toBe('recalled')
      expect((await stored(second.messageId))?.recalledBy).toBe(await userIdOf(admin))
    })

    test('when the message does not exist, then NOT_FOUND', async () => {
      const alice = await resident('jsh-13')
      expectError(
        await alice.client.call('chat', 'recall', { messageId: `bg-jsh-13:${alice.userId}:missing-123` }),
        404,
        'NOT_FOUND',
      )
    })
  })

  describe('reports', () => {
    test('when a resident reports a message, then the leader is told and sees it in the queue with what it said and why', async () => {
      const leader = await leaderOf('jsh-14')
      const spammer = await resident('jsh-14')
      const alice = await resident('jsh-14', '102')
      const spam = await say(spammer.client, 'bg-jsh-14', '低价代购保健品，加我')
      expect(await alice.client.ok('chat', 'report', { messageId: spam.messageId, reason: '广告推销' })).toEqual({
        reportId: spam.messageId,
        status: 'open',
      })

      const notes = await t.runtime.deps.store.find('notifications', {
        recipientId: leader.userId,
        kind: 'chatReport',
      })
      expect(notes).toHaveLength(1)
      expect(at(notes, 0).body).not.toContain('保健品')
      expect(at(notes, 0).link).toBe('/packages/chat/pages/reports/index?groupId=bg-jsh-14')

      const { reports } = await leader.client.ok<{ reports: ReportView[] }>('chat', 'listReports', {})
      expect(reports).toEqual([
        {
          reportId: spam.messageId,
          groupId: 'bg-jsh-14',
          groupName: '金上海家园 14号楼',
          messageId: spam.messageId,
          senderId: spammer.userId,
          senderName: '新邻居',
          excerpt: '低价代购保健品，加我',
          messageState: 'normal',
          sentAt: spam.sentAt,
          reasons: ['广告推销'],
          reporterCount: 1,
          status: 'open',
          firstReportedAt: clock.now(),
        },
      ])
      expect(
        (await leader.client.ok('chat', 'listGroups')).groups.find(
          (g: { groupId: string }) => g.groupId === 'bg-jsh-14',
        ).openReports,
      ).toBe(1)
      // The committee sees every group's queue; the reporter's name is never shown.
      expect((await admin.ok('chat', 'listReports', { groupId: 'bg-jsh-14' })).reports).toHaveLength(1)
      expect(JSON.stringify(reports)).not.toContain(alice.userId)
    })

    test('when the same person reports twice and then a neighbour reports too, then it is one queue item counted twice', async () => {
      const leader = await leaderOf('jsh-15')
      const spammer = await resident('jsh-15')
      const [alice, bob] = await Promise.all([resident('jsh-15', '102'), resident('jsh-15', '103')])
      const spam = await say(spammer.client, 'bg-jsh-15', '刷单兼职日结')
      await alice.client.ok('chat', 'report', { messageId: spam.messageId, reason: '广告推销' })
      await expectUnchanged(t, () => alice.client.ok('chat', 'report', { messageId: spam.messageId, reason: '其他' }))
      await bob.client.ok('chat', 'report', { messageId: spam.messageId, reason: '谣言不实' })
      const [item] = (await leader.client.ok('chat', 'listReports', { groupId: 'bg-jsh-15' })).reports
      expect(item).toMatchObject({ reporterCount: 2, reasons: ['广告推销', '谣言不实'] })
      // One notification: the queue item opened once.
      expect(
        await t.runtime.deps.store.count('notifications', { recipientId: leader.userId, kind: 'chatReport' }),
      ).toBe(1)
    })

    test('when someone reports their own message, then 403 and nothing is stored', async () => {
      const alice = await resident('jsh-15')
      const mine = await say(alice.client, 'bg-jsh-15', '我的消息')
      expectError(
        await expectUnchanged(t, () =>
          alice.client.call('chat', 'report', { messageId: mine.messageId, reason: '其他' }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the report reason contains a blocked phrase, then CONTENT.REJECTED and nothing is stored', async () => {
      const [alice, bob] = await Promise.all([resident('jsh-15'), resident('jsh-15', '102')])
      const message = await say(alice.client, 'bg-jsh-15', '普通的消息')
      expectError(
        await expectUnchanged(t, () =>
          bob.client.call('chat', 'report', { messageId: message.messageId, reason: '他在卖冰毒' }),
        ),
        400,
        'CONTENT.REJECTED',
      )
    })

    test('when the leader hides a reported message, then everyone sees the placeholder, the report is closed and cannot be decided twice', async () => {
      const leader = await leaderOf('jsh-16')
      const spammer = await resident('jsh-16')
      const alice = await resident('jsh-16', '102')
      const spam = await say(spammer.client, 'bg-jsh-16', '低息借钱，当天到账')
      await alice.client.ok('chat', 'report', { messageId: spam.messageId, reason: '广告推销' })
      const decided = await leader.client.ok<ReportView>('chat', 'resolveReport', {
        reportId: spam.messageId,
        decision: 'hide',
      })
      expect(decided).toMatchObject({
        status: 'hidden',
        messageState: 'hidden',
        resolvedAt: clock.now(),
        excerpt: '低息借钱，当天到账',
      })
      const shown = (await historyOf(alice.client, 'bg-jsh-16', { limit: 1 })).items[0]
      expect(shown).toMatchObject({ messageId: spam.messageId, state: 'hidden', text: '消息因被举报已隐藏' })
      expect((await stored(spam.messageId))?.text).toBeNull()
      expect((await leader.client.ok('chat', 'listReports', { groupId: 'bg-jsh-16' })).reports).toEqual([])
      expect(
        (await leader.client.ok('chat', 'listReports', { groupId: 'bg-jsh-16', status: 'resolved' })).reports,
      ).toEqual([decided])
      expectError(
        await expectUnchanged(t, () =>
          admin.call('chat', 'resolveReport', { reportId: spam.messageId, decision: 'keep' }),
        ),
        409,
        'CHAT.REPORT_RESOLVED',
      )
    })

    test('when the leader keeps a reported message, then it stays; a later report by someone else brings it back to the queue', async () => {
      const leader = await leaderOf('jsh-17')
      const [author, alice, bob] = await Promise.all([
        resident('jsh-17'),
        resident('jsh-17', '102'),
        resident('jsh-17', '103'),
      ])
      const message = await say(author.client, 'bg-jsh-17', '物业费是不是太贵了？')
      await alice.client.ok('chat', 'report', { messageId: message.messageId, reason: '其他' })
      expect(
        (await leader.client.ok('chat', 'resolveReport', { reportId: message.messageId, decision: 'keep' })).status,
      ).toBe('kept')
      expect((await historyOf(alice.client, 'bg-jsh-17', { limit: 1 })).items[0]).toMatchObject({
        state: 'normal',
        text: '物业费是不是太贵了？',
      })
      expect(await bob.client.ok('chat', 'report', { messageId: message.messageId, reason: '谣言不实' })).toEqual({
        reportId: message.messageId,
        status: 'open',
      })
      expect((await leader.client.ok('chat', 'listReports', { groupId: 'bg-jsh-17' })).reports[0]).toMatchObject({
        status: 'open',
        reporterCount: 2,
      })
    })

    test("when a leader asks for another building's reports, then CHAT.NOT_MEMBER; their own queue never shows another building's", async () => {
      const leader = await leaderOf('hsgef-6')
      const elsewhere = await leaderOf('hsgef-7')
      const [author, alice] = await Promise.all([resident('hsgef-7'), resident('hsgef-7', '102')])
      const message = await say(author.client, 'bg-hsgef-7', '隔壁楼的消息')
      await alice.client.ok('chat', 'report', { messageId: message.messageId, reason: '其他' })
      expectError(await leader.client.call('chat', 'listReports', { groupId: 'bg-hsgef-7' }), 403, 'CHAT.NOT_MEMBER')
      expect((await leader.client.ok('chat', 'listReports', {})).reports).toEqual([])
      expectError(
        await expectUnchanged(t, () =>
          leader.client.call('chat', 'resolveReport', { reportId: message.messageId, decision: 'hide' }),
        ),
        403,
        'CHAT.NOT_MEMBER',
      )
      expect((await elsewhere.client.ok('chat', 'listReports', {})).reports).toHaveLength(1)
    })

    test('when a report that does not exist is resolved, then NOT_FOUND', async () => {
      const leader = await leaderOf('hsgef-8')
      expectError(
        await leader.client.call('chat', 'resolveReport', {
          reportId: `bg-hsgef-8:${leader.userId}:nothing-here`,
          decision: 'hide',
        }),
        404,
        'NOT_FOUND',
      )
    })
  })

  describe('mute', () => {
    test('when the leader mutes a member, then their sends are refused with CHAT.MUTED and until, and they are told; at the end they may speak again', async () => {
      const leader = await leaderOf('hsgef-9')
      const loud = await resident('hsgef-9')
      const { until } = await leader.client.ok('chat', 'mute', {
        groupId: 'bg-hsgef-9',
        userId: loud.userId,
        minutes: 60,
      })
      expect(until).toBe(clock.now() + 3600_000)
      const refused = await expectUnchanged(t, () =>
        loud.client.call('chat', 'send', { groupId: 'bg-hsgef-9', clientId: newClientId(), text: '我要说话' }),
      )
      expect(expectError(refused, 403, 'CHAT.MUTED').until).toBe(until)
      expect((await loud.client.ok('chat', 'listGroups')).groups[0].mutedUntil).toBe(until)
      const note = firstOf(
        await t.runtime.deps.store.find('notifications', {
          recipientId: loud.userId,
          kind: 'chatMute',
        }),
      )
      expect(note.body).toContain('1 小时')
      // Reading is still allowed while muted.
      await historyOf(loud.client, 'bg-hsgef-9')
      const { members } = await leader.client.ok('chat', 'listMembers', { groupId: 'bg-hsgef-9' })
      expect(members.find((m: { userId: string }) => m.userId === loud.userId).mutedUntil).toBe(until)
      // Ordinary members do not see who is muted.
      const { members: seenByMember } = await loud.client.ok('chat', 'listMembers', { groupId: 'bg-hsgef-9' })
      expect(seenByMember.some((m: { mutedUntil?: number }) => m.mutedUntil)).toBe(false)

      clock.advance(3600_000)
      await say(loud.client, 'bg-hsgef-9', '好的，我注意')
    })

    test('when the leader unmutes early, then the member may speak at once', async () => {
      const leader = await leaderOf('hsgef-10')
      const loud = await resident('hsgef-10')
      await leader.client.ok('chat', 'mute', { groupId: 'bg-hsgef-10', userId: loud.userId, minutes: 7 * 24 * 60 })
      expect(await leader.client.ok('chat', 'unmute', { groupId: 'bg-hsgef-10', userId: loud.userId })).toEqual({
        userId: loud.userId,
      })
      await say(loud.client, 'bg-hsgef-10', '谢谢楼组长')
    })

    test('when the target is the leader, the committee, oneself or someone outside the group, then it is refused and nothing changes', async () => {
      const leader = await leaderOf('mc-1')
      const second = await leaderOf('mc-1')
      const outsider = await resident('mc-2')
      const adminId = await userIdOf(admin)
      const cases: Array<[string, number, string]> = [
        [second.userId, 403, 'AUTH.FORBIDDEN'],
        [adminId, 404, 'NOT_FOUND'],
        [leader.userId, 403, 'AUTH.FORBIDDEN'],
        [outsider.userId, 404, 'NOT_FOUND'],
      ]
      for (const [userId, status, code] of cases) {
        expectError(
          await expectUnchanged(t, () =>
            leader.client.call('chat', 'mute', { groupId: 'bg-mc-1', userId, minutes: 10 }),
          ),
          status,
          code,
        )
      }
    })
  })

  describe('send limit', () => {
    test('when someone sends an 11th message within 10 seconds, then 429 RATE.LIMITED with retryAfterSeconds and it is not stored, in any of their groups; later sends are fine', async () => {
      const alice = await resident('mc-3')
      const group2 = `ig-limit-${Date.now()}`
      await t.runtime.deps.store.insert('groups', {
        _id: group2,
        kind: 'interest',
        buildingId: null,
        name: '限流测试组',
        description: '',
        createdAt: clock.now(),
        createdBy: alice.userId,
      })
      await t.runtime.deps.store.insert('group_members', {
        _id: `${group2}:${alice.userId}`,
        groupId: group2,
        userId: alice.userId,
        role: 'member',
        joinedAt: clock.now(),
      })
      for (let i = 1; i <= 10; i++) {
        await say(alice.client, 'bg-mc-3', `第${i}条`)
        clock.advance(500)
      }
      const refused = await expectUnchanged(t, () =>
        alice.client.call('chat', 'send', { groupId: 'bg-mc-3', clientId: newClientId(), text: '第11条' }),
      )
      const error = expectError(refused, 429, 'RATE.LIMITED')
      expect(error.retryAfterSeconds).toBe(5)
      // The limit is per person: another group does not open a second allowance.
      const elsewhere = await expectUnchanged(t, () =>
        alice.client.call('chat', 'send', { groupId: group2, clientId: newClientId(), text: '另一个群' }),
      )
      expectError(elsewhere, 429, 'RATE.LIMITED')
      clock.advance(10_000)
      await say(alice.client, group2, '另一个群')
      await say(alice.client, 'bg-mc-3', '过一会儿再说')
    })

    test('when an outsider floods a group, then each call is refused as CHAT.NOT_MEMBER (refusals do not count towards any limit)', async () => {
      const outsider = await resident('mc-4')
      for (let i = 0; i < 12; i++) {
        expectError(
          await outsider.client.call('chat', 'send', { groupId: 'bg-mc-3', clientId: newClientId(), text: '你好' }),
          403,
          'CHAT.NOT_MEMBER',
        )
      }
      await say(outsider.client, 'bg-mc-4', '在自己楼里可以')
    })
  })

  describe('personal data', () => {
    test('when a person exports their data, then it has the messages they wrote, reports they filed, reports about their messages, read marks and mutes', async () => {
      const leader = await leaderOf('mc-5')
      const [alice, bob] = await Promise.all([resident('mc-5'), resident('mc-5', '102')])
      const said = await say(alice.client, 'bg-mc-5', '我写的话')
      const theirs = await say(bob.client, 'bg-mc-5', '别人的话')
      await alice.client.ok('chat', 'report', { messageId: theirs.messageId, reason: '其他' })
      await bob.client.ok('chat', 'report', { messageId: said.messageId, reason: '广告' })
      await alice.client.ok('chat', 'markRead', { groupId: 'bg-mc-5', upTo: theirs.seq })
      const { until } = await leader.client.ok('chat', 'mute', {
        groupId: 'bg-mc-5',
        userId: alice.userId,
        minutes: 10,
      })
      const { data } = await alice.client.ok('account', 'exportMyData')
      expect(data.messages.sent).toEqual([
        { groupId: 'bg-mc-5', text: '我写的话', createdAt: said.sentAt, recalledAt: null, hiddenAt: null },
      ])
      expect(data.chat_report_filings.filed).toEqual([
        { messageId: theirs.messageId, groupId: 'bg-mc-5', reason: '其他', at: clock.now() },
      ])
      // Reports about what they wrote are theirs to see — but not who filed them.
      expect(data.chat_reports.aboutMyMessages).toEqual([
        expect.objectContaining({
          messageId: said.messageId,
          excerpt: '我写的话',
          reasons: ['广告'],
          reporterCount: 1,
          status: 'open',
        }),
      ])
      expect(JSON.stringify(data.chat_reports)).not.toContain(bob.userId)
      expect(data.chat_reads.readMarks).toEqual([expect.objectContaining({ groupId: 'bg-mc-5', upTo: theirs.seq })])
      expect(data.chat_mutes.mutedMe).toEqual([expect.objectContaining({ groupId: 'bg-mc-5', until })])
    })

    test('when a person deletes their account, then their messages stay as 已注销用户, their marks and mutes are gone, and reports stay without naming them', async () => {
      const leader = await leaderOf('mc-6')
      const [alice, bob] = await Promise.all([resident('mc-6'), resident('mc-6', '102')])
      const said = await say(alice.client, 'bg-mc-6', '我要搬走了，谢谢大家照顾')
      const theirs = await say(bob.client, 'bg-mc-6', '一路顺风')
      await alice.client.ok('chat', 'report', { messageId: theirs.messageId, reason: '其他' })
      await bob.client.ok('chat', 'report', { messageId: said.messageId, reason: '其他' })
      await alice.client.ok('chat', 'markRead', { groupId: 'bg-mc-6', upTo: theirs.seq })
      await leader.client.ok('chat', 'mute', { groupId: 'bg-mc-6', userId: alice.userId, minutes: 10 })
      await alice.client.ok('chat', 'updates', { groupId: 'bg-mc-6', since: 0, limit: 1 })
      expect(await t.runtime.deps.store.count('chat_readers', { userId: alice.userId })).toBe(1)
      const reply = await say(bob.client, 'bg-mc-6', '保重', { replyTo: said.messageId, mentions: [alice.userId] })

      await alice.client.ok('account', 'deleteMe', { confirm: true })

      const items = (await historyOf(bob.client, 'bg-mc-6', { limit: 3 })).items
      const kept = items.find((m) => m.messageId === said.messageId)!
      expect(kept).toMatchObject({ senderName: '已注销用户', senderDeleted: true, text: '我要搬走了，谢谢大家照顾' })
      const quoted = items.find((m) => m.messageId === reply.messageId)!
      expect(quoted.replyTo?.senderName).toBe('已注销用户')
      expect(quoted.mentions).toEqual([{ userId: alice.userId, name: '已注销用户' }])
      const store = t.runtime.deps.store
      for (const collection of ['chat_reads', 'chat_mutes', 'chat_readers'] as const)
        expect(await store.count(collection, { userId: alice.userId })).toBe(0)
      expect(await store.count('chat_report_filings', { reporterId: alice.userId })).toBe(0)
      // The report they filed stays, anonymous: a queue item that vanished as they left would tell the leader who reported.
      expect(await store.get('chat_reports', theirs.messageId)).toMatchObject({
        status: 'open',
        reporterCount: 1,
        reasons: ['其他'],
      })
      expect(await store.count('chat_report_filings', { messageId: theirs.messageId })).toBe(1)
      // The report about what they wrote no longer names them; the moderator still sees the message as it shows.
      expect(await store.get('chat_reports', said.messageId)).toMatchObject({ senderId: '', excerpt: '' })
      const { reports } = await leader.client.ok('chat', 'listReports', { groupId: 'bg-mc-6' })
      expect(reports.find((r: { messageId: string }) => r.messageId === said.messageId)).toMatchObject({
        senderName: '已注销用户',
        excerpt: '我要搬走了，谢谢大家照顾',
      })
    })
  })
})
