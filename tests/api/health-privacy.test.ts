import { errorOf, openidFactory, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { question, resident } from '../support/health'
import { startTestRuntime, type ApiClient, type CallResult, type TestRuntime } from '../support/runtime'

/**
 * Health questions are sensitive personal information. Resident A asks; resident B, A's building
 * leader and the committee call every health action they can and look for any trace of A in the
 * complete JSON of every response; the columnist sees only a pseudonym.
 */

const ORIGINAL_Q1 = '我今年七十二了，膝盖疼，上下楼梯特别疼，隔壁楼的张阿姨说贴膏药有用，是真的吗？'
const EDITED_Q1 = '膝盖疼，上下楼梯特别疼，贴膏药有用吗？'
const PRIVATE_Q2 = '我有糖尿病，空腹血糖九点多，医生开的药要不要加量？'
const WITHDRAWN_Q3 = '晚上总是抽筋，需要补钙吗？'
const ANSWER_Q1 = '膏药只能暂时止痛。膝盖疼要少爬楼梯，多练大腿肌肉，疼得厉害请去骨科。'
const ANSWER_Q2 = '请不要自己加量，把一周的血糖记录带给医生看。'

describe('health: privacy of the people who ask', () => {
  let t: TestRuntime
  let admin: ApiClient
  let doctor: ApiClient
  const logs: string[] = []
  const clock = new TestClock()
  const fresh = openidFactory('hp')
  let a: Awaited<ReturnType<typeof resident>>
  let b: Awaited<ReturnType<typeof resident>>
  const q: Record<'q1' | 'q2' | 'q3', string> = { q1: '', q2: '', q3: '' }
  let entryId = ''
  let alias = ''

  beforeAll(async () => {
    t = await startTestRuntime({ clock, logLevel: 'info', logWrite: (line) => logs.push(line) })
    admin = await t.login('demo-admin')
    doctor = await t.login('demo-doctor')
    a = await resident(t, admin, fresh(), 'mc-7', '203', '隐私甲阿姨')
    b = await resident(t, admin, fresh(), 'jsh-5', '604', '乙先生')

    q.q1 = (
      await a.client.ok('health', 'ask', question({ question: ORIGINAL_Q1, category: '运动', allowPublish: true }))
    ).questionId
    clock.advance(60_000)
    q.q2 = (
      await a.client.ok('health', 'ask', question({ question: PRIVATE_Q2, category: '用药', allowPublish: false }))
    ).questionId
    clock.advance(60_000)
    q.q3 = (
      await a.client.ok('health', 'ask', question({ question: WITHDRAWN_Q3, category: '其他', allowPublish: true }))
    ).questionId
    await a.client.ok('health', 'withdraw', { questionId: q.q3 })
    clock.advance(60_000)
    entryId = (
      await doctor.ok('health', 'answer', {
        questionId: q.q1,
        answer: ANSWER_Q1,
        publish: true,
        editedQuestion: EDITED_Q1,
      })
    ).entryId
    await doctor.ok('health', 'answer', { questionId: q.q2, answer: ANSWER_Q2, publish: false })
    alias = (await t.runtime.deps.store.get('health_aliases', a.userId))?.alias ?? ''
  })
  afterAll(() => t.close())

  /** Every trace of A that must never reach anyone else. */
  function tracesOfA(json: string, options: { allowQuestionText?: boolean } = {}): string[] {
    const found: string[] = []
    if (json.includes(a.userId)) found.push('userId')
    if (json.includes(a.nickname)) found.push('nickname')
    if (json.includes('mc-7')) found.push('building id')
    if (json.includes('梅村 7号楼') || json.includes('梅村7号楼')) found.push('building name')
    // The room as a value of its own, not digits inside a timestamp or an id.
    if (new RegExp(`(?<![0-9A-Za-z_-])${a.room}(?![0-9A-Za-z_-])`).test(json)) found.push('room')
    if (!options.allowQuestionText) {
      if (json.includes('七十二') || json.includes('张阿姨说')) found.push('unedited question')
      if (json.includes('空腹血糖九点多') || json.includes(ANSWER_Q2)) found.push('private question')
      if (json.includes('晚上总是抽筋')) found.push('withdrawn question')
      if (json.includes(q.q1) || json.includes(q.q2) || json.includes(q.q3)) found.push('question id')
    }
    if (alias && json.includes(alias)) found.push('pseudonym')
    return found
  }

  /** Everything a person other than A (or a columnist) can ask the health function. */
  async function everyResponse(client: ApiClient): Promise<Array<[string, CallResult]>> {
    const calls: Array<[string, string, unknown]> = [
      ['overview', 'overview', {}],
      ['listTips', 'listTips', {}],
      ['listQA', 'listQA', {}],
      ['listQA 运动', 'listQA', { category: '运动' }],
      ['listQA 用药', 'listQA', { category: '用药' }],
      ['getQA (published)', 'getQA', { entryId }],
      ['getQA (question id)', 'getQA', { entryId: q.q1 }],
      ['getQA (private question id)', 'getQA', { entryId: q.q2 }],
      ['getTip (question id)', 'getTip', { tipId: q.q1 }],
      ['search 膝盖', 'search', { q: '膝盖' }],
      ['search 楼梯 膏药', 'search', { q: '楼梯 膏药' }],
      ['search 血糖', 'search', { q: '血糖' }],
      ['search 空腹血糖', 'search', { q: '空腹血糖' }],
      ['search 抽筋', 'search', { q: '抽筋' }],
      ['search 张阿姨', 'search', { q: '张阿姨' }],
      ['myQuestions', 'myQuestions', {}],
      ['withdraw q1', 'withdraw', { questionId: q.q1 }],
      ['withdraw q2', 'withdraw', { questionId: q.q2 }],
      ['withdraw q3', 'withdraw', { questionId: q.q3 }],
      ['inbox', 'inbox', {}],
      ['inboxItem q2', 'inboxItem', { questionId: q.q2 }],
      ['answer q2', 'answer', { questionId: q.q2, answer: '我也来答一下', publish: false }],
      ['follow', 'follow', {}],
      ['unfollow', 'unfollow', {}],
    ]
    const results: Array<[string, CallResult]> = []
    for (const [label, action, data] of calls) results.push([label, await client.call('health', action, data)])
    results.push(['notifications.list', await client.call('notifications', 'list', {})])
    results.push(['account.exportMyData', await client.call('account', 'exportMyData')])
    return results
  }

  test('when resident B calls every health action, then no response contains any trace of A, and the published Q&A is there without its asker', async () => {
    const responses = await everyResponse(b.client)
    const leaks = responses
      .map(([label, result]) => [label, tracesOfA(JSON.stringify(result.body))])
      .filter(([, found]) => (found as string[]).length)
    expect(leaks).toEqual([])

    const byLabel = new Map(responses)
    const published = byLabel.get('getQA (published)')?.body
    expect(published).toEqual({
      ok: true,
      data: expect.objectContaining({ question: EDITED_Q1, answer: ANSWER_Q1, answeredBy: '李医生' }),
    })
    expect(Object.keys((published as { data: object }).data).sort()).toEqual([
      'answer',
      'answeredBy',
      'category',
      'disclaimer',
      'entryId',
      'publishedAt',
      'question',
    ])
    const hits = (byLabel.get('search 膝盖')?.body as { data: { hits: Array<{ entryId: string }> } }).data.hits
    expect(hits.map((h) => h.entryId)).toContain(entryId)
    // The private question and the withdrawn one are nowhere to be found.
    for (const label of ['search 空腹血糖', 'search 抽筋', 'search 张阿姨'])
      expect((byLabel.get(label)?.body as { data: { total: number } }).data.total).toBe(0)
    for (const label of [
      'getQA (question id)',
      'getQA (private question id)',
      'getTip (question id)',
      'withdraw q1',
      'withdraw q2',
      'withdraw q3',
    ]) {
      expect(errorOf(byLabel.get(label) as CallResult).code).toBe('NOT_FOUND')
    }
    for (const label of ['inbox', 'inboxItem q2', 'answer q2'])
      expect(errorOf(byLabel.get(label) as CallResult).code).toBe('AUTH.FORBIDDEN')
  })

  test("when A's building leader or the committee call every health action, then they learn nothing of A either", async () => {
    const leader = await t.login('seed-mc-7-1')
    expect((await leader.ok('account', 'me')).roles).toEqual([{ role: 'leader', buildingId: 'mc-7' }])
    for (const client of [leader, admin]) {
      const responses = await everyResponse(client)
      // The leader lives in mc-7 too: their own export names their own building, which is no trace of A.
      const ownBuilding = (label: string, found: string) =>
        client === leader && label === 'account.exportMyData' && found === 'building id'
      const leaks = responses
        .map(
          ([label, result]) =>
            [label, tracesOfA(JSON.stringify(result.body)).filter((found) => !ownBuilding(label, found))] as const,
        )
        .filter(([, found]) => found.length)
      expect(leaks).toEqual([])
    }
  })

  test('when a tip goes out to followers, then the notification B gets says nothing of A', async () => {
    await b.client.ok('health', 'follow')
    await doctor.ok('health', 'publishTip', { title: '膝盖保养', body: '少爬楼梯，多练大腿肌肉。' })
    const { items } = await b.client.ok('notifications', 'list', {})
    expect(items[0]).toMatchObject({ kind: 'healthTip' })
    expect(tracesOfA(JSON.stringify(items))).toEqual([])
  })

  test("when the columnist opens the inbox, then A appears only as a pseudonym and A's withdrawn question is gone", async () => {
    await a.client.ok('health', 'ask', question({ question: '冬天手脚冰凉是怎么回事？', category: '其他' }))
    const inbox = await doctor.ok('health', 'inbox')
    const json = JSON.stringify(inbox)
    expect(tracesOfA(json, { allowQuestionText: true })).toEqual(['pseudonym'])
    const mine = inbox.items.filter((i: { asker: string }) => i.asker === `提问者 ${alias}`)
    expect(mine.map((i: { question: string }) => i.question)).toEqual(['冬天手脚冰凉是怎么回事？'])
    expect(json).not.toContain(WITHDRAWN_Q3)
    expect(Object.keys(mine[0]).sort()).toEqual([
      'allowPublish',
      'askedAt',
      'asker',
      'category',
      'emergencySigns',
      'question',
      'questionId',
    ])
    const item = await doctor.ok('health', 'inboxItem', { questionId: mine[0].questionId })
    expect(tracesOfA(JSON.stringify(item), { allowQuestionText: true })).toEqual(['pseudonym'])
  })

  test('when A asks and is answered, then no log line holds the question, the answer or who A is', async () => {
    const lines = logs.join('\n')
    expect(lines).toContain('"fn":"health"')
    for (const secret of [
      ORIGINAL_Q1,
      EDITED_Q1,
      PRIVATE_Q2,
      WITHDRAWN_Q3,
      ANSWER_Q1,
      ANSWER_Q2,
      '膝盖',
      '血糖',
      a.nickname,
      'mc-7',
    ]) {
      expect(lines).not.toContain(secret)
    }
  })

  test('when A exports their data, then every question of theirs is in it with its answer and the pseudonym', async () => {
    const exported = await a.client.ok('account', 'exportMyData')
    const asked = exported.data.health_questions.asked
    expect(asked.map((x: { question: string }) => x.question)).toEqual(
      expect.arrayContaining([ORIGINAL_Q1, PRIVATE_Q2, WITHDRAWN_Q3]),
    )
    expect(asked.find((x: { question: string }) => x.question === PRIVATE_Q2)).toMatchObject({
      answer: ANSWER_Q2,
      status: 'answered',
      publishedEntryId: null,
    })
    expect(asked.find((x: { question: string }) => x.question === ORIGINAL_Q1)).toMatchObject({
      publishedEntryId: entryId,
    })
    expect(exported.data.health_aliases.pseudonymShownToColumnists).toEqual([expect.objectContaining({ alias })])
    // B's export holds none of it.
    expect(tracesOfA(JSON.stringify(await b.client.ok('account', 'exportMyData')))).toEqual([])
  })

  test('when A deletes their account, then their questions, the pseudonym and the follow are gone, and the published anonymous Q&A stays exactly as it was', async () => {
    await a.client.ok('health', 'follow')
    const store = t.runtime.deps.store
    const publishedBefore = await store.get('health_entries', entryId)
    const shownBefore = await b.client.ok('health', 'getQA', { entryId })
    await a.client.ok('account', 'deleteMe', { confirm: true })
    expect(await store.count('health_questions', { askerId: a.userId })).toBe(0)
    expect(await store.get('health_aliases', a.userId)).toBeNull()
    expect(await store.get('health_followers', a.userId)).toBeNull()
    expect(await store.find('health_questions', { askerId: a.userId })).toEqual([])
    // The entry held nothing of A: if it vanished as A left, a neighbour watching the member list could pair the two.
    expect(await store.get('health_entries', entryId)).toEqual(publishedBefore)
    expect(tracesOfA(JSON.stringify(publishedBefore), { allowQuestionText: true })).toEqual([])
    expect(await b.client.ok('health', 'getQA', { entryId })).toEqual(shownBefore)
    expect((await b.client.ok('health', 'search', { q: '膏药' })).total).toBe(1)
    expect(await userIdOf(b.client)).toBe(b.userId)
  })
})
