import { eventsContract } from '../../contracts'
import { CHINESE, errorOf, expectError, expectUnchanged } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { createEvent, eventInput, HOUR } from '../support/events'
import { ApiClient, startTestRuntime, type TestRuntime } from '../support/runtime'
import { entryOf } from '../support/lists'

/**
 * Bad input for every events action: 400, INPUT.INVALID naming the field, a Chinese message,
 * and not one stored document changed. The caller is the committee, who may call every action,
 * so only the input can be at fault. Then: every action without a usable identity is 401.
 */

const long = (n: number, ch = '字') => ch.repeat(n)
const clock = new TestClock()
const now = clock.now()
const ok = eventInput(now)
const start = ok.startAt as number

type Case = [action: string, what: string, field: string, data: unknown]

const EDITABLE_CASES = (action: 'create' | 'update', base: Record<string, unknown>): Case[] => [
  [action, 'no title', 'title', { ...base, title: undefined }],
  [action, 'a blank title', 'title', { ...base, title: '   ' }],
  [action, 'a title over 30 characters', 'title', { ...base, title: long(31) }],
  [action, 'a title with a line break', 'title', { ...base, title: '读书\n会' }],
  [action, 'a title of the wrong type', 'title', { ...base, title: 42 }],
  [action, 'a description over 1,000 characters', 'description', { ...base, description: long(1001) }],
  [action, 'no place', 'place', { ...base, place: undefined }],
  [action, 'a place over 40 characters', 'place', { ...base, place: long(41) }],
  [action, 'no start', 'startAt', { ...base, startAt: undefined }],
  [action, 'a start as text', 'startAt', { ...base, startAt: '明天下午' }],
  [action, 'a start that is not a whole millisecond', 'startAt', { ...base, startAt: start + 0.5 }],
  [action, 'a start in the year 2200', 'startAt', { ...base, startAt: Date.UTC(2200, 0, 1) }],
  [action, 'an end before the start', 'endAt', { ...base, endAt: start - HOUR }],
  [action, 'an end equal to the start', 'endAt', { ...base, endAt: start }],
  [action, 'an event longer than a day', 'endAt', { ...base, endAt: start + 25 * HOUR }],
  [action, 'no capacity (null is unlimited, absent is a mistake)', 'capacity', { ...base, capacity: undefined }],
  [action, 'a capacity of 0', 'capacity', { ...base, capacity: 0 }],
  [action, 'a capacity over 500', 'capacity', { ...base, capacity: 501 }],
  [action, 'a capacity of 2.5', 'capacity', { ...base, capacity: 2.5 }],
  [action, 'a capacity as text', 'capacity', { ...base, capacity: '20' }],
  [action, 'a signup deadline after the start', 'signupDeadline', { ...base, signupDeadline: start + HOUR }],
  [
    action,
    'six questions',
    'questions',
    { ...base, questions: Array.from({ length: 6 }, (_, i) => ({ kind: 'text', text: `问题${i}` })) },
  ],
  [
    action,
    'a question of an unknown kind',
    'questions.0.kind',
    { ...base, questions: [{ kind: 'essay', text: '写点什么' }] },
  ],
  [
    action,
    'a question over 40 characters',
    'questions.0.text',
    { ...base, questions: [{ kind: 'text', text: long(41) }] },
  ],
  [
    action,
    'a choice with one option',
    'questions.0.options',
    { ...base, questions: [{ kind: 'choice', text: '选', options: ['好'] }] },
  ],
  [
    action,
    'a choice with seven options',
    'questions.0.options',
    { ...base, questions: [{ kind: 'choice', text: '选', options: ['1', '2', '3', '4', '5', '6', '7'] }] },
  ],
  [
    action,
    'a choice with the same option twice',
    'questions.0.options',
    { ...base, questions: [{ kind: 'choice', text: '选', options: ['好', '好'] }] },
  ],
  [
    action,
    'a text question with options',
    'questions.0.options',
    { ...base, questions: [{ kind: 'text', text: '写', options: ['a', 'b'] }] },
  ],
  [
    action,
    'a question asking for the ID card number',
    'questions.0.text',
    { ...base, questions: [{ kind: 'text', text: '身份证号' }] },
  ],
  [
    action,
    'a question asking for the mobile number',
    'questions.1.text',
    {
      ...base,
      questions: [
        { kind: 'text', text: '书名' },
        { kind: 'text', text: '手机号' },
      ],
    },
  ],
  [
    action,
    'a question with an unknown field',
    'questions.0.hint',
    { ...base, questions: [{ kind: 'text', text: '书名', hint: 'x' }] },
  ],
  [action, 'an unknown field', 'organiserId', { ...base, organiserId: 'u_x' }],
]

