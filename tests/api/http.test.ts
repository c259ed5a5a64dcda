import * as z from 'zod'
import { action, noInput } from '../../contracts'
import type { Logger } from '../../cloudfunctions/core/shared/ports'
import { signedIn } from '../../cloudfunctions/core/shared/policy'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { createLocalServer } from '../../cloudfunctions/runtime/local-server'
import { MemoryRateLimiter } from '../../cloudfunctions/runtime/rate-limiter'
import { defineFunction } from '../../cloudfunctions/runtime/route'
import { createRouter } from '../../cloudfunctions/runtime/router'
import { CHINESE, expectError, expectUnchanged, userIdOf } from '../support/api-expect'
import { ApiClient, startTestRuntime, type TestRuntime } from '../support/runtime'

async function rawPost(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) }
}

describe('HTTP: the local runtime as a client meets it', () => {
  let t: TestRuntime
  let resident: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    resident = await t.login('demo-resident-5')
  })
  afterAll(() => t.close())

  const fnUrl = (name = 'account') => `${t.url}/api/functions/${name}`
  const auth = () => ({ authorization: `Bearer ${resident.token}` })

  test('when the body is over 100 KB, then 413 PAYLOAD.TOO_LARGE in the envelope and nothing changes', async () => {
    const body = JSON.stringify({
      action: 'updateProfile',
      data: { nickname: '王阿姨', avatarUrl: `https://example.com/${'a'.repeat(110 * 1024)}` },
    })
    const result = await expectUnchanged(t, () => rawPost(fnUrl(), body, auth()))
    expect(result.status).toBe(413)
    expect(result.body).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.TOO_LARGE', message: expect.stringMatching(CHINESE) },
    })
  })

  test('when the body is just under 100 KB, then it is read and judged on its content', async () => {
    const body = JSON.stringify({ action: 'updateProfile', data: { nickname: 'x'.repeat(99 * 1024) } })
    const result = await rawPost(fnUrl(), body, auth())
    expect(result.status).toBe(400)
    expect(result.body.error).toMatchObject({ code: 'INPUT.INVALID', field: 'nickname' })
  })

  test.each([
    ['truncated JSON', '{"action":'],
    ['a bare word', 'hello'],
    ['an empty body', ''],
  ])('when the body is %s, then 400 INPUT.INVALID in the envelope', async (_what, body) => {
    const result = await expectUnchanged(t, () => rawPost(fnUrl(), body, auth()))
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', message: expect.stringMatching(CHINESE) },
    })
  })

  test('when the body is not JSON at all, then 400 INPUT.INVALID', async () => {
    const result = await rawPost(fnUrl(), 'action=me', {
      ...auth(),
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(result.status).toBe(400)
    expect(result.body.error.code).toBe('INPUT.INVALID')
  })

  test.each([
    ['at the top', '{"action":"me","__proto__":{"admin":true}}'],
    ['inside data', '{"action":"updateProfile","data":{"nickname":"王阿姨","__proto__":{"roles":["admin"]}}}'],
    [
      'as constructor.prototype',
      '{"action":"updateProfile","data":{"nickname":"王阿姨","constructor":{"prototype":{"admin":true}}}}',
    ],
  ])('when a __proto__ key arrives %s, then 400 and nothing changes', async (_where, body) => {
    const result = await expectUnchanged(t, () => rawPost(fnUrl(), body, auth()))
    expect(result.status).toBe(400)
    expect(result.body.error.code).toBe('INPUT.INVALID')
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  test('when the action does not exist, then 404 NOT_FOUND.ACTION', async () => {
    expectError(await resident.call('account', 'nope'), 404, 'NOT_FOUND.ACTION')
  })

  test.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])(
    'when the action is the inherited name %s, then 404 NOT_FOUND.ACTION',
    async (name) => {
      expectError(await resident.call('account', name), 404, 'NOT_FOUND.ACTION')
    },
  )

  test('when the function does not exist, then 404 NOT_FOUND.FUNCTION', async () => {
    expectError(await resident.call('nope', 'me'), 404, 'NOT_FOUND.FUNCTION')
  })

  test('when an API path does not exist, then 404 NOT_FOUND in the envelope', async () => {
    const response = await fetch(`${t.url}/api/nothing-here`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  test.each([
    ['no action', { data: {} }, 'action'],
    ['an action that is not a string', { action: 5 }, 'action'],
    ['a field beside action and data', { action: 'me', userId: 'u_1' }, 'userId'],
  ])('when the call has %s, then 400 INPUT.INVALID names it', async (_what, body, field) => {
    expectError(await resident.post('/api/functions/account', body), 400, 'INPUT.INVALID', field)
  })

  test.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a number', '42'],
  ])('when the body is %s, then 400 INPUT.INVALID', async (_what, body) => {
    const result = await rawPost(fnUrl(), body, auth())
    expect(result.status).toBe(400)
    expect(result.body.error.code).toBe('INPUT.INVALID')
  })

  test('when any API call is answered, the realtime stream included, then the security headers are present and nothing is cached', async () => {
    const stream = new AbortController()
    for (const response of [
      await fetch(fnUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth() },
        body: '{"action":"me"}',
      }),
      await fetch(fnUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"me"}',
      }),
      await fetch(`${t.url}/api/nothing-here`),
      await fetch(`${t.url}/api/realtime?topics=group:bg-jsh-5`, { headers: auth(), signal: stream.signal }),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(response.headers.get('permissions-policy')).toContain('camera=()')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('content-type')).toMatch(/application\/json|text\/event-stream/)
    }
    stream.abort()
  })

  test('when a page is served, then it has a content security policy that forbids framing and plugins', async () => {
    const response = await fetch(`${t.url}/`)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  test('when a page is served over plain HTTP, then nothing tells the browser to switch to HTTPS, so a phone on the LAN can open it', async () => {
    const response = await fetch(`${t.url}/`)
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests')
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  test('when a call succeeds, then it is 200 with { ok: true, data }', async () => {
    const response = await rawPost(fnUrl(), '{"action":"me"}', auth())
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ ok: true, data: { nickname: '王阿姨' } })
  })
})

