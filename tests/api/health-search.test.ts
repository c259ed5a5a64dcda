import { HEALTH_DISCLAIMER } from '../../contracts'
import { expectError, expectUnchanged, openidFactory } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { question, resident } from '../support/health'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at } from '../support/lists'

interface Hit {
  entryId: string
  kind: string
  title: { text: string; marks: Array<[number, number]> }
  snippet: { text: string; marks: Array<[number, number]> }
}

const marked = (h: { text: string; marks: Array<[number, number]> }) => h.marks.map(([s, e]) => h.text.slice(s, e))

describe('health: searching the column', () => {
  let t: TestRuntime
  let admin: ApiClient
  let doctor: ApiClient
  let reader: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('hs')

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    doctor = await t.login('demo-doctor')
    reader = await t.login('demo-resident-11')
  })
  afterAll(() => t.close())

  /** Asked by a new resident, answered, and published (or not). */
  async function publishQA(
    text: string,
    answer: string,
    options: { publish?: boolean; category?: string } = {},
  ): Promise<string | undefined> {
    const asker = await resident(t, admin, fresh(), 'jsh-9', '201', '某居民')
    const asked = await asker.client.ok(
      'health',
      'ask',
      question({ question: text, category: options.category ?? '慢病' }),
    )
    clock.advance(60_000)
    return (
      await doctor.ok('health', 'answer', { questionId: asked.questionId, answer, publish: options.publish ?? true })
    ).entryId
  }

  const search = async (q: string) =>
    reader.ok<{ terms: string[]; hits: Hit[]; total: number; disclaimer: string }>('health', 'search', { q })

  test('when 血压 is searched, then a published Q&A about 高血压 is found, with 血压 marked in the question and the answer', async () => {
    const entryId = await publishQA(
      '我有高血压八年了，冬天要不要换药？',
      '冬天高血压的人血压会偏高，不要自己换药，请复诊。',
    )
    const result = await search('血压')
    expect(result.terms).toEqual(['血压'])
    expect(result.disclaimer).toBe(HEALTH_DISCLAIMER)
    const hit = result.hits.find((h) => h.entryId === entryId)
    expect(hit).toBeDefined()
    expect(hit?.kind).toBe('qa')
    expect(hit?.title.text).toBe('我有高血压八年了，冬天要不要换药？')
    expect(marked(hit!.title)).toEqual(['血压'])
    expect(marked(hit!.snippet)).toEqual(['血压', '血压'])
    // The three-character word finds it too, through the trigram index.
    expect((await search('高血压')).hits.map((h) => h.entryId)).toContain(entryId)
  })

  test('when the same query is run twice, then the order is identical; a title match ranks above body-only matches, and equal scores go newest first', async () => {
    const bodyOnly = await publishQA('冬天吃什么比较好呢？', '可以适量吃荞麦面，荞麦面升糖慢。')
    const older = await publishQA('荞麦面可以天天吃吗？', '可以，但要搭配蔬菜。')
    const newer = await publishQA('荞麦面和米饭哪个好？', '都可以，注意总量。')
    const first = await search('荞麦面')
    expect(first.hits.map((h) => h.entryId)).toEqual([newer, older, bodyOnly])
    expect((await search('荞麦面')).hits).toEqual(first.hits)
    expect((await search('  荞麦面 ')).hits).toEqual(first.hits)
  })

  test('when several words are searched, then only entries with every word come back, and each word is marked', async () => {
    const both = await publishQA('鹌鹑蛋的胆固醇高吗？', '鹌鹑蛋的胆固醇和鸡蛋差不多，适量即可。')
    await publishQA('鹌鹑蛋怎么煮？', '水开后煮五分钟。')
    const result = await search('鹌鹑蛋 胆固醇')
    expect(result.hits.map((h) => h.entryId)).toEqual([both])
    expect(new Set(marked(at(result.hits, 0).title))).toEqual(new Set(['鹌鹑蛋', '胆固醇']))
  })

  test('when a tip is tagged, then searching the tag finds the tip', async () => {
    const tip = await doctor.ok('health', 'publishTip', {
      title: '关于足底',
      body: '每天泡脚十分钟。',
      tags: ['足浴养生'],
    })
    const result = await search('足浴')
    expect(result.hits.map((h) => [h.entryId, h.kind])).toEqual([[tip.tipId, 'tip']])
  })

  test('when a question is answered privately, waiting or withdrawn, then search never finds it', async () => {
    await publishQA('紫苏叶泡水能降压吗？', '证据不足，不能代替药物。', { publish: false })
    const asker = await resident(t, admin, fresh(), 'jsh-9', '202', '另一位居民')
    await asker.client.ok('health', 'ask', question({ question: '紫苏叶可以天天喝吗？' }))
    const withdrawn = await asker.client.ok('health', 'ask', question({ question: '紫苏叶过敏怎么办？' }))
    await asker.client.ok('health', 'withdraw', { questionId: withdrawn.questionId })
    expect(await search('紫苏叶')).toMatchObject({ hits: [], total: 0 })
    expect(await search('紫苏')).toMatchObject({ hits: [], total: 0 })
  })

  test('when Latin letters are searched in another case, then they match', async () => {
    const entryId = await publishQA('体检说我BMI偏高怎么办？', 'BMI 超过 24 属于超重，饮食加运动。')
    expect((await search('bmi')).hits.map((h) => h.entryId)).toContain(entryId)
  })

  test('when the demo column is searched for 失眠, then tips and Q&A both come back with the total', async () => {
    const result = await search('失眠')
    expect(result.total).toBeGreaterThanOrEqual(1)
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length)
    expect(result.hits.length).toBeLessThanOrEqual(20)
  })

  test.each([
    ['an empty query', ''],
    ['only spaces', '   '],
    ['one character', '血'],
    ['one character twice, apart', '血 压'],
    ['punctuation only', '，。？！'],
  ])(
    'when %s is searched, then INPUT.INVALID says to type at least two characters and nothing changes',
    async (_what, q) => {
      await expectUnchanged(t, async () => {
        const error = expectError(await reader.call('health', 'search', { q }), 400, 'INPUT.INVALID', 'q')
        expect(error.message).toBe('搜索词：请至少输入两个字')
      })
    },
  )

  test('when the query is missing, too long, the wrong type or has a control character, then INPUT.INVALID names q', async () => {
    for (const data of [{}, { q: '血压'.repeat(16) }, { q: 42 }, { q: '血压\u0000' }, { q: '血压', extra: 1 }]) {
      await expectUnchanged(t, async () =>
        expectError(await reader.call('health', 'search', data), 400, 'INPUT.INVALID', 'extra' in data ? 'extra' : 'q'),
      )
    }
  })
})
