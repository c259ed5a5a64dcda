import { EMERGENCY_PHRASES, HEALTH_DISCLAIMER } from '../../contracts'
import { errorOf, expectError, expectUnchanged, openidFactory, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { newColumnist, question, resident } from '../support/health'
import { runUrgentHealthReminders } from '../../cloudfunctions/functions/events-reminders/handler'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, take } from '../support/lists'

const MINUTE = 60_000

describe('health: asking, the inbox and answers', () => {
  let t: TestRuntime
  let admin: ApiClient
  let doctor: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('hq')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    doctor = await t.login('demo-doctor')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const someone = (nickname = '钱阿姨', buildingId = 'jsh-8', room = '402') =>
    resident(t, admin, fresh(), buildingId, room, nickname)

  describe('ask', () => {
    test('when a verified resident asks, then the question waits, is theirs alone, and carries no emergency guidance', async () => {
      const asker = await someone()
      clock.advance(MINUTE)
      const asked = await asker.client.ok('health', 'ask', question({ allowPublish: false, category: '用药' }))
      expect(asked).toEqual({
        questionId: expect.any(String),
        question: '降压药早上吃还是晚上吃比较好？',
        category: '用药',
        allowPublish: false,
        status: 'waiting',
        askedAt: clock.now(),
        emergency: null,
        published: false,
      })
      const stored = await store().get('health_questions', asked.questionId)
      expect(stored).toMatchObject({
        askerId: asker.userId,
        status: 'waiting',
        alias: expect.stringMatching(/^[A-Z]\d{3}$/),
      })
      expect((await asker.client.ok('health', 'myQuestions')).questions).toEqual([asked])
    })

    test('when the question mentions chest pain, then the reply itself carries emergency guidance with 120, before any doctor has seen it', async () => {
      const asker = await someone()
      const asked = await asker.client.ok(
        'health',
        'ask',
        question({ question: '我爸爸刚才突然胸痛，出冷汗，要吃什么药？' }),
      )
      expect(asked.status).toBe('waiting')
      expect(asked.emergency).toEqual({
        signs: ['胸痛'],
        title: expect.stringContaining('急症'),
        steps: expect.arrayContaining([expect.stringContaining('120')]),
      })
      // It still reaches the doctor, flagged.
      const { items } = await doctor.ok('health', 'inbox')
      expect(items.find((i: { questionId: string }) => i.questionId === asked.questionId)?.emergencySigns).toEqual([
        '胸痛',
      ])
      // And the asker sees the guidance again in 我的提问.
      const mine = await asker.client.ok('health', 'myQuestions')
      expect(mine.questions[0].emergency.signs).toEqual(['胸痛'])
    })

    test('when a question mentions any phrase of the documented emergency list, then the reply to ask carries the guidance for it', async () => {
      const asker = await someone()
      const missed: string[] = []
      for (const [i, phrase] of EMERGENCY_PHRASES.entries()) {
        if (i > 0 && i % 10 === 0) clock.advance(61 * MINUTE) // stay under the hourly limit
        const asked = await asker.client.ok('health', 'ask', question({ question: `家里老人${phrase}，怎么办？` }))
        if (!asked.emergency?.signs.includes(phrase) || !asked.emergency.steps.join('').includes('120'))
          missed.push(phrase)
      }
      expect(missed).toEqual([])
    })

    test('when the content check rejects the question, then CONTENT.REJECTED and nothing is stored', async () => {
      const asker = await someone()
      await expectUnchanged(t, async () =>
        expectError(
          await asker.client.call('health', 'ask', question({ question: '这里有违禁测试词，请问怎么办' })),
          400,
          'CONTENT.REJECTED',
        ),
      )
      expect(await store().count('health_questions', { askerId: asker.userId })).toBe(0)
    })

    test('when someone who is not a verified resident asks, then AUTH.NOT_VERIFIED and nothing is stored', async () => {
      const newcomer = await t.login(fresh())
      await expectUnchanged(t, async () =>
        expectError(await newcomer.call('health', 'ask', question()), 403, 'AUTH.NOT_VERIFIED'),
      )
      const seededNewcomer = await t.login('demo-newcomer')
      await expectUnchanged(t, async () =>
        expectError(await seededNewcomer.call('health', 'ask', question()), 403, 'AUTH.NOT_VERIFIED'),
      )
    })

    test('when there is no token, then every health action answers 401', async () => {
      for (const action of [
        'ask',
        'myQuestions',
        'withdraw',
        'inbox',
        'inboxItem',
        'answer',
        'overview',
        'follow',
        'unfollow',
        'publishTip',
        'editTip',
        'unpublishTip',
        'listTips',
        'getTip',
        'listQA',
        'getQA',
        'search',
      ]) {
        const data = {
          ask: question(),
          withdraw: { questionId: 'x' },
          inboxItem: { questionId: 'x' },
          answer: { questionId: 'x', answer: '好的好的', publish: false },
          publishTip: { title: '标题', body: '正文' },
          editTip: { tipId: 'x', title: '标题' },
          unpublishTip: { tipId: 'x' },
          getTip: { tipId: 'x' },
          getQA: { entryId: 'x' },
          search: { q: '血压' },
        }[action as string]
        await expectUnchanged(t, async () =>
          expectError(await t.anonymous.call('health', action, data ?? {}), 401, 'AUTH.UNAUTHENTICATED'),
        )
      }
    })

    test('when a resident asks more than ten questions in an hour, then RATE.LIMITED, and an hour later they may ask again', async () => {
      const asker = await someone()
      for (let i = 0; i < 10; i++)
        await asker.client.ok('health', 'ask', question({ question: `第${i + 1}个问题，请问怎么办` }))
      const refused = await expectUnchanged(t, () => asker.client.call('health', 'ask', question()))
      expect(expectError(refused, 429, 'RATE.LIMITED').retryAfterSeconds).toBeGreaterThan(0)
      clock.advance(61 * MINUTE)
      await asker.client.ok('health', 'ask', question())
    })
  })

  describe('withdraw', () => {
    test('when the asker withdraws a waiting question, then it is withdrawn for them and gone from the inbox and its detail', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      expect((await doctor.ok('health', 'inbox')).items.map((i: { questionId: string }) => i.questionId)).toContain(
        asked.questionId,
      )

      clock.advance(MINUTE)
      const withdrawn = await asker.client.ok('health', 'withdraw', { questionId: asked.questionId })
      expect(withdrawn).toMatchObject({ questionId: asked.questionId, status: 'withdrawn', withdrawnAt: clock.now() })
      expect((await asker.client.ok('health', 'myQuestions')).questions[0].status).toBe('withdrawn')

      const { items, total } = await doctor.ok('health', 'inbox')
      expect(items.map((i: { questionId: string }) => i.questionId)).not.toContain(asked.questionId)
      expect(total).toBe(items.length)
      expectError(await doctor.call('health', 'inboxItem', { questionId: asked.questionId }), 404, 'NOT_FOUND')
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'answer', { questionId: asked.questionId, answer: '请按时吃药', publish: false }),
          404,
          'NOT_FOUND',
        ),
      )
      // Withdrawing twice is harmless.
      expect((await asker.client.ok('health', 'withdraw', { questionId: asked.questionId })).status).toBe('withdrawn')
    })

    test("when someone withdraws another person's question, then it is not found and nothing changes", async () => {
      const asker = await someone()
      const other = await someone('孙先生')
      const asked = await asker.client.ok('health', 'ask', question())
      const error = await expectUnchanged(t, async () =>
        expectError(await other.client.call('health', 'withdraw', { questionId: asked.questionId }), 404, 'NOT_FOUND'),
      )
      // Exactly what a question that does not exist says.
      expect(error).toEqual(errorOf(await other.client.call('health', 'withdraw', { questionId: 'hq_nope' })))
      // The columnist cannot withdraw it either.
      await expectUnchanged(t, async () =>
        expectError(await doctor.call('health', 'withdraw', { questionId: asked.questionId }), 404, 'NOT_FOUND'),
      )
    })

    test('when an answered question is withdrawn, then HEALTH.ALREADY_ANSWERED and it stays answered', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      await doctor.ok('health', 'answer', { questionId: asked.questionId, answer: '请按医嘱服药。', publish: false })
      await expectUnchanged(t, async () =>
        expectError(
          await asker.client.call('health', 'withdraw', { questionId: asked.questionId }),
          409,
          'HEALTH.ALREADY_ANSWERED',
        ),
      )
    })
  })

  describe('inbox', () => {
    test('when several people ask, then the inbox lists waiting questions oldest first (after any flagged 含急症信号), each asker under one stable pseudonym', async () => {
      const a = await someone('吴阿姨', 'mc-2', '201')
      const b = await someone('郑老伯', 'hsgef-4', '1102')
      clock.advance(MINUTE)
      const a1 = await a.client.ok('health', 'ask', question({ question: '第一个问题：血糖高怎么办' }))
      clock.advance(MINUTE)
      const b1 = await b.client.ok('health', 'ask', question({ question: '第二个问题：失眠怎么办' }))
      clock.advance(MINUTE)
      const a2 = await a.client.ok('health', 'ask', question({ question: '第三个问题：能喝粥吗' }))

      const { items, total } = await doctor.ok('health', 'inbox')
      expect(total).toBe(items.length)
      const ordinary = items.filter((i: { emergencySigns: string[] }) => !i.emergencySigns.length)
      const askedAt = ordinary.map((i: { askedAt: number }) => i.askedAt)
      expect(askedAt).toEqual([...askedAt].sort((x, y) => x - y))
      const byId = new Map(items.map((i: { questionId: string }) => [i.questionId, i]))
      const [ia1, ib1, ia2] = take(
        [a1, b1, a2].map((q) => byId.get(q.questionId) as { asker: string }),
        3,
      )
      expect(ia1.asker).toMatch(/^提问者 [A-Z]\d{3}$/)
      expect(ia2.asker).toBe(ia1.asker)
      expect(ib1.asker).not.toBe(ia1.asker)
      const ids = items.map((i: { questionId: string }) => i.questionId)
      expect(ids.indexOf(a1.questionId)).toBeLessThan(ids.indexOf(b1.questionId))
      expect(ids.indexOf(b1.questionId)).toBeLessThan(ids.indexOf(a2.questionId))
      // The columnist's view of one question, for the answer page: the same, pseudonym only.
      expect(await doctor.ok('health', 'inboxItem', { questionId: a1.questionId })).toEqual(ia1)
    })

    test('when a question flagged 含急症信号 is asked after ordinary ones, then it comes first in the inbox, the flagged ones oldest first, then the rest oldest first', async () => {
      const asker = await someone('冯阿姨', 'jsh-9', '301')
      clock.advance(MINUTE)
      const plain = await asker.client.ok('health', 'ask', question({ question: '平时血压一百四正常吗？' }))
      clock.advance(MINUTE)
      const flagged = await asker.client.ok('health', 'ask', question({ question: '老伴刚才突然胸痛，要不要紧？' }))

      const { items } = await doctor.ok('health', 'inbox')
      const flags = items.map((i: { emergencySigns: string[] }) => i.emergencySigns.length > 0)
      expect(flags).toEqual([...flags].sort((x, y) => Number(y) - Number(x)))
      const ids = items.map((i: { questionId: string }) => i.questionId)
      expect(ids.indexOf(flagged.questionId)).toBeLessThan(ids.indexOf(plain.questionId))
      for (const group of [true, false]) {
        const times = items
          .filter((i: { emergencySigns: string[] }) => i.emergencySigns.length > 0 === group)
          .map((i: { askedAt: number }) => i.askedAt)
        expect(times).toEqual([...times].sort((x, y) => x - y))
      }
    })

    test('when a resident, a leader, the committee or a newcomer opens the inbox or a question in it, then AUTH.FORBIDDEN', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      for (const openid of ['demo-resident-5', 'demo-leader-5', 'demo-admin', 'demo-newcomer']) {
        const client = await t.login(openid)
        expectError(await client.call('health', 'inbox'), 403, 'AUTH.FORBIDDEN')
        expectError(await client.call('health', 'inboxItem', { questionId: asked.questionId }), 403, 'AUTH.FORBIDDEN')
      }
      expectError(
        await asker.client.call('health', 'inboxItem', { questionId: asked.questionId }),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the committee makes someone a columnist, then they see the inbox; when it revokes the role, then they no longer do', async () => {
      const columnist = await newColumnist(t, admin, fresh())
      await columnist.client.ok('health', 'inbox')
      await admin.ok('account', 'revokeRole', { userId: columnist.userId, role: 'columnist' })
      expectError(await columnist.client.call('health', 'inbox'), 403, 'AUTH.FORBIDDEN')
    })
  })

  describe('answer', () => {
    test('when the columnist answers and publishes with an edited question, then the asker sees 已回复 with the disclaimer, the column shows the edit, and the asker is notified', async () => {
      const asker = await someone('冯阿姨', 'mc-5', '304')
      await asker.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['healthAnswer'] })
      const asked = await asker.client.ok(
        'health',
        'ask',
        question({ question: '我住梅村5号楼，晚上睡不着，能吃安眠药吗？' }),
      )
      clock.advance(10 * MINUTE)
      const answered = await doctor.ok('health', 'answer', {
        questionId: asked.questionId,
        answer: '先调整作息，安眠药请在医生指导下使用。',
        publish: true,
        editedQuestion: '晚上睡不着，能吃安眠药吗？',
      })
      expect(answered).toEqual({
        questionId: asked.questionId,
        status: 'answered',
        published: true,
        entryId: expect.any(String),
      })
      expect(answered.entryId).not.toBe(asked.questionId)

      const [mine] = (await asker.client.ok('health', 'myQuestions')).questions
      expect(mine).toMatchObject({
        status: 'answered',
        published: true,
        answer: {
          text: '先调整作息，安眠药请在医生指导下使用。',
          answeredBy: '李医生',
          answeredAt: clock.now(),
          disclaimer: HEALTH_DISCLAIMER,
        },
      })
      const qa = await asker.client.ok('health', 'getQA', { entryId: answered.entryId })
      expect(qa).toEqual({
        entryId: answered.entryId,
        question: '晚上睡不着，能吃安眠药吗？',
        answer: '先调整作息，安眠药请在医生指导下使用。',
        category: '慢病',
        answeredBy: '李医生',
        publishedAt: clock.now(),
        disclaimer: HEALTH_DISCLAIMER,
      })
      await t.runtime.drainOutbox()
      const { items } = await asker.client.ok('notifications', 'list', {})
      expect(items[0]).toMatchObject({
        kind: 'healthAnswer',
        title: '您的健康提问有回复了',
        wechat: 'sent',
        link: expect.stringContaining(asked.questionId),
      })
      // No health details in a message that may leave the app.
      expect(JSON.stringify(items[0])).not.toMatch(/安眠药|睡不着/)
      // Gone from the inbox.
      expect((await doctor.ok('health', 'inbox')).items.map((i: { questionId: string }) => i.questionId)).not.toContain(
        asked.questionId,
      )
      expectError(
        await doctor.call('health', 'inboxItem', { questionId: asked.questionId }),
        409,
        'HEALTH.ALREADY_ANSWERED',
      )
    })

    test('when the columnist publishes without an edit, then the column shows the question as asked', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question({ question: '喝骨头汤能补钙吗？我每天都喝' }))
      const answered = await doctor.ok('health', 'answer', {
        questionId: asked.questionId,
        answer: '骨头汤里钙很少，脂肪不少。',
        publish: true,
      })
      expect((await asker.client.ok('health', 'getQA', { entryId: answered.entryId })).question).toBe(
        '喝骨头汤能补钙吗？我每天都喝',
      )
    })

    test('when the columnist answers privately, then the asker sees the answer and nothing is published', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      const before = await store().count('health_entries', {})
      const answered = await doctor.ok('health', 'answer', {
        questionId: asked.questionId,
        answer: '早上吃一次即可。',
        publish: false,
      })
      expect(answered).toEqual({ questionId: asked.questionId, status: 'answered', published: false })
      expect(await store().count('health_entries', {})).toBe(before)
      expect((await asker.client.ok('health', 'myQuestions')).questions[0]).toMatchObject({
        status: 'answered',
        published: false,
        answer: { text: '早上吃一次即可。' },
      })
    })

    test('when the asker did not allow publication and the columnist publishes, then HEALTH.PUBLISH_NOT_ALLOWED and nothing changes', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question({ allowPublish: false }))
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'answer', { questionId: asked.questionId, answer: '早上吃。', publish: true }),
          409,
          'HEALTH.PUBLISH_NOT_ALLOWED',
        ),
      )
      expect((await asker.client.ok('health', 'myQuestions')).questions[0].status).toBe('waiting')
    })

    test('when a question is answered twice, then the second is HEALTH.ALREADY_ANSWERED and the first answer stands', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      const other = await newColumnist(t, admin, fresh(), '王医生')
      await doctor.ok('health', 'answer', {
        questionId: asked.questionId,
        answer: '第一位医生的回复。',
        publish: false,
      })
      await expectUnchanged(t, async () =>
        expectError(
          await other.client.call('health', 'answer', {
            questionId: asked.questionId,
            answer: '第二位医生的回复。',
            publish: false,
          }),
          409,
          'HEALTH.ALREADY_ANSWERED',
        ),
      )
      expect((await asker.client.ok('health', 'myQuestions')).questions[0].answer.text).toBe('第一位医生的回复。')
    })

    test('when someone who is not a columnist answers, then AUTH.FORBIDDEN and nothing changes', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      for (const client of [
        asker.client,
        await t.login('demo-resident-5'),
        await t.login('demo-leader-5'),
        await t.login('demo-admin'),
      ]) {
        await expectUnchanged(t, async () =>
          expectError(
            await client.call('health', 'answer', {
              questionId: asked.questionId,
              answer: '我来回答。',
              publish: false,
            }),
            403,
            'AUTH.FORBIDDEN',
          ),
        )
      }
    })

    test('when the answer or the edited question fails the content check, then CONTENT.REJECTED and nothing changes', async () => {
      const asker = await someone()
      const asked = await asker.client.ok('health', 'ask', question())
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'answer', {
            questionId: asked.questionId,
            answer: '可以试试违禁测试词',
            publish: false,
          }),
          400,
          'CONTENT.REJECTED',
        ),
      )
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'answer', {
            questionId: asked.questionId,
            answer: '请按时服药。',
            publish: true,
            editedQuestion: '违禁测试词怎么办呢',
          }),
          400,
          'CONTENT.REJECTED',
        ),
      )
    })

    test('when the question does not exist, then NOT_FOUND', async () => {
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'answer', { questionId: 'hq_nope', answer: '请按时服药。', publish: false }),
          404,
          'NOT_FOUND',
        ),
      )
    })
  })

  describe('flagged questions left waiting', () => {
    interface NoteView {
      kind: string
      title: string
      body: string
      link?: string
    }
    const notesOf = async (client: ApiClient, kind: string): Promise<NoteView[]> =>
      ((await client.ok('notifications', 'list', {})).items as NoteView[]).filter((n) => n.kind === kind)
    const timerRun = () => runUrgentHealthReminders(t.runtime.deps)

    test('when a flagged question is still unanswered two hours after it was asked, then the timer reminds the columnist once and tells the asker again to call 120 now', async () => {
      const asker = await someone('褚阿姨', 'jsh-9', '302')
      const flagged = await asker.client.ok('health', 'ask', question({ question: '我妈妈说话不清楚，一边手脚没力气' }))
      const plain = await asker.client.ok('health', 'ask', question({ question: '天冷了关节疼，能贴膏药吗？' }))
      expect(flagged.emergency).not.toBeNull()
      expect(plain.emergency).toBeNull()

      const aboutIt = async () =>
        (await notesOf(doctor, 'healthUrgentWaiting')).filter((n) => n.link?.endsWith(`?id=${flagged.questionId}`))

      clock.advance(119 * MINUTE)
      await timerRun()
      expect(await aboutIt()).toEqual([])
      expect(await notesOf(asker.client, 'healthUrgentHelp')).toEqual([])

      clock.advance(2 * MINUTE)
      await Promise.all([timerRun(), timerRun()])
      await timerRun()
      const forDoctor = await aboutIt()
      expect(forDoctor).toHaveLength(1)
      expect(forDoctor[0]).toMatchObject({
        title: '有含急症信号的提问等了两个多小时',
        link: `/packages/health/pages/answer/index?id=${flagged.questionId}`,
      })
      const forAsker = await notesOf(asker.client, 'healthUrgentHelp')
      expect(forAsker).toHaveLength(1)
      expect(at(forAsker, 0).body).toContain('拨打120')
      expect(at(forAsker, 0).link).toBe(`/packages/health/pages/mine/index?id=${flagged.questionId}`)
      // Nothing personal travels in them: neither the question nor the asker's name.
      expect(JSON.stringify([forDoctor[0], forAsker[0]])).not.toMatch(/说话不清楚|褚阿姨/)
      const stored = await store().get('health_questions', plain.questionId)
      expect(stored?.urgentRemindedAt ?? null).toBeNull()
    })

    test('when a flagged question is answered or withdrawn within two hours, then nobody is reminded about it', async () => {
      const asker = await someone('卫老伯', 'jsh-9', '303')
      const answered = await asker.client.ok('health', 'ask', question({ question: '刚才突然胸痛，现在好点了' }))
      const withdrawn = await asker.client.ok('health', 'ask', question({ question: '家里老人胸痛出冷汗怎么办' }))
      await doctor.ok('health', 'answer', {
        questionId: answered.questionId,
        answer: '胸痛要马上去医院急诊，不要等。',
        publish: false,
      })
      await asker.client.ok('health', 'withdraw', { questionId: withdrawn.questionId })

      clock.advance(3 * 60 * MINUTE)
      await timerRun()
      const links = (await notesOf(doctor, 'healthUrgentWaiting')).map((n) => n.link ?? '')
      expect(links.filter((l) => l.endsWith(answered.questionId) || l.endsWith(withdrawn.questionId))).toEqual([])
      expect(await notesOf(asker.client, 'healthUrgentHelp')).toEqual([])
    })
  })

  test('when the seeded demo is opened, then 王阿姨 has an answered and a waiting question and 李医生 has an inbox', async () => {
    const wang = await t.login('demo-resident-5')
    const statuses = (await wang.ok('health', 'myQuestions')).questions.map((q: { status: string }) => q.status)
    expect(statuses).toEqual(expect.arrayContaining(['answered', 'waiting']))
    expect((await doctor.ok('health', 'overview')).inboxWaiting).toBeGreaterThanOrEqual(3)
    expect(await userIdOf(wang)).toBeTruthy()
  })
})