describe('HTTP: an unexpected failure inside a use case', () => {
  let t: TestRuntime
  const logged: Array<Record<string, unknown>> = []
  let server: ReturnType<typeof createLocalServer>
  let baseUrl: string
  beforeAll(async () => {
    t = await startTestRuntime()
    const log: Logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (fields, msg) => logged.push({ ...fields, msg }),
    }
    const deps = { ...t.runtime.deps, log }
    const boom = defineFunction(
      'boom',
      { explode: action<never>()(noInput), reject: action<never>()(z.strictObject({})) },
      {
        explode: {
          kind: 'read',
          policy: signedIn,
          run: async () => {
            throw new Error('database password is hunter2 at /srv/secret.ts:12')
          },
        },
        reject: {
          kind: 'read',
          policy: signedIn,
          run: () => Promise.reject('a string, not an Error'),
        },
      },
    )
    const router = createRouter({
      deps,
      functions: [...ALL_FUNCTIONS, boom as never],
      rateLimiter: new MemoryRateLimiter(),
    })
    server = createLocalServer({ router, deps, tokens: t.runtime.tokens })
    await server.listen({ host: '127.0.0.1', port: 0 })
    const address = server.server.address()
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await server.close()
    await t.close()
  })

  test.each(['explode', 'reject'])(
    'when the use case fails (%s), then 500 INTERNAL with a request id, no stack, and the details only in the log',
    async (name) => {
      const resident = await t.login('demo-resident-5')
      const client = new ApiClient(baseUrl, resident.token)
      const response = await fetch(`${baseUrl}/api/functions/boom`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
        body: JSON.stringify({ action: name }),
      })
      const text = await response.text()
      expect(response.status).toBe(500)
      const body = JSON.parse(text)
      expect(body).toEqual({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: expect.stringMatching(CHINESE),
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      })
      expect(text).not.toMatch(/hunter2|secret\.ts|at \/|Error|string, not/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      const entry = logged.find((l) => l.requestId === body.error.requestId)
      expect(entry).toMatchObject({ fn: 'boom', action: name })
      expect(String(entry?.error)).toMatch(name === 'explode' ? /hunter2/ : /string, not an Error/)
    },
  )

  test('when the failing function is called without a token, then 401 comes first and nothing runs', async () => {
    const before = logged.length
    const response = await fetch(`${baseUrl}/api/functions/boom`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"explode"}',
    })
    expect(response.status).toBe(401)
    expect(logged.length).toBe(before)
  })

  test('when the real functions are called through the same server, then they still work', async () => {
    const resident = await t.login('demo-resident-5')
    const client = new ApiClient(baseUrl, resident.token)
    expect(await userIdOf(client)).toBe(await userIdOf(resident))
  })
})
