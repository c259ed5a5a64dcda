import type { GroupSummary, MemberView, MessageView } from '../../contracts'
import { expectError, expectUnchanged, openidFactory, userIdOf, verifiedResident } from '../support/api-expect'
import { historyOf, interestGroup, newClientId, say } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, cycle, firstOf } from '../support/lists'

describe('chat: sending and reading', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('chat')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  // Each test sends a handful of messages; moving time on keeps everyone under the 10-per-10-s limit.
  beforeEach(() => clock.advance(11_000))

  const resident = (buildingId: string, room = '101') => verifiedResident(t, admin, fresh(), buildingId, room)
  const stored = (id: string) => t.runtime.deps.store.get('messages', id)
  const groupsOf = async (client: ApiClient): Promise<GroupSummary[]> => (await client.ok('chat', 'listGroups')).groups

  describe('send and history', () => {
    test('when a verified resident sends a message, then it is stored trimmed and a neighbour sees it first in history, with its author', async () => {
      const alice = await resident('jsh-2')
      const bob = await resident('jsh-2', '102')
      const before = await historyOf(bob.client, 'bg-jsh-2', { limit: 1 })
      const sent = await say(alice.client, 'bg-jsh-2', '  楼下的快递柜修好了  ')
      expect(sent).toMatchObject({
        groupId: 'bg-jsh-2',
        senderId: alice.userId,
        senderName: '新邻居',
        text: '楼下的快递柜修好了',
        state: 'normal',
        sentAt: clock.now(),
        mentions: [],
      })
      expect(sent.seq).toBeGreaterThan(before.latestSeq)
      expect(sent.senderBadge).toBeUndefined()
      const after = await historyOf(bob.client, 'bg-jsh-2', { limit: 5 })
      expect(after.items[0]).toEqual(sent)
      expect(after.latestSeq).toBe(sent.seq)
      expect(after.cursor).toBeGreaterThanOrEqual(sent.version)
      expect((await stored(sent.messageId))?.text).toBe('楼下的快递柜修好了')
    })

    test('when a message has several lines and 1,000 characters counting emoji as one, then it is accepted whole', async () => {
      const alice = await resident('jsh-2')
      const text = `第一行\n第二行\n${'😀'.repeat(992)}`
      expect([...text]).toHaveLength(1000)
      const sent = await say(alice.client, 'bg-jsh-2', text)
      expect(sent.text).toBe(text)
    })

    test('when the same clientId is sent twice, even at the same moment, then there is one message and both replies are the same', async () => {
      const alice = await resident('jsh-3')
      const clientId = newClientId()
      const payload = { groupId: 'bg-jsh-3', clientId, text: '明天早上八点停水' }
      const [first, second] = await Promise.all([
        alice.client.call('chat', 'send', payload),
        alice.client.call('chat', 'send', payload),
      ])
      expect(first.status).toBe(200)
      expect(second.body).toEqual(first.body)
      const retried = await alice.client.ok('chat', 'send', payload)
      expect(retried).toEqual((first.body as { data: MessageView }).data)
      expect(await t.runtime.deps.store.count('messages', { groupId: 'bg-jsh-3', senderId: alice.userId })).toBe(1)
    })

    test('when a retry carries the same clientId with different text, then the original message comes back unchanged', async () => {
      const alice = await resident('jsh-3')
      const clientId = newClientId()
      const first = await alice.client.ok('chat', 'send', { groupId: 'bg-jsh-3', clientId, text: '原来的话' })
      const again = await alice.client.ok('chat', 'send', { groupId: 'bg-jsh-3', clientId, text: '改过的话' })
      expect(again).toEqual(first)
    })

    test('when twelve neighbours send at the same moment, then every message gets its own place and paging by seq returns each exactly once', async () => {
      const people = await Promise.all(Array.from({ length: 12 }, (_, i) => resident('jsh-4', `${100 + (i % 6) + 1}`)))
      const start = (await historyOf(at(people, 0).client, 'bg-jsh-4', { limit: 1 })).latestSeq
      const sent = await Promise.all(people.map((p, i) => say(p.client, 'bg-jsh-4', `第${i + 1}条`)))
      const seqs = sent.map((m) => m.seq)
      expect(new Set(seqs).size).toBe(12)
      expect(Math.min(...seqs)).toBe(start + 1)
      expect(Math.max(...seqs)).toBe(start + 12)

      const seen: MessageView[] = []
      let before: number | undefined
      do {
        const page = await historyOf(at(people, 0).client, 'bg-jsh-4', before ? { limit: 5, before } : { limit: 5 })
        seen.push(...page.items)
        before = page.nextBefore
      } while (before && seen.length < 12)
      const mine = seen.slice(0, 12)
      expect(mine.map((m) => m.seq)).toEqual([...seqs].sort((a, b) => b - a))
      expect(new Set(mine.map((m) => m.messageId)).size).toBe(12)
    })

    test('when the history is paged, then each page is newest first, continues where the last stopped, and the last page has no nextBefore', async () => {
      const members = await Promise.all([resident('hsgef-3'), resident('hsgef-3', '102')])
      const groupId = await interestGroup(
        t,
        members.map((m) => ({ userId: m.userId, role: 'member' as const })),
        '书法小组',
      )
      for (let i = 1; i <= 5; i++) await say(cycle(members, i).client, groupId, `消息${i}`)
      const page1 = await historyOf(members[0].client, groupId, { limit: 2 })
      expect(page1.items.map((m) => m.text)).toEqual(['消息5', '消息4'])
      expect(page1.nextBefore).toBe(at(page1.items, 1).seq)
      const page2 = await historyOf(members[0].client, groupId, { limit: 2, before: page1.nextBefore })
      expect(page2.items.map((m) => m.text)).toEqual(['消息3', '消息2'])
      const page3 = await historyOf(members[0].client, groupId, { limit: 2, before: page2.nextBefore })
      expect(page3.items.map((m) => m.text)).toEqual(['消息1'])
      expect(page3.nextBefore).toBeUndefined()

      // And back down again, as a page does after it trimmed the newest messages from its window.
      const down1 = await historyOf(at(members, 0).client, groupId, { limit: 2, after: at(page3.items, 0).seq })
      expect(down1.items.map((m) => m.text)).toEqual(['消息3', '消息2'])
      expect(down1.nextAfter).toBe(at(down1.items, 0).seq)
      const down2 = await historyOf(members[0].client, groupId, { limit: 2, after: down1.nextAfter })
      expect(down2.items.map((m) => m.text)).toEqual(['消息5', '消息4'])
      expect(down2.nextAfter).toBeUndefined()
    })

    test('when a group has no messages yet, then history is empty with cursor 0', async () => {
      const member = await resident('hsgef-3')
      const groupId = await interestGroup(t, [{ userId: member.userId, role: 'member' }])
      expect(await historyOf(member.client, groupId)).toEqual({ items: [], cursor: 0, latestSeq: 0, readUpTo: 0 })
    })

    test('when the leader and the committee read and write the building group, then the leader carries the 楼组长 badge and the committee 居委会', async () => {
      const leader = await t.login('demo-leader-5')
      const fromLeader = await say(leader, 'bg-jsh-5', '今晚七点楼下开会')
      expect(fromLeader).toMatchObject({ senderName: '张阿姨', senderBadge: '楼组长' })
      const fromCommittee = await say(admin, 'bg-jsh-5', '居委会已收到大家的意见')
      expect(fromCommittee).toMatchObject({ senderName: '陈老师', senderBadge: '居委会' })
      expect((await historyOf(admin, 'bg-jsh-5', { limit: 2 })).items.map((m) => m.messageId)).toEqual([
        fromCommittee.messageId,
        fromLeader.messageId,
      ])
    })

    test('when the text contains a blocked phrase, then CONTENT.REJECTED and nothing is stored', async () => {
      const alice = await resident('jsh-6')
      const result = await expectUnchanged(t, () =>
        alice.client.call('chat', 'send', {
          groupId: 'bg-jsh-6',
          clientId: newClientId(),
          text: '加我微信，网络赌场天天返利',
        }),
      )
      expectError(result, 400, 'CONTENT.REJECTED')
    })

    test('when a person sends, then the content check is asked with their openid in the social scene', async () => {
      const checked: Array<{ scene: string; openid?: string }> = []
      const spy = await startTestRuntime({
        contentCheck: { check: async (input) => (checked.push(input), { ok: true }) },
      })
      try {
        const leader = await spy.login('demo-leader-5')
        checked.length = 0 // the demo seed's own texts were checked while the runtime started
        await say(leader, 'bg-jsh-5', '大家好')
        expect(checked).toEqual([{ text: '大家好', scene: 'social', openid: 'demo-leader-5' }])
      } finally {
        await spy.close()
      }
    })
  })

  describe('replies and mentions', () => {
    test('when a message replies to another, then it carries a quote with the author and an excerpt', async () => {
      const alice = await resident('jsh-7')
      const bob = await resident('jsh-7', '102')
      const question = await say(
        alice.client,
        'bg-jsh-7',
        '请问谁家有打气筒？我家自行车的前后胎都瘪了，想借用一下，用完马上就还回去，谢谢大家帮忙！',
      )
      const answer = await say(bob.client, 'bg-jsh-7', '我家有，您来拿', { replyTo: question.messageId })
      expect(answer.replyTo).toEqual({
        messageId: question.messageId,
        senderName: '新邻居',
        excerpt:
          '请问谁家有打气筒？我家自行车的前后胎都瘪了，想借用一下，用完马上就还回去，谢谢大家帮忙！'.slice(0, 39) + '…',
      })
      expect(firstOf((await historyOf(alice.client, 'bg-jsh-7', { limit: 1 })).items).replyTo?.messageId).toBe(
        question.messageId,
      )
    })

    test('when the quoted message is later recalled, then the quote says so instead of its words', async () => {
      const alice = await resident('jsh-7')
      const bob = await resident('jsh-7', '102')
      const question = await say(alice.client, 'bg-jsh-7', '我发错了')
      const answer = await say(bob.client, 'bg-jsh-7', '没关系', { replyTo: question.messageId })
      await alice.client.ok('chat', 'recall', { messageId: question.messageId })
      const latest = firstOf((await historyOf(bob.client, 'bg-jsh-7', { limit: 1 })).items)
      expect(latest.messageId).toBe(answer.messageId)
      expect(latest.replyTo?.excerpt).toBe('消息已撤回')
    })

    test('when the reply points at a message of another group or none at all, then INPUT.INVALID names replyTo and nothing is stored', async () => {
      const alice = await resident('jsh-8')
      const elsewhere = await say((await resident('jsh-9')).client, 'bg-jsh-9', '别的楼的消息')
      for (const replyTo of [elsewhere.messageId, `bg-jsh-8:${alice.userId}:nosuchmessage`]) {
        const result = await expectUnchanged(t, () =>
          alice.client.call('chat', 'send', { groupId: 'bg-jsh-8', clientId: newClientId(), text: '回复', replyTo }),
        )
        expectError(result, 400, 'INPUT.INVALID', 'replyTo')
      }
    })

    test('when a message mentions a neighbour, then it names them and they get a notification that says where but not what', async () => {
      const alice = await resident('jsh-10')
      const bob = await resident('jsh-10', '102')
      await bob.client.ok('account', 'updateProfile', { nickname: '刘师傅' })
      const sent = await say(alice.client, 'bg-jsh-10', '@刘师傅 您的快递在门卫', {
        mentions: [bob.userId, bob.userId, alice.userId],
      })
      expect(sent.mentions).toEqual([{ userId: bob.userId, name: '刘师傅' }])
      const notes = await t.runtime.deps.store.find('notifications', {
        recipientId: bob.userId,
        kind: 'chatMention',
      })
      expect(notes).toHaveLength(1)
      expect(notes[0]).toMatchObject({ title: '有邻居在群里提到了您', link: '/pages/group/index?groupId=bg-jsh-10' })
      expect(at(notes, 0).body).toContain('金上海家园 10号楼')
      expect(at(notes, 0).body).not.toContain('快递')
      // The sender is not told about themselves.
      expect(
        await t.runtime.deps.store.count('notifications', { recipientId: alice.userId, kind: 'chatMention' }),
      ).toBe(0)
    })

    test('when a message mentions someone outside the group, then INPUT.INVALID names mentions and nothing is stored', async () => {
      const alice = await resident('jsh-10')
      const outsider = await resident('jsh-11')
      const result = await expectUnchanged(t, () =>
        alice.client.call('chat', 'send', {
          groupId: 'bg-jsh-10',
          clientId: newClientId(),
          text: '@某人',
          mentions: [outsider.userId],
        }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'mentions')
    })
  })

  describe('updates since a cursor', () => {
    test('when asked for what changed since a cursor, then new and recalled messages come oldest change first, with the next cursor', async () => {
      const members = await Promise.all([resident('mc-2'), resident('mc-2', '102')])
      const groupId = await interestGroup(
        t,
        members.map((m) => ({ userId: m.userId, role: 'member' as const })),
      )
      const first = await say(members[0].client, groupId, '一')
      const { cursor } = await historyOf(members[1].client, groupId)
      const second = await say(members[1].client, groupId, '二')
      await members[0].client.ok('chat', 'recall', { messageId: first.messageId })
      const third = await say(members[0].client, groupId, '三')
      const feed = await members[1].client.ok('chat', 'updates', { groupId, since: cursor })
      expect(feed.items.map((m: MessageView) => [m.messageId, m.state, m.text])).toEqual([
        [second.messageId, 'normal', '二'],
        [first.messageId, 'recalled', '消息已撤回'],
        [third.messageId, 'normal', '三'],
      ])
      expect(feed.cursor).toBe(third.version)
      expect(feed.more).toBe(false)
      expect(await members[1].client.ok('chat', 'updates', { groupId, since: feed.cursor })).toEqual({
        items: [],
        cursor: feed.cursor,
        more: false,
      })
      const paged = await members[1].client.ok('chat', 'updates', { groupId, since: cursor, limit: 2 })
      expect(paged).toMatchObject({ more: true, cursor: feed.items[1].version })
    })
  })

  describe('the reader lease for WeChat watch()', () => {
    test('when a member asks for updates, then a 15-minute lease keyed by group and openid is granted, renewed only when it runs low', async () => {
      const alice = await resident('hsgef-4')
      const store = t.runtime.deps.store
      const leaseId = `bg-hsgef-4~${(await t.runtime.deps.store.get('users', alice.userId))!.openid}`
      expect(await store.get('chat_readers', leaseId)).toBeNull()
      await historyOf(alice.client, 'bg-hsgef-4')
      // History alone (the browser's path) grants nothing.
      expect(await store.get('chat_readers', leaseId)).toBeNull()
      await alice.client.ok('chat', 'updates', { groupId: 'bg-hsgef-4', since: 0, limit: 1 })
      const granted = clock.now()
      expect(await store.get('chat_readers', leaseId)).toEqual({
        _id: leaseId,
        groupId: 'bg-hsgef-4',
        userId: alice.userId,
        openid: expect.any(String),
        until: granted + 15 * 60_000,
      })
      clock.advance(4 * 60_000)
      await alice.client.ok('chat', 'updates', { groupId: 'bg-hsgef-4', since: 0, limit: 1 })
      expect((await store.get('chat_readers', leaseId))!.until).toBe(granted + 15 * 60_000)
      clock.advance(2 * 60_000)
      await alice.client.ok('chat', 'updates', { groupId: 'bg-hsgef-4', since: 0, limit: 1 })
      expect((await store.get('chat_readers', leaseId))!.until).toBe(clock.now() + 15 * 60_000)
    })
  })

  describe('groups, read marks and unread counts', () => {
    test("when neighbours write, then my building's group shows the last message and counts only their messages as unread", async () => {
      const members = await Promise.all([resident('mc-3'), resident('mc-3', '102')])
      const [me, neighbour] = members
      const start = (await groupsOf(me.client)).find((g) => g.groupId === 'bg-mc-3')!
      await me.client.ok('chat', 'markRead', { groupId: 'bg-mc-3', upTo: start.latestSeq })
      await say(me.client, 'bg-mc-3', '我自己说的不算未读')
      await say(neighbour.client, 'bg-mc-3', '第一条')
      const last = await say(neighbour.client, 'bg-mc-3', '第二条')
      const { groups, unreadTotal } = await me.client.ok('chat', 'listGroups')
      expect(groups).toHaveLength(1)
      expect(groups[0]).toMatchObject({
        groupId: 'bg-mc-3',
        kind: 'building',
        name: '梅村 3号楼',
        buildingId: 'mc-3',
        standing: 'member',
        own: true,
        unread: 2,
        latestSeq: last.seq,
      })
      expect(groups[0].lastMessage).toEqual({
        senderName: '新邻居',
        text: '第二条',
        sentAt: last.sentAt,
        seq: last.seq,
      })
      expect(unreadTotal).toBe(2)

      expect(await me.client.ok('chat', 'markRead', { groupId: 'bg-mc-3', upTo: last.seq - 1 })).toEqual({
        readUpTo: last.seq - 1,
        unread: 1,
      })
      // Read marks never go back, and never past the last message.
      expect(await me.client.ok('chat', 'markRead', { groupId: 'bg-mc-3', upTo: 1 })).toEqual({
        readUpTo: last.seq - 1,
        unread: 1,
      })
      expect(await me.client.ok('chat', 'markRead', { groupId: 'bg-mc-3', upTo: last.seq + 1000 })).toEqual({
        readUpTo: last.seq,
        unread: 0,
      })
      expect((await historyOf(me.client, 'bg-mc-3', { limit: 1 })).readUpTo).toBe(last.seq)
      expect((await groupsOf(me.client))[0]).toMatchObject({ unread: 0, readUpTo: last.seq })
    })

    test('when a message is recalled, then it no longer counts as unread and the group list shows the placeholder', async () => {
      const [me, neighbour] = await Promise.all([resident('mc-4'), resident('mc-4', '102')])
      const start = firstOf(await groupsOf(me.client))
      await me.client.ok('chat', 'markRead', { groupId: 'bg-mc-4', upTo: start.latestSeq })
      const oops = await say(neighbour.client, 'bg-mc-4', '发错群了')
      expect(firstOf(await groupsOf(me.client)).unread).toBe(1)
      await neighbour.client.ok('chat', 'recall', { messageId: oops.messageId })
      const group = firstOf(await groupsOf(me.client))
      expect(group.unread).toBe(0)
      expect(group.lastMessage?.text).toBe('消息已撤回')
    })

    test('when nothing was ever read in a busy group, then unread stops counting at 99', async () => {
      const members = await Promise.all([resident('mc-5'), resident('mc-5', '102')])
      const groupId = await interestGroup(
        t,
        members.map((m) => ({ userId: m.userId, role: 'member' as const })),
      )
      // Straight into the store: the point is the count, not the send path.
      const { appendMessage } = await import('../../cloudfunctions/core/chat/messages')
      await t.runtime.deps.store.transaction(async (tx) => {
        for (let i = 0; i < 120; i++)
          await appendMessage(tx, {
            groupId,
            senderId: members[1].userId,
            clientId: `bulk-${String(i).padStart(4, '0')}`,
            text: `${i}`,
            at: clock.now(),
          })
      })
      expect((await groupsOf(members[0].client)).find((g) => g.groupId === groupId)?.unread).toBe(99)
    })

    test('when someone belongs to an interest group as well, then both groups are listed, their own building first by latest message', async () => {
      const me = await resident('mc-6')
      const other = await resident('mc-7')
      const groupId = await interestGroup(
        t,
        [
          { userId: me.userId, role: 'member' },
          { userId: other.userId, role: 'organiser' },
        ],
        '合唱团',
      )
      await say(other.client, groupId, '周五下午排练')
      const groups = await groupsOf(me.client)
      expect(groups.map((g) => [g.groupId, g.kind, g.standing, g.own])).toEqual([
        [groupId, 'interest', 'member', true],
        ['bg-mc-6', 'building', 'member', true],
      ])
      expect((await groupsOf(other.client)).find((g) => g.groupId === groupId)).toMatchObject({
        standing: 'moderator',
        openReports: 0,
      })
    })

    test('when the committee lists groups, then every building group is there as overseen, with nothing counted unread', async () => {
      const { groups, unreadTotal } = await admin.ok('chat', 'listGroups')
      const buildings = groups.filter((g: GroupSummary) => g.kind === 'building')
      expect(buildings).toHaveLength(35)
      expect(buildings.every((g: GroupSummary) => g.standing === 'moderator' && !g.own && g.unread === 0)).toBe(true)
      expect(unreadTotal).toBe(0)
    })

    test('when someone with no building lists groups, then the list is empty', async () => {
      const newcomer = await t.login(fresh())
      expect(await newcomer.ok('chat', 'listGroups')).toEqual({ groups: [], unreadTotal: 0 })
    })
  })

  describe('members', () => {
    test('when a member lists the building group, then verified residents and the leader are there, the leader first with a badge, pending applicants not', async () => {
      const alice = await resident('hsgef-5')
      const pending = await t.login(fresh())
      await pending.ok('account', 'applyToBuilding', { buildingId: 'hsgef-5', room: '103' })
      const { members } = await alice.client.ok<{ members: MemberView[] }>('chat', 'listMembers', {
        groupId: 'bg-hsgef-5',
      })
      expect(members[0]).toMatchObject({ moderator: true, badge: '楼组长' })
      expect(members.some((m) => m.userId === alice.userId && !m.moderator)).toBe(true)
      const pendingId = await userIdOf(pending)
      expect(members.some((m) => m.userId === pendingId)).toBe(false)
    })
  })
})
