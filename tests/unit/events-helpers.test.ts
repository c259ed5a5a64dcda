import { acceptsCode, codeFor, currentCode, windowOf } from '../../cloudfunctions/core/events/check-in-code'
import { checkAnswers, normaliseQuestions } from '../../cloudfunctions/core/events/questions'
import { dueReminder } from '../../cloudfunctions/core/events/reminders'
import { rosterCsvText } from '../../cloudfunctions/core/events/roster'
import { csvCell } from '../../cloudfunctions/core/shared/csv'
import { addMonths, describeTime, isoMinute } from '../../contracts/shanghai-time'
import { AppError } from '../../cloudfunctions/core/shared/errors'
import { asksForSensitiveNumber, eventsContract, validate } from '../../contracts'

const shanghai = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min)
const HOUR = 3600_000

describe('Shanghai wall-clock time', () => {
  test('when a time is described, then it reads as a Shanghai resident says it, whatever the server zone', () => {
    expect(describeTime(shanghai(2026, 11, 29, 14, 30))).toBe('11月29日（周日）14:30')
    expect(describeTime(shanghai(2026, 12, 1, 0, 5))).toBe('12月1日（周二）00:05')
    expect(isoMinute(shanghai(2027, 1, 2, 9, 0))).toBe('2027-01-02 09:00')
  })

  test('when months are added, then the wall-clock time stays and a 31st becomes the last day of a short month', () => {
    expect(addMonths(shanghai(2026, 11, 15, 9, 30), 1)).toBe(shanghai(2026, 12, 15, 9, 30))
    expect(addMonths(shanghai(2026, 12, 20, 23, 30), 1)).toBe(shanghai(2027, 1, 20, 23, 30))
    expect(addMonths(shanghai(2027, 1, 31, 14), 1)).toBe(shanghai(2027, 2, 28, 14))
    expect(addMonths(shanghai(2027, 1, 31, 14), 2)).toBe(shanghai(2027, 3, 31, 14))
  })
})

describe('the rotating check-in code', () => {
  const secret = 'k_test-secret'
  test('when the minute changes, then the code changes, and it is always six digits', () => {
    const codes = new Set(Array.from({ length: 50 }, (_, w) => codeFor(secret, w)))
    expect(codes.size).toBeGreaterThan(45)
    for (const code of codes) expect(code).toMatch(/^\d{6}$/)
    expect(codeFor('another-secret', 7)).not.toBe(codeFor(secret, 7))
  })

  test("when a code is checked, then this minute's and last minute's are accepted and older ones are not", () => {
    const now = 1_800_000_000_000 + 30_000
    const w = windowOf(now)
    expect(acceptsCode(secret, codeFor(secret, w), now)).toBe(true)
    expect(acceptsCode(secret, codeFor(secret, w - 1), now)).toBe(true)
    expect(acceptsCode(secret, codeFor(secret, w - 2), now)).toBe(false)
    expect(acceptsCode(secret, codeFor(secret, w + 1), now)).toBe(false)
    expect(acceptsCode(secret, '12345', now)).toBe(false)
  })

  test('when the organiser asks for the code, then it says when to refresh and until when it is accepted', () => {
    const now = 1_800_000_000_000 + 30_000
    const view = currentCode(secret, now)
    expect(view.refreshAt).toBe((windowOf(now) + 1) * 60_000)
    expect(view.validUntil).toBe(view.refreshAt + 60_000)
    expect(acceptsCode(secret, view.code, view.validUntil - 1)).toBe(true)
    expect(acceptsCode(secret, view.code, view.validUntil)).toBe(false)
  })
})

