import * as z from 'zod'
import {
  accountContract,
  characterCount,
  hasUnsafeCharacters,
  id,
  joinCode,
  room,
  text,
  timestamp,
  validate,
} from '../../contracts'

const CHINESE = /[\u4e00-\u9fff]/

function problemOf(schema: z.ZodType, input: unknown) {
  const result = validate(schema, input)
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return result.problem
}

describe('validate', () => {
  const profile = accountContract.updateProfile.input

  test('when input is valid, then the parsed (trimmed) value comes back', () => {
    expect(validate(profile, { nickname: '  王阿姨 ', largeText: true })).toEqual({
      ok: true,
      value: { nickname: '王阿姨', largeText: true },
    })
  })

  test('when a field is too long, then the message names the field by its Chinese label and gives the limit', () => {
    expect(problemOf(profile, { nickname: '王'.repeat(21) })).toEqual({
      field: 'nickname',
      message: '称呼：最多 20 个字',
    })
  })

  test('when a required field is missing, then it says it must be filled in', () => {
    expect(problemOf(profile, {})).toEqual({ field: 'nickname', message: '称呼：必须填写' })
  })

  test('when a field has the wrong type, then it says the format is wrong (not that it is missing)', () => {
    expect(problemOf(profile, { nickname: 12 })).toEqual({ field: 'nickname', message: '称呼：格式不对' })
    expect(problemOf(profile, { nickname: 'a', largeText: 'yes' })).toEqual({
      field: 'largeText',
      message: '大字模式：格式不对',
    })
    expect(problemOf(profile, { nickname: null })).toEqual({ field: 'nickname', message: '称呼：格式不对' })
  })

  test('when a choice is missing or not one of the options, then the message says which', () => {
    const review = accountContract.reviewApplication.input
    expect(problemOf(review, { membershipId: 'm_1' })).toEqual({ field: 'decision', message: '处理结果：必须填写' })
    expect(problemOf(review, { membershipId: 'm_1', decision: 'maybe' })).toEqual({
      field: 'decision',
      message: '处理结果：不是可选的值',
    })
  })

  test('when an unknown field is sent, then it is named', () => {
    expect(problemOf(profile, { nickname: 'a', isAdmin: true })).toEqual({
      field: 'isAdmin',
      message: '不认识的字段：isAdmin',
    })
  })

  test('when the input is not an object at all, then the whole input is at fault', () => {
    const problem = problemOf(accountContract.me.input, 'hello')
    expect(problem.field).toBe('')
    expect(problem.message).toBe('内容：格式不对')
  })

  test('when a schema has its own Chinese message, then it wins over the generic one', () => {
    expect(problemOf(accountContract.applyToBuilding.input, { buildingId: 'jsh-5', room: '五零二' })).toEqual({
      field: 'room',
      message: '房号：请填写门牌上的房号，例如 302',
    })
    expect(problemOf(accountContract.deleteMe.input, {})).toEqual({ field: 'confirm', message: '确认：请确认注销' })
  })

  test('when a nested array item is wrong, then the dotted path names it and the label is the nearest named field', () => {
    const schema = z.strictObject({ questions: z.array(z.strictObject({ text: text({ max: 5 }) })) })
    expect(problemOf(schema, { questions: [{ text: 'ok' }, { text: '太长了太长了' }] })).toEqual({
      field: 'questions.1.text',
      message: '内容：最多 5 个字',
    })
    const list = z.strictObject({ ids: z.array(id) })
    expect(problemOf(list, { ids: ['ok', 'not ok'] })).toEqual({ field: 'ids.1', message: '通知：编号格式不对' })
  })

  test('when a field has no label, then its key is used rather than nothing', () => {
    expect(problemOf(z.strictObject({ zzz: z.string() }), {}).message).toBe('zzz：必须填写')
  })

  test('when no alternative of a union fits, then the closest one explains which field is wrong', () => {
    const schema = z.union([
      z.strictObject({ ids: z.array(id).min(1).max(3) }),
      z.strictObject({ all: z.literal(true) }),
    ])
    expect(problemOf(schema, { ids: ['a', 'b', 'c', 'd'] })).toEqual({ field: 'ids', message: '通知：最多选 3 项' })
    expect(problemOf(schema, { all: false })).toEqual({ field: 'all', message: '全部：不是可选的值' })
    expect(problemOf(schema, {})).toEqual({ field: 'ids', message: '通知：必须填写' })
  })

  test('when numbers are out of range, then the bound is given', () => {
    const schema = z.strictObject({ limit: z.number().int().min(1).max(50) })
    expect(problemOf(schema, { limit: 0 }).message).toBe('条数：不能小于 1')
    expect(problemOf(schema, { limit: 51 }).message).toBe('条数：不能大于 50')
  })

  test.each([
    ['updateProfile', { nickname: 1 }],
    ['applyToBuilding', {}],
    ['assignRole', { userId: 'u', role: 'leader' }],
    ['listApplications', { buildingId: 'jsh-5', status: 'x' }],
    ['acceptPrivacy', { version: 'old' }],
  ] as const)('when %s is refused, then the message is Chinese and free of zod English', (action, input) => {
    const problem = problemOf(accountContract[action].input, input)
    expect(problem.message).toMatch(CHINESE)
    expect(problem.message).not.toMatch(/Invalid|expected|received|Too (big|small)/)
  })
})

