import http from 'node:http'
import { allowedHostsFromEnv } from '../../cloudfunctions/runtime/request-guard'
import { CHINESE } from '../support/api-expect'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

/**
 * The local runtime answers only the names it serves and only its own pages. A web page that
 * rebinds its DNS name to 127.0.0.1 reaches the server from this machine's own browser, with
 * its own name in `Host`; a reverse proxy on this machine makes every visitor look like
 * loopback. Neither may reach the demo sign-in, which hands out any identity.
 */

interface RawReply {
  status: number
  headers: http.IncomingHttpHeaders
  body: any
}

/** node:http, because fetch will not send a `Host` other than the URL's. */
function raw(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: unknown },
): Promise<RawReply> {
  const target = new URL(url)
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? (payload ? 'POST' : 'GET'),
        path: options.path,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        // The realtime stream never ends by itself: its first bytes are enough.
        const streaming = String(response.headers['content-type']).startsWith('text/event-stream')
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          if (streaming) response.destroy()
        })
        let settled = false
        const done = () => {
          if (settled) return
          settled = true
          const text = Buffer.concat(chunks).toString('utf8')
          const json = String(response.headers['content-type']).startsWith('application/json')
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: json ? JSON.parse(text) : text })
        }
        response.on('end', done)
        response.on('close', done)
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