describe('questions and answers', () => {
  const questions = normaliseQuestions([
    { kind: 'choice', text: '是否需要借书', options: ['需要', '不需要'] },
    { kind: 'text', text: '想分享的书名', required: false },
  ])

  test('when questions are stored, then they are numbered q1… and required unless said otherwise', () => {
    expect(questions).toEqual([
      { questionId: 'q1', kind: 'choice', text: '是否需要借书', options: ['需要', '不需要'], required: true },
      { questionId: 'q2', kind: 'text', text: '想分享的书名', required: false },
    ])
  })

  const problem = (answers: Record<string, string>) => {
    try {
      checkAnswers(questions, answers)
    } catch (error) {
      return (error as AppError).toBody()
    }
    throw new Error('expected a refusal')
  }

  test('when answers fit the questions, then they come back trimmed with blanks dropped', () => {
    expect(checkAnswers(questions, { q1: ' 需要 ', q2: '  ' })).toEqual({ q1: '需要' })
    expect(checkAnswers(questions, { q1: '不需要', q2: '《繁花》' })).toEqual({ q1: '不需要', q2: '《繁花》' })
  })

  test('when a required question is not answered, then INPUT.INVALID names it', () => {
    expect(problem({})).toMatchObject({
      code: 'INPUT.INVALID',
      field: 'answers.q1',
      message: expect.stringContaining('是否需要借书'),
    })
  })

  test('when a choice is not one of the options, or an unknown question is answered, then it is refused', () => {
    expect(problem({ q1: '也许' })).toMatchObject({ field: 'answers.q1', message: expect.stringContaining('选项') })
    expect(problem({ q1: '需要', q3: '?' })).toMatchObject({ field: 'answers.q3' })
    expect(problem({ q1: '需要', q2: '书'.repeat(101) })).toMatchObject({
      field: 'answers.q2',
      message: expect.stringContaining('100'),
    })
    expect(problem({ q1: '需要', q2: '书\u0000名' })).toMatchObject({ field: 'answers.q2' })
  })

  test('when a question asks for an ID or phone number, then the form refuses it and names the question', () => {
    for (const text of ['身份证号', '请留下手机号', '联系电话', '您的微信号', 'Phone number', '护照号码'])
      expect(asksForSensitiveNumber(text)).toBe(true)
    for (const text of ['是否需要借书', '想分享的书名', '您参加几个人', '有什么想说的'])
      expect(asksForSensitiveNumber(text)).toBe(false)
    const result = validate(eventsContract.create.input, {
      title: '读书会',
      place: '活动室',
      startAt: shanghai(2026, 12, 5, 14),
      endAt: shanghai(2026, 12, 5, 16),
      capacity: 20,
      audience: 'neighbourhood',
      questions: [
        { kind: 'text', text: '想读的书' },
        { kind: 'text', text: '请填写身份证号' },
      ],
    })
    expect(result).toEqual({
      ok: false,
      problem: { field: 'questions.1.text', message: expect.stringContaining('第 2 个问题「请填写身份证号」') },
    })
  })
})

describe('reminder timing', () => {
  const start = shanghai(2026, 12, 5, 14)
  test('when it is more than a day before, then nothing is due', () => {
    expect(dueReminder(start, start - 25 * HOUR)).toBeNull()
  })
  test('when a day or less is left, then the 24 h reminder is due; within 2 h, only the 2 h one', () => {
    expect(dueReminder(start, start - 24 * HOUR)).toEqual({ kind: '24h', dueAt: start - 24 * HOUR })
    expect(dueReminder(start, start - 3 * HOUR)).toEqual({ kind: '24h', dueAt: start - 24 * HOUR })
    expect(dueReminder(start, start - 2 * HOUR)).toEqual({ kind: '2h', dueAt: start - 2 * HOUR })
    expect(dueReminder(start, start - 1)).toEqual({ kind: '2h', dueAt: start - 2 * HOUR })
    expect(dueReminder(start, start)).toBeNull()
  })
})

describe('the roster as CSV', () => {
  test('when a cell could be read as a formula or holds commas or quotes, then it is made harmless text', () => {
    expect(csvCell('王阿姨')).toBe('王阿姨')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(3)).toBe('3')
  })

  test('when the roster is exported, then it starts with a BOM and has a row per party with the answers', () => {
    const csv = rosterCsvText({
      eventId: 'ev_1',
      title: '读书会',
      startAt: 0,
      capacity: 2,
      questions: [{ questionId: 'q1', kind: 'text', text: '书名', required: true }],
      confirmed: [
        {
          userId: 'u1',
          nickname: '王阿姨',
          building: '金上海家园 5号楼',
          partySize: 2,
          arrival: 1,
          state: 'confirmed',
          answers: { q1: '繁花' },
          respondedAt: shanghai(2026, 12, 1, 9),
          attendedAt: shanghai(2026, 12, 5, 14),
          attendedVia: 'code',
        },
      ],
      waitlist: [
        {
          userId: 'u2',
          nickname: '赵老伯',
          partySize: 1,
          arrival: 2,
          state: 'waitlisted',
          position: 1,
          answers: {},
          respondedAt: shanghai(2026, 12, 1, 10),
        },
      ],
      confirmedPeople: 2,
      attendedParties: 1,
      attendedPeople: 2,
    })
    expect(csv.startsWith('\uFEFF状态,候补位置,报名顺序,称呼,楼组,人数,签到,签到时间,报名时间,书名\r\n')).toBe(true)
    const lines = csv.slice(1).trim().split('\r\n')
    expect(lines[1]).toBe('已确认,,1,王阿姨,金上海家园 5号楼,2,已签到,2026-12-05 14:00,2026-12-01 09:00,繁花')
    expect(lines[2]).toBe('候补,1,2,赵老伯,,1,,,2026-12-01 10:00,')
  })
})
