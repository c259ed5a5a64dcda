import path from 'node:path'
import { signinCode } from '../../scripts/signin-code'
import { grantBootstrapAdmins } from '../../cloudfunctions/core/account/committee/claim'
import { expectError } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { ApiClient, startTestRuntime, type TestRuntime } from '../support/runtime'

async function printedCode(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string; signInCode: string | null }> {
  const out: string[] = []
  const err: string[] = []
  const code = await signinCode(
    args,
    env,
    (l) => out.push(l),
    (l) => err.push(l),
  )
  const text = out.join('\n')
  return { code, out: text, err: err.join('\n'), signInCode: /登录码：([\d-]+)/.exec(text)?.[1] ?? null }
}

async function signIn(t: TestRuntime, code: string) {
  return t.anonymous.post<{ token: string }>('/api/signin', { code })
}

describe('a local start without demo data (npm start -- --no-demo)', () => {
  let t: TestRuntime
  afterEach(() => t?.close())

  test('when the database starts empty for real use, then nothing is seeded, the demo sign-in and its personas are off, and the first-run status says nothing is loaded', async () => {
    t = await startTestRuntime({ seed: 'none' })
    const store = t.runtime.deps.store
    expect(await store.count('users', {})).toBe(0)
    expect(await store.count('estates', {})).toBe(0)
    const demo = await t.anonymous.post('/api/dev/login', { openid: 'demo-admin' })
    expect(demo.status).toBe(403)
    expectError(demo, 403, 'AUTH.FORBIDDEN')
    expect(await store.count('users', {})).toBe(0)
    const personas = await (await fetch(`${t.url}/api/dev/personas`)).json()
    expect(personas).toEqual({ ok: true, data: { demo: false, personas: [] } })
    expect(await t.anonymous.ok('account', 'setupStatus')).toEqual({
      neighbourhoodLoaded: false,
      committeeClaimed: false,
    })
  })

  test('when a database started for real use is started again as a demo, then it is still never seeded and the demo sign-in stays off', async () => {
    t = await startTestRuntime({ seed: 'none' })
    const dbFile = path.join(t.dir, 'louzu.db')
    await t.runtime.close()
    const again = await startTestRuntime({ dbFile, seed: 'demo' })
    try {
      expect(again.runtime.seeded).toBe(false)
      expect(again.runtime.demoSignIn).toBe(false)
      expect(await again.runtime.deps.store.count('users', {})).toBe(0)
      expect((await again.anonymous.post('/api/dev/login', { openid: 'demo-admin' })).status).toBe(403)
    } finally {
      await again.close()
    }
  })

  test('when the database holds the demo neighbourhood, then the demo sign-in is on', async () => {
    t = await startTestRuntime()
    expect(t.runtime.demoSignIn).toBe(true)
    expect((await t.anonymous.post('/api/dev/login', { openid: 'demo-admin' })).status).toBe(200)
  })
})

describe('signing in with a one-time code (npm run signin-code)', () => {
  let t: TestRuntime
  let clock: TestClock
  let env: Record<string, string | undefined>
  beforeEach(async () => {
    clock = new TestClock(Date.now())
    t = await startTestRuntime({ seed: 'none', clock })
    env = { LOUZU_DB: path.join(t.dir, 'louzu.db') }
  })
  afterEach(() => t.close())

  test('when a code is printed for a new name and typed on the login page, then that person is signed in, and the code works only once', async () => {
    const printed = await printedCode(['孙阿姨'], env)
    expect(printed.code).toBe(0)
    expect(printed.out).toContain('新账号：孙阿姨')
    expect(printed.signInCode).toMatch(/^\d{4}-\d{4}$/)
    const first = await signIn(t, printed.signInCode!)
    expect(first.status).toBe(200)
    const sun = new ApiClient(t.url, first.body.ok ? first.body.data.token : '')
    expect((await sun.ok('account', 'me')).nickname).toBe('孙阿姨')

    expectError(await signIn(t, printed.signInCode!), 401, 'AUTH.SIGNIN_CODE_INVALID')
  })

  test('when a code is printed for an existing openid or nickname, then it signs in that same account; several with one name must be told apart by openid', async () => {
    const existing = await t.login('wx-chen', '陈老师')
    const { userId } = await existing.ok('account', 'me')
    for (const who of ['wx-chen', '陈老师']) {
      const printed = await printedCode([who], env)
      const reply = await signIn(t, printed.signInCode!)
      expect(reply.body.ok && reply.body.data).toMatchObject({ userId })
    }
    await t.login('wx-chen-2', '陈老师')
    const ambiguous = await printedCode(['陈老师'], env)
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.err).toContain('wx-chen-2')
  })

  test('when three days have passed, then the code no longer signs in', async () => {
    const printed = await printedCode(['赵老伯'], env)
    clock.advance(3 * 24 * 3600_000 + 60_000)
    expectError(await signIn(t, printed.signInCode!), 401, 'AUTH.SIGNIN_CODE_INVALID')
  })

  test('when codes are guessed, then each wrong one counts in the store and after 100 in an hour even a right one waits', async () => {
    const printed = await printedCode(['钱阿姨'], env)
    for (let i = 0; i < 100; i++)
      expectError(await signIn(t, `0000${String(i).padStart(4, '0')}`), 401, 'AUTH.SIGNIN_CODE_INVALID')
    expectError(await signIn(t, printed.signInCode!), 429, 'RATE.LIMITED')
    clock.advance(3600_000)
    expect((await signIn(t, printed.signInCode!)).status).toBe(200)
  })

  test('when the committee makes a code on its page, then that person signs in with it, and the audit log says who made it for whom', async () => {
    const chenOpenid = 'wx-chen'
    await t.login(chenOpenid, '陈老师')
    await grantBootstrapAdmins(t.runtime.deps, [chenOpenid])
    const chen = await t.login(chenOpenid)
    clock.advance(60_000)
    const made = await chen.ok('account', 'createSignInCode', { who: '周先生' })
    expect(made).toMatchObject({ nickname: '周先生', created: true, code: expect.stringMatching(/^\d{4}-\d{4}$/) })
    const reply = await signIn(t, made.code)
    expect(reply.status).toBe(200)
    const zhou = new ApiClient(t.url, reply.body.ok ? reply.body.data.token : '')
    expect((await zhou.ok('account', 'me')).nickname).toBe('周先生')
    const log = await chen.ok('account', 'listAuditLog', {})
    expect(log.entries[0]).toMatchObject({ action: 'signin.codeCreated', actor: '陈老师', subject: '周先生' })
    expectError(await zhou.call('account', 'createSignInCode', { who: '周先生' }), 403, 'AUTH.FORBIDDEN')
  })

  test('when pointed at CloudBase, then it refuses: WeChat signs people in there', async () => {
    const printed = await printedCode(['孙阿姨'], { TCB_ENV_ID: 'louzu-test' })
    expect(printed.code).toBe(2)
    expect(printed.err).toContain('微信会自动登录')
  })
})