const CASES: Case[] = [
  ['ping', 'an unknown field', 'userId', { userId: 'u_1' }],
  ['ping', 'contentCheck as a string', 'contentCheck', { contentCheck: 'yes' }],
  ['ping', 'an openid with spaces', 'openid', { openid: 'o 1' }],
  ...EDITABLE_CASES('create', ok),
  ['create', 'no audience', 'audience', { ...ok, audience: undefined }],
  ['create', 'an audience that is none of the three', 'audience', { ...ok, audience: 'everyone' }],
  [
    'create',
    'an audience with both a building and a group',
    'audience.groupId',
    { ...ok, audience: { buildingId: 'jsh-5', groupId: 'g' } },
  ],
  ['create', 'a recurrence of 13 sessions', 'recurrence.count', { ...ok, recurrence: { every: 'week', count: 13 } }],
  ['create', 'a recurrence of 0 sessions', 'recurrence.count', { ...ok, recurrence: { every: 'week', count: 0 } }],
  ['create', 'a recurrence every day', 'recurrence.every', { ...ok, recurrence: { every: 'day', count: 3 } }],
  [
    'create',
    'a start already past (checked by the server)',
    'startAt',
    { ...ok, startAt: now - HOUR, endAt: now + HOUR },
  ],
  ['create', 'a signup deadline already past', 'signupDeadline', { ...ok, signupDeadline: now - 1 }],

  ...EDITABLE_CASES('update', { ...ok, audience: undefined, eventId: 'EVENT' }),
  ['update', 'no eventId', 'eventId', { ...ok, audience: undefined }],
  ['update', 'an audience (it cannot change)', 'audience', { ...ok, eventId: 'EVENT' }],

  ['list', 'a from as text', 'from', { from: 'today' }],
  ['list', 'an audience filter that does not exist', 'audience', { audience: 'mine' }],
  ['list', 'a to before the from (checked by the server)', 'to', { from: now + HOUR, to: now }],
  ['list', 'an unknown field', 'limit', { limit: 5 }],

  ['get', 'no eventId', 'eventId', {}],
  ['get', 'an eventId with a slash', 'eventId', { eventId: 'ev/../x' }],
  ['get', 'an eventId over 64 characters', 'eventId', { eventId: long(65, 'e') }],

  ['rsvp', 'no eventId', 'eventId', {}],
  ['rsvp', 'a party of 0', 'partySize', { eventId: 'EVENT', partySize: 0 }],
  ['rsvp', 'a party of 4', 'partySize', { eventId: 'EVENT', partySize: 4 }],
  ['rsvp', 'a party of 1.5', 'partySize', { eventId: 'EVENT', partySize: 1.5 }],
  ['rsvp', 'a party as text', 'partySize', { eventId: 'EVENT', partySize: '2' }],
  ['rsvp', 'answers that are a list', 'answers', { eventId: 'EVENT', answers: ['需要'] }],
  ['rsvp', 'an answer that is a number', 'answers.q1', { eventId: 'EVENT', answers: { q1: 3 } }],
  [
    'rsvp',
    'an answer to a question the event does not have (checked by the server)',
    'answers.q3',
    { eventId: 'EVENT', answers: { q3: '好' } },
  ],
  [
    'rsvp',
    'an answer over 100 characters (checked by the server)',
    'answers.q1',
    { eventId: 'EVENT', answers: { q1: long(101) } },
  ],
  ['rsvp', 'an unknown field', 'userId', { eventId: 'EVENT', userId: 'u_other' }],

  ['cancelRsvp', 'no eventId', 'eventId', {}],
  ['cancelRsvp', 'an unknown field', 'userId', { eventId: 'EVENT', userId: 'u_other' }],

  ['checkIn', 'no code', 'code', { eventId: 'EVENT' }],
  ['checkIn', 'a code of 5 digits', 'code', { eventId: 'EVENT', code: '12345' }],
  ['checkIn', 'a code with letters', 'code', { eventId: 'EVENT', code: '12a456' }],
  ['checkIn', 'a code as a number', 'code', { eventId: 'EVENT', code: 123456 }],
  ['checkIn', 'an unknown field', 'at', { eventId: 'EVENT', code: '123456', at: now }],

  ['checkInCode', 'no eventId', 'eventId', {}],
  ['checkInCode', 'an unknown field', 'window', { eventId: 'EVENT', window: 1 }],

  ['markAttendance', 'no userId', 'userId', { eventId: 'EVENT', attended: true }],
  ['markAttendance', 'attended as text', 'attended', { eventId: 'EVENT', userId: 'u_1', attended: 'yes' }],
  ['markAttendance', 'no attended', 'attended', { eventId: 'EVENT', userId: 'u_1' }],

  ['roster', 'no eventId', 'eventId', {}],
  ['roster', 'an eventId of the wrong type', 'eventId', { eventId: 7 }],
  ['rosterCsv', 'no eventId', 'eventId', {}],
  ['rosterCsv', 'an unknown field', 'format', { eventId: 'EVENT', format: 'xlsx' }],

  ['cancelEvent', 'no reason', 'reason', { eventId: 'EVENT' }],
  ['cancelEvent', 'a blank reason', 'reason', { eventId: 'EVENT', reason: '  ' }],
  ['cancelEvent', 'a reason over 100 characters', 'reason', { eventId: 'EVENT', reason: long(101) }],
  ['cancelEvent', 'wholeSeries as text', 'wholeSeries', { eventId: 'EVENT', reason: '下雨', wholeSeries: 'yes' }],

  ['mine', 'an unknown field', 'userId', { userId: 'u_other' }],
  ['audiences', 'an unknown field', 'buildingId', { buildingId: 'jsh-5' }],
]