describe('text fields', () => {
  const nickname = text({ max: 5 })
  const body = text({ max: 50, multiline: true })

  test('when text has emoji, then each emoji counts as one character', () => {
    expect(characterCount('👍👍👍')).toBe(3)
    expect(characterCount('王阿姨😀')).toBe(4)
    expect(nickname.safeParse('😀😀😀😀😀').success).toBe(true)
    expect(nickname.safeParse('😀😀😀😀😀😀').success).toBe(false)
  })

  test('when text is surrounded by spaces, then it is trimmed before counting', () => {
    expect(nickname.parse('   王阿姨   ')).toBe('王阿姨')
    expect(nickname.safeParse('   ').success).toBe(false)
  })

  test('when a minimum is set, then shorter text is refused with the minimum', () => {
    expect(problemOf(z.strictObject({ title: text({ min: 4, max: 10 }) }), { title: '通知' }).message).toBe(
      '标题：至少要写 4 个字',
    )
  })

  test.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['DEL', 'a\u007Fb'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate', 'a\uDE00b'],
    ['a surrogate at the end', 'ab\uD83D'],
    ['right-to-left override', 'a\u202Eb'],
    ['left-to-right embedding', 'a\u202Ab'],
    ['a bidi isolate', 'a\u2066b'],
  ])('when text contains %s, then it is refused everywhere', (_what, value) => {
    expect(hasUnsafeCharacters(value, false)).toBe(true)
    expect(hasUnsafeCharacters(value, true)).toBe(true)
    expect(problemOf(z.strictObject({ nickname }), { nickname: value })).toEqual({
      field: 'nickname',
      message: '称呼：含有无法识别的字符',
    })
  })

  test('when text has line breaks or tabs, then only multi-line text accepts them', () => {
    expect(body.safeParse('第一行\n第二行\r\n\t第三行').success).toBe(true)
    expect(nickname.safeParse('王\n阿姨').success).toBe(false)
    expect(nickname.safeParse('王\t阿姨').success).toBe(false)
  })

  test('when text has a paired emoji, CJK and punctuation, then it is safe', () => {
    expect(hasUnsafeCharacters('王阿姨👍，你好！', false)).toBe(false)
  })
})

describe('id, room, join code and timestamp fields', () => {
  test.each([
    [id, 'u_abc-123', true],
    [id, 'a'.repeat(64), true],
    [id, 'a'.repeat(65), false],
    [id, '', false],
    [id, 'a b', false],
    [id, '../etc', false],
    [room, '302', true],
    [room, 'B-302', true],
    [room, ' 302 ', true],
    [room, '1234567890', true],
    [room, '12345678901', false],
    [room, '三零二', false],
    [room, '', false],
    [joinCode, '012345', true],
    [joinCode, '12345', false],
    [joinCode, '1234567', false],
    [joinCode, '12345a', false],
    [joinCode, '１２３４５６', false],
  ] as Array<[z.ZodType, string, boolean]>)(
    'when %# is checked, then it is accepted only if well formed',
    (schema, value, ok) => {
      expect(schema.safeParse(value).success).toBe(ok)
    },
  )

  test('when a timestamp is outside 2020–2100 or not whole milliseconds, then it is refused', () => {
    expect(timestamp.safeParse(Date.UTC(2026, 0, 1)).success).toBe(true)
    expect(timestamp.safeParse(Date.UTC(2019, 11, 31)).success).toBe(false)
    expect(timestamp.safeParse(Date.UTC(2100, 0, 2)).success).toBe(false)
    expect(timestamp.safeParse(1.5e12 + 0.5).success).toBe(false)
    expect(problemOf(z.strictObject({ startAt: timestamp }), { startAt: 5 }).message).toBe('开始时间：时间超出范围')
  })
})
