import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { PROTOTYPE_WORDS } from '../support/fuzz'
import { SseClient } from '../support/chat'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Names that every plain JavaScript object already answers to (`constructor`, `toString`,
 * `__proto__`, …) are ordinary strings to a client. Sent as a topic kind, an id, an action or a
 * field name, each is refused like any other unknown word — never INTERNAL — and changes nothing.
 */
describe('words every object already knows, sent as input', () => {
  let t: TestRuntime
  let resident: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    resident = await t.login('demo-resident-5')
  })
  afterAll(() => t.close())

  test('when a realtime topic kind is a prototype word, then the stream is refused as an unknown kind (400), signed in or not', async () => {
    for (const kind of ['constructor', 'tostring', 'valueof', 'hasownproperty', 'prototype']) {
      for (const token of [resident.token, undefined]) {
        const refused = await SseClient.open(t.url, token, `topics=${kind}:x`)
        expect([kind, refused.status]).toEqual([kind, 400])
        expect(JSON.parse(refused.body).error).toEqual({
          code: 'INPUT.INVALID',
          message: `订阅内容：不认识 ${kind}`,
          field: 'topics',
        })
      }
    }
  })

  test('when a realtime topic id is a prototype word, then the stream is refused like any group the caller is not in', async () => {
    for (const id of PROTOTYPE_WORDS) {
      const refused = await SseClient.open(t.url, resident.token, `topics=group:${id}`)
      expect([id, refused.status, JSON.parse(refused.body).error.code]).toEqual([id, 403, 'CHAT.NOT_MEMBER'])
    }
  })

  test('when an action or a function is named with a prototype word, then it is not found, and nothing changes', async () => {
    const before = t.dbHash()
    for (const word of PROTOTYPE_WORDS) {
      for (const definition of ALL_FUNCTIONS) {
        const reply = await resident.call(definition.name, word, {})
        expect([definition.name, word, reply.status, !reply.body.ok && reply.body.error.code]).toEqual([
          definition.name,
          word,
          404,
          'NOT_FOUND.ACTION',
        ])
      }
      const unknownFunction = await resident.call(word, 'get', {})
      expect([word, unknownFunction.status, !unknownFunction.body.ok && unknownFunction.body.error.code]).toEqual([
        word,
        404,
        'NOT_FOUND.FUNCTION',
      ])
    }
    expect(t.dbHash()).toBe(before)
  })

  test('when a field named with a prototype word is sent, then the reply names that field in Chinese, and nothing changes', async () => {
    const before = t.dbHash()
    for (const word of PROTOTYPE_WORDS.filter((w) => w !== '__proto__')) {
      const reply = await resident.call('account', 'updateProfile', { nickname: '王阿姨', [word]: 'x' })
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({
        ok: false,
        error: { code: 'INPUT.INVALID', message: `不认识的字段：${word}`, field: word },
      })
    }
    expect(t.dbHash()).toBe(before)
  })
})