/** One valid call per action, for the no-identity checks. */
const VALID: Record<string, (eventId: string) => unknown> = {
  ping: () => ({}),
  create: () => ok,
  update: (eventId) => ({ ...ok, audience: undefined, eventId }),
  list: () => ({}),
  get: (eventId) => ({ eventId }),
  rsvp: (eventId) => ({ eventId }),
  cancelRsvp: (eventId) => ({ eventId }),
  checkIn: (eventId) => ({ eventId, code: '123456' }),
  checkInCode: (eventId) => ({ eventId }),
  markAttendance: (eventId) => ({ eventId, userId: 'u_1', attended: true }),
  roster: (eventId) => ({ eventId }),
  rosterCsv: (eventId) => ({ eventId }),
  cancelEvent: (eventId) => ({ eventId, reason: '下雨' }),
  mine: () => ({}),
  audiences: () => ({}),
}

describe('events: bad input and missing identity', () => {
  let t: TestRuntime
  let admin: ApiClient
  let eventId: string
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    eventId = (await createEvent(admin, { ...ok, questions: [{ kind: 'text', text: '想说的话', required: false }] }))
      .eventId
  })
  afterAll(() => t.close())

  const withEvent = (data: unknown): unknown =>
    JSON.parse(JSON.stringify(data).replace(/"EVENT"/g, JSON.stringify(eventId)))

  test('every action has a valid call and bad-input cases here', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(eventsContract).sort())
    for (const action of Object.keys(eventsContract)) expect(CASES.some(([a]) => a === action)).toBe(true)
  })

  test.each(CASES)('%s with %s → INPUT.INVALID on %s, nothing changed', async (action, _what, field, data) => {
    const result = await expectUnchanged(t, () => admin.call('events', action, withEvent(data)))
    const error = expectError(result, 400, 'INPUT.INVALID', field)
    expect(error.message).toMatch(CHINESE)
    if (process.env.SHOW_MESSAGES) process.stdout.write(`${action} ${field}: ${error.message}\n`)
  })

  // `ping` answers without a sign-in (contracts/ping.ts; the authorisation matrix covers it).
  const SIGNED_IN_ONLY = Object.keys(VALID).filter((action) => action !== 'ping')

  test.each(SIGNED_IN_ONLY)('%s without a token → 401 AUTH.UNAUTHENTICATED, nothing changed', async (action) => {
    const result = await expectUnchanged(t, () => t.anonymous.call('events', action, entryOf(VALID, action)(eventId)))
    expectError(result, 401, 'AUTH.UNAUTHENTICATED')
  })

  test.each(SIGNED_IN_ONLY)('%s with a forged token → 401, nothing changed', async (action) => {
    const forged = new ApiClient(t.url, 'not-a-real-token')
    const result = await expectUnchanged(t, () => forged.call('events', action, entryOf(VALID, action)(eventId)))
    expect(errorOf(result).code).toBe('AUTH.UNAUTHENTICATED')
  })
})