describe('the local server answers only the names it serves', () => {
  let t: TestRuntime
  let port: number
  beforeAll(async () => {
    t = await startTestRuntime()
    port = t.runtime.port
  })
  afterAll(() => t.close())

  test('when a rebound DNS name asks for the demo sign-in as the committee, then it is refused with a Chinese reason, no token, no account', async () => {
    const before = t.dbHash()

    const reply = await raw(t.url, {
      path: '/api/dev/login',
      headers: { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` },
      body: { openid: 'demo-admin' },
    })

    expect(reply.status).toBe(421)
    expect(reply.body).toEqual({
      ok: false,
      error: { code: 'REQUEST.HOST_NOT_ALLOWED', message: expect.stringMatching(CHINESE) },
    })
    expect(JSON.stringify(reply.body)).not.toMatch(/token/)
    expect(t.dbHash()).toBe(before)
  })

  test('when a rebound name carries a stolen committee token, then the residents list is refused too', async () => {
    const admin = await t.login('demo-admin')
    const reply = await raw(t.url, {
      path: '/api/functions/account',
      headers: { host: `attacker.example:${port}`, authorization: `Bearer ${admin.token}` },
      body: { action: 'listResidents', data: {} },
    })
    expect(reply.status).toBe(421)
    expect(reply.body.error.code).toBe('REQUEST.HOST_NOT_ALLOWED')
  })

  test('when a rebound name asks for the app page itself, then it is refused as well, with the security headers all the same', async () => {
    const reply = await raw(t.url, { path: '/', headers: { host: `attacker.example:${port}` } })
    expect(reply.status).toBe(421)
    expect(reply.headers['x-frame-options']).toBe('DENY')
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'")
  })

  test.each([
    ['another port on this machine', () => `127.0.0.1:${port + 1}`],
    ['no port (port 80)', () => '127.0.0.1'],
    ['a look-alike of localhost', () => `localhost.attacker.example:${port}`],
    ['a name with a trailing dot', () => `localhost.:${port}`],
    ['userinfo smuggled into the host', () => `127.0.0.1:${port}@attacker.example`],
  ])('when Host is %s, then it is refused', async (_what, host) => {
    const reply = await raw(t.url, { path: '/api/health', headers: { host: host() } })
    expect(reply.status).toBe(421)
    expect(reply.body.error.code).toBe('REQUEST.HOST_NOT_ALLOWED')
  })

  test.each([
    ['127.0.0.1', () => `127.0.0.1:${port}`],
    ['localhost', () => `localhost:${port}`],
    ['LOCALHOST in capitals', () => `LOCALHOST:${port}`],
    ['[::1]', () => `[::1]:${port}`],
  ])('when Host is %s on the port it listens on, then it answers', async (_what, host) => {
    const reply = await raw(t.url, { path: '/api/health', headers: { host: host() } })
    expect(reply.status).toBe(200)
    expect(reply.body.ok).toBe(true)
  })
})

describe('names configured with LOUZU_ALLOWED_HOSTS', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime({ allowedHosts: allowedHostsFromEnv('louzu.example, Juweihui.lan:9000') })
  })
  afterAll(() => t.close())

  test('when Host is a configured name (without a port: as a proxy sends it, or on the listening port), then it answers; other names are still refused', async () => {
    const on = (host: string) => raw(t.url, { path: '/api/health', headers: { host } }).then((r) => r.status)
    expect(await on('louzu.example')).toBe(200)
    expect(await on(`louzu.example:${t.runtime.port}`)).toBe(200)
    expect(await on('juweihui.lan:9000')).toBe(200)
    expect(await on(`127.0.0.1:${t.runtime.port}`)).toBe(200)
    expect(await on('louzu.example:9999')).toBe(421)
    expect(await on('juweihui.lan')).toBe(421)
    expect(await on(`attacker.example:${t.runtime.port}`)).toBe(421)
  })

  test('when the setting is read, then entries are trimmed and lower-cased, empty ones dropped, and a malformed one is named', () => {
    expect(allowedHostsFromEnv(undefined)).toEqual([])
    expect(allowedHostsFromEnv(' A.example ,, b.example:8080 ,[FE80::1]:80')).toEqual([
      'a.example',
      'b.example:8080',
      '[fe80::1]:80',
    ])
    expect(() => allowedHostsFromEnv('good.example,http://bad.example/')).toThrow(
      /LOUZU_ALLOWED_HOSTS.*http:\/\/bad\.example\//,
    )
    expect(() => allowedHostsFromEnv('bad.example:99999')).toThrow(/LOUZU_ALLOWED_HOSTS/)
  })
})

describe('a request that came through a proxy is from elsewhere', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime()
  })
  afterAll(() => t.close())

  test.each([
    ['X-Forwarded-For', { 'x-forwarded-for': '127.0.0.1' }],
    ['Forwarded', { forwarded: 'for=127.0.0.1;proto=http' }],
    ['X-Forwarded-Host', { 'x-forwarded-host': 'localhost' }],
    ['X-Forwarded-Proto', { 'x-forwarded-proto': 'https' }],
    ['X-Real-IP', { 'x-real-ip': '127.0.0.1' }],
  ])(
    'when the demo sign-in request carries %s, then it is refused as remote and no account is made',
    async (_what, headers) => {
      const before = t.dbHash()
      const reply = await raw(t.url, { path: '/api/dev/login', headers, body: { openid: 'demo-admin' } })
      expect(reply.status).toBe(403)
      expect(reply.body).toEqual({
        ok: false,
        error: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('演示登录只对本机开放') },
      })
      expect(t.dbHash()).toBe(before)
    },
  )

  test('when an ordinary call comes through a proxy with a token, then it still works (only the sign-in is for this machine)', async () => {
    const resident = await t.login('demo-resident-5')
    const reply = await raw(t.url, {
      path: '/api/functions/account',
      headers: { 'x-forwarded-for': '10.0.0.8', authorization: `Bearer ${resident.token}` },
      body: { action: 'me' },
    })
    expect(reply.status).toBe(200)
  })
})

describe('browsers may call /api/* only from the app’s own pages', () => {
  let t: TestRuntime
  let origin: string
  let host: string
  beforeAll(async () => {
    t = await startTestRuntime()
    origin = t.url
    host = new URL(t.url).host
  })
  afterAll(() => t.close())

  test.each([
    ['another site (Origin)', () => ({ origin: 'https://attacker.example' })],
    ['another port on this machine (Origin)', () => ({ origin: `http://127.0.0.1:${t.runtime.port + 1}` })],
    ['localhost while the page is on 127.0.0.1 (Origin)', () => ({ origin: `http://localhost:${t.runtime.port}` })],
    ['a sandboxed frame or a file (Origin: null)', () => ({ origin: 'null' })],
    ['another site (Sec-Fetch-Site: cross-site, no Origin)', () => ({ 'sec-fetch-site': 'cross-site' })],
    [
      'a sibling of the same site (Sec-Fetch-Site: same-site)',
      () => ({ 'sec-fetch-site': 'same-site', origin: `http://127.0.0.1:${t.runtime.port}` }),
    ],
  ])(
    'when a POST to the account function comes from %s, then it is refused and nothing changes',
    async (_what, headers) => {
      const admin = await t.login('demo-admin')
      const before = t.dbHash()
      const reply = await raw(t.url, {
        path: '/api/functions/account',
        headers: { host, authorization: `Bearer ${admin.token}`, ...headers() },
        body: { action: 'updateProfile', data: { nickname: '被人改了' } },
      })
      expect(reply.status).toBe(403)
      expect(reply.body).toEqual({
        ok: false,
        error: { code: 'REQUEST.CROSS_ORIGIN', message: expect.stringMatching(CHINESE) },
      })
      expect(t.dbHash()).toBe(before)
    },
  )

  test('when another site asks for the demo sign-in from this machine’s browser, then it is refused and no account is made', async () => {
    const before = t.dbHash()
    const reply = await raw(t.url, {
      path: '/api/dev/login',
      headers: { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' },
      body: { openid: 'demo-admin' },
    })
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('REQUEST.CROSS_ORIGIN')
    expect(t.dbHash()).toBe(before)
  })

  test('when another site opens the realtime stream with a token in its URL, then it is refused', async () => {
    const resident = await t.login('demo-resident-5')
    const reply = await raw(t.url, {
      path: `/api/realtime?topics=group:bg-jsh-5&token=${resident.token}`,
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' },
    })
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('REQUEST.CROSS_ORIGIN')
  })

  test('when the app’s own page calls (same origin, as a browser marks it), then the sign-in and the call work', async () => {
    const sameOrigin = { origin, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }
    const login = await raw(t.url, { path: '/api/dev/login', headers: sameOrigin, body: { openid: 'demo-resident-5' } })
    expect(login.status).toBe(200)
    const me = await raw(t.url, {
      path: '/api/functions/account',
      headers: { ...sameOrigin, authorization: `Bearer ${login.body.data.token}` },
      body: { action: 'me' },
    })
    expect(me.status).toBe(200)
    expect(me.body.ok).toBe(true)
  })

  test('when the app’s realtime stream opens from its own page, then it streams', async () => {
    const resident = await t.login('demo-resident-5')
    const reply = await raw(t.url, {
      path: `/api/realtime?topics=group:bg-jsh-5&token=${resident.token}`,
      headers: { 'sec-fetch-site': 'same-origin' },
    })
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toMatch(/text\/event-stream/)
  })

  test('when a person opens an /api address directly (Sec-Fetch-Site: none), or a tool calls without browser headers, then it answers', async () => {
    expect((await raw(t.url, { path: '/api/health', headers: { 'sec-fetch-site': 'none' } })).status).toBe(200)
    expect((await raw(t.url, { path: '/api/health' })).status).toBe(200)
  })

  test('when another site links to the app page itself, then the page loads (only /api/* is guarded)', async () => {
    const reply = await raw(t.url, { path: '/', headers: { 'sec-fetch-site': 'cross-site' } })
    expect(reply.status).toBe(200)
  })
})
