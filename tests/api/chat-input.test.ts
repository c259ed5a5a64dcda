import { CHINESE, errorOf, expectError, expectUnchanged } from '../support/api-expect'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Bad input for every chat action: 400 INPUT.INVALID naming the field, a Chinese message, and not
 * one stored document changed. The caller is the committee, who may call every action on every
 * group, so only the input can be at fault.
 */

const long = (n: number, ch = 'a') => ch.repeat(n)
const G = 'bg-jsh-5'
const M = 'bg-jsh-5:u_someone:client-0001'
const send = { groupId: G, clientId: 'client-0001', text: '你好' }

type Case = [action: string, what: string, field: string, data: unknown]

const CASES: Case[] = [
  ['listGroups', 'an unknown field', 'groupId', { groupId: G }],
  ['listGroups', 'data that is not an object', '', 'x'],

  ['send', 'no groupId', 'groupId', { clientId: 'client-0001', text: '你好' }],
  ['send', 'no clientId', 'clientId', { groupId: G, text: '你好' }],
  ['send', 'no text', 'text', { groupId: G, clientId: 'client-0001' }],
  ['send', 'a groupId of the wrong type', 'groupId', { ...send, groupId: 5 }],
  ['send', 'a groupId with a slash', 'groupId', { ...send, groupId: 'bg/jsh-5' }],
  ['send', 'a clientId shorter than 8', 'clientId', { ...send, clientId: 'abc' }],
  ['send', 'a clientId over 64 characters', 'clientId', { ...send, clientId: long(65) }],
  ['send', 'a clientId with a colon', 'clientId', { ...send, clientId: 'client:0001' }],
  ['send', 'blank text', 'text', { ...send, text: '   \n  ' }],
  ['send', 'text of the wrong type', 'text', { ...send, text: ['你好'] }],
  ['send', 'text over 1,000 characters', 'text', { ...send, text: long(1001, '好') }],
  ['send', 'text of 1,001 emoji', 'text', { ...send, text: long(1001, '😀') }],
  ['send', 'text with a NUL', 'text', { ...send, text: '你\u0000好' }],
  ['send', 'text with a bidi override', 'text', { ...send, text: '你\u202E好' }],
  ['send', 'text with a lone surrogate', 'text', { ...send, text: '你\uD83D好' }],
  ['send', 'a replyTo that is not a message id', 'replyTo', { ...send, replyTo: 'm_1' }],
  ['send', 'mentions that are not a list', 'mentions', { ...send, mentions: 'u_1' }],
  ['send', 'a mention that is not an id', 'mentions.0', { ...send, mentions: ['王 阿姨'] }],
  ['send', 'more than 20 mentions', 'mentions', { ...send, mentions: Array.from({ length: 21 }, (_, i) => `u_${i}`) }],
  ['send', 'an unknown field', 'senderId', { ...send, senderId: 'u_1' }],

  ['history', 'no groupId', 'groupId', {}],
  ['history', 'before of the wrong type', 'before', { groupId: G, before: '10' }],
  ['history', 'before of zero', 'before', { groupId: G, before: 0 }],
  ['history', 'before that is not whole', 'before', { groupId: G, before: 1.5 }],
  ['history', 'a limit over 50', 'limit', { groupId: G, limit: 51 }],
  ['history', 'a limit of 0', 'limit', { groupId: G, limit: 0 }],
  ['history', 'both before and after', 'after', { groupId: G, before: 5, after: 3 }],
  ['history', 'a negative after', 'after', { groupId: G, after: -1 }],
  ['history', 'an unknown field', 'since', { groupId: G, since: 3 }],

  ['updates', 'no since', 'since', { groupId: G }],
  ['updates', 'a negative since', 'since', { groupId: G, since: -1 }],
  ['updates', 'since of the wrong type', 'since', { groupId: G, since: 'latest' }],
  ['updates', 'a limit over 200', 'limit', { groupId: G, since: 0, limit: 201 }],
  ['updates', 'an unknown field', 'before', { groupId: G, since: 0, before: 4 }],

  ['recall', 'no messageId', 'messageId', {}],
  ['recall', 'a messageId without its parts', 'messageId', { messageId: 'bg-jsh-5' }],
  ['recall', 'a messageId with a short clientId', 'messageId', { messageId: 'bg-jsh-5:u_1:abc' }],
  ['recall', 'a messageId of the wrong type', 'messageId', { messageId: 7 }],
  ['recall', 'an unknown field', 'reason', { messageId: M, reason: '发错了' }],

  ['markRead', 'no upTo', 'upTo', { groupId: G }],
  ['markRead', 'a negative upTo', 'upTo', { groupId: G, upTo: -3 }],
  ['markRead', 'upTo of the wrong type', 'upTo', { groupId: G, upTo: '12' }],
  ['markRead', 'no groupId', 'groupId', { upTo: 3 }],
  ['markRead', 'an unknown field', 'all', { groupId: G, upTo: 3, all: true }],

  ['report', 'no reason', 'reason', { messageId: M }],
  ['report', 'a blank reason', 'reason', { messageId: M, reason: '  ' }],
  ['report', 'a reason over 100 characters', 'reason', { messageId: M, reason: long(101, '坏') }],
  ['report', 'a reason with a line break', 'reason', { messageId: M, reason: '广告\n推销' }],
  ['report', 'a messageId that is not one', 'messageId', { messageId: '../../etc', reason: '其他' }],
  ['report', 'an unknown field', 'anonymous', { messageId: M, reason: '其他', anonymous: true }],

  ['listReports', 'a status that cannot be listed', 'status', { status: 'hidden' }],
  ['listReports', 'a groupId of the wrong type', 'groupId', { groupId: ['bg-jsh-5'] }],
  ['listReports', 'an unknown field', 'limit', { limit: 5 }],

  ['resolveReport', 'no decision', 'decision', { reportId: M }],
  ['resolveReport', 'a decision that is not hide or keep', 'decision', { reportId: M, decision: 'delete' }],
  ['resolveReport', 'no reportId', 'reportId', { decision: 'hide' }],
  ['resolveReport', 'a reportId that is not a message id', 'reportId', { reportId: 'r_1', decision: 'hide' }],
  ['resolveReport', 'an unknown field', 'note', { reportId: M, decision: 'hide', note: '处理了' }],

  ['mute', 'no minutes', 'minutes', { groupId: G, userId: 'u_1' }],
  ['mute', 'zero minutes', 'minutes', { groupId: G, userId: 'u_1', minutes: 0 }],
  ['mute', 'more than 7 days', 'minutes', { groupId: G, userId: 'u_1', minutes: 7 * 24 * 60 + 1 }],
  ['mute', 'fractional minutes', 'minutes', { groupId: G, userId: 'u_1', minutes: 2.5 }],
  ['mute', 'minutes as text', 'minutes', { groupId: G, userId: 'u_1', minutes: '10' }],
  ['mute', 'no userId', 'userId', { groupId: G, minutes: 10 }],
  ['mute', 'an unknown field', 'reason', { groupId: G, userId: 'u_1', minutes: 10, reason: '刷屏' }],

  ['unmute', 'no userId', 'userId', { groupId: G }],
  ['unmute', 'a userId over 64 characters', 'userId', { groupId: G, userId: long(65) }],
  ['unmute', 'an unknown field', 'minutes', { groupId: G, userId: 'u_1', minutes: 1 }],

  ['listMembers', 'no groupId', 'groupId', {}],
  ['listMembers', 'an unknown field', 'role', { groupId: G, role: 'leader' }],
]

describe('chat: invalid input', () => {
  let t: TestRuntime
  let admin: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  test.each(CASES)('%s with %s → INPUT.INVALID on "%s", nothing changed', async (action, _what, field, data) => {
    const result = await expectUnchanged(t, () => admin.call('chat', action, data))
    expectError(result, 400, 'INPUT.INVALID', field)
  })

  test('when a field is missing, then the message names it in Chinese', async () => {
    const error = errorOf(await admin.call('chat', 'send', { groupId: G, clientId: 'client-0001' }))
    expect(error.message).toBe('内容：必须填写')
    expect(error.message).toMatch(CHINESE)
  })

  test('when the action does not exist, then 404 NOT_FOUND.ACTION', async () => {
    expectError(await admin.call('chat', 'deleteGroup', { groupId: G }), 404, 'NOT_FOUND.ACTION')
  })
})
