import { expectError, expectUnchanged } from '../support/api-expect'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Bad input for every health action: 400, INPUT.INVALID, the field named, a Chinese message, and
 * not one stored document changed. The caller is 李医生 — a verified resident and the columnist,
 * allowed every action — so only the input can be at fault.
 */

const long = (n: number, ch = '字') => ch.repeat(n)
const okAsk = { question: '降压药早上吃还是晚上吃？', category: '慢病', allowPublish: true }
const okAnswer = { questionId: 'hq_x', answer: '早上吃。', publish: false }
const okTip = { title: '冬季保暖', body: '出门戴帽子。' }

type Case = [action: string, what: string, field: string, data: unknown]

const CASES: Case[] = [
  ['overview', 'an unknown field', 'extra', { extra: 1 }],
  ['follow', 'an unknown field', 'extra', { extra: 1 }],
  ['unfollow', 'data that is an array', '', []],
  ['myQuestions', 'an unknown field', 'userId', { userId: 'u_x' }],
  ['inbox', 'an unknown field', 'status', { status: 'waiting' }],

  ['ask', 'no question', 'question', { category: '慢病', allowPublish: true }],
  ['ask', 'a question of 4 characters', 'question', { ...okAsk, question: '头疼吗？' }],
  ['ask', 'a question of 5 spaces and 4 characters', 'question', { ...okAsk, question: '   头疼吗？   ' }],
  ['ask', 'a question over 500 characters', 'question', { ...okAsk, question: long(501) }],
  ['ask', 'a question of the wrong type', 'question', { ...okAsk, question: 12345 }],
  ['ask', 'a question with a NUL', 'question', { ...okAsk, question: '降压药\u0000早上吃吗' }],
  ['ask', 'a question with a bidi override', 'question', { ...okAsk, question: '降压药\u202E早上吃吗' }],
  ['ask', 'no category', 'category', { question: okAsk.question, allowPublish: true }],
  ['ask', 'a category not on the list', 'category', { ...okAsk, category: '美容' }],
  ['ask', 'no allowPublish', 'allowPublish', { question: okAsk.question, category: '慢病' }],
  ['ask', 'allowPublish as a string', 'allowPublish', { ...okAsk, allowPublish: 'yes' }],
  ['ask', 'an unknown field', 'askerId', { ...okAsk, askerId: 'u_x' }],

  ['withdraw', 'no questionId', 'questionId', {}],
  ['withdraw', 'a questionId with spaces', 'questionId', { questionId: 'hq x' }],
  ['withdraw', 'a questionId over 64 characters', 'questionId', { questionId: long(65, 'a') }],

  ['inboxItem', 'no questionId', 'questionId', {}],
  ['inboxItem', 'a questionId of the wrong type', 'questionId', { questionId: 7 }],

  ['answer', 'no questionId', 'questionId', { answer: '早上吃。', publish: false }],
  ['answer', 'no answer', 'answer', { questionId: 'hq_x', publish: false }],
  ['answer', 'a blank answer', 'answer', { ...okAnswer, answer: '   ' }],
  ['answer', 'an answer over 3,000 characters', 'answer', { ...okAnswer, answer: long(3001) }],
  ['answer', 'no publish', 'publish', { questionId: 'hq_x', answer: '早上吃。' }],
  ['answer', 'publish as a number', 'publish', { ...okAnswer, publish: 1 }],
  [
    'answer',
    'an edited question without publishing',
    'editedQuestion',
    { ...okAnswer, editedQuestion: '降压药什么时候吃？' },
  ],
  [
    'answer',
    'an edited question of 4 characters',
    'editedQuestion',
    { ...okAnswer, publish: true, editedQuestion: '头疼吗？' },
  ],
  [
    'answer',
    'an edited question over 500 characters',
    'editedQuestion',
    { ...okAnswer, publish: true, editedQuestion: long(501) },
  ],
  ['answer', 'an unknown field', 'answeredBy', { ...okAnswer, answeredBy: 'u_x' }],

  ['publishTip', 'no title', 'title', { body: '正文' }],
  ['publishTip', 'a title over 40 characters', 'title', { ...okTip, title: long(41) }],
  ['publishTip', 'a title with a line break', 'title', { ...okTip, title: '冬季\n保暖' }],
  ['publishTip', 'no body', 'body', { title: '标题' }],
  ['publishTip', 'a body over 3,000 characters', 'body', { ...okTip, body: long(3001) }],
  ['publishTip', 'tags that are not a list', 'tags', { ...okTip, tags: '饮食' }],
  ['publishTip', 'six tags', 'tags', { ...okTip, tags: ['一一', '二二', '三三', '四四', '五五', '六六'] }],
  ['publishTip', 'a tag over 8 characters', 'tags.0', { ...okTip, tags: [long(9)] }],
  ['publishTip', 'a blank tag', 'tags.0', { ...okTip, tags: [' '] }],
  ['publishTip', 'an unknown field', 'authorId', { ...okTip, authorId: 'u_x' }],

  ['editTip', 'no tipId', 'tipId', { title: '标题' }],
  ['editTip', 'nothing to change', 'title', { tipId: 'ht_x' }],
  ['editTip', 'a title over 40 characters', 'title', { tipId: 'ht_x', title: long(41) }],
  ['editTip', 'a blank body', 'body', { tipId: 'ht_x', body: '  ' }],
  ['editTip', 'an unknown field', 'status', { tipId: 'ht_x', status: 'published' }],

  ['unpublishTip', 'no tipId', 'tipId', {}],
  ['getTip', 'a tipId of the wrong type', 'tipId', { tipId: ['ht_x'] }],

  ['listTips', 'a limit of 0', 'limit', { limit: 0 }],
  ['listTips', 'a limit of 51', 'limit', { limit: 51 }],
  ['listTips', 'a fractional limit', 'limit', { limit: 2.5 }],
  ['listTips', 'before as a string', 'before', { before: 'yesterday' }],
  ['listTips', 'before in 1970', 'before', { before: 1000 }],

  ['listQA', 'a category not on the list', 'category', { category: '美容' }],
  ['listQA', 'a limit as a string', 'limit', { limit: '10' }],
  ['getQA', 'no entryId', 'entryId', {}],
  ['getQA', 'an entryId with a slash', 'entryId', { entryId: 'qa/1' }],

  ['search', 'no q', 'q', {}],
  ['search', 'an empty q', 'q', { q: '' }],
  ['search', 'a one-character q', 'q', { q: '痛' }],
  ['search', 'a q over 30 characters', 'q', { q: long(31) }],
  ['search', 'an unknown field', 'kind', { q: '血压', kind: 'qa' }],
]

describe('health: bad input', () => {
  let t: TestRuntime
  let doctor: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    doctor = await t.login('demo-doctor')
  })
  afterAll(() => t.close())

  test.each(CASES)(
    'when %s gets %s, then INPUT.INVALID names “%s” and nothing changes',
    async (action, _what, field, data) => {
      await expectUnchanged(t, async () =>
        expectError(await doctor.call('health', action, data), 400, 'INPUT.INVALID', field),
      )
    },
  )

  test('when a question is exactly 5 and 500 characters, a title exactly 40, an answer exactly 3,000, then they are accepted', async () => {
    await doctor.ok('health', 'ask', { ...okAsk, question: '头疼怎么办' })
    const asked = await doctor.ok('health', 'ask', { ...okAsk, question: long(500) })
    await doctor.ok('health', 'answer', {
      questionId: asked.questionId,
      answer: long(3000),
      publish: true,
      editedQuestion: long(500, '问'),
    })
    await doctor.ok('health', 'publishTip', {
      title: long(40),
      body: long(3000),
      tags: ['一二三四五六七八', '二', '三', '四', '五'],
    })
  })
})
