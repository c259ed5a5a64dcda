import { SqliteTextSearch } from '../../cloudfunctions/adapters/sqlite/text-search'
import {
  MsgSecContentCheck,
  type MsgSecCheckParams,
} from '../../cloudfunctions/adapters/cloudbase/msgsec-content-check'
import { databaseWatchRealtime } from '../../cloudfunctions/adapters/cloudbase/watch-realtime'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { openDatabase } from '../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import type { UserDoc } from '../../cloudfunctions/core/account/account.docs'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { Deps, Logger } from '../../cloudfunctions/core/shared/ports'
import { accountFunction } from '../../cloudfunctions/functions/account/routes'
import { createCloudMain, type CloudRuntime } from '../../cloudfunctions/runtime/cloud-entry'
import { CloudbaseCapture, ejsonDoc } from '../support/cloudbase-capture'
import { TestClock } from '../support/clock'
import { unusedMediaPorts } from '../support/memory-deps'
import { at, firstOf } from '../support/lists'

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

const PLATFORM_ENV = {
  // What the CloudBase runtime sets for a call from the mini-program (see STACK-NOTES, Goal 4).
  WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
  WX_OPENID: 'o-platform',
  WX_APPID: 'wx-louzu',
  // The function's temporary keys, which the SDK signs requests with.
  TENCENTCLOUD_SECRETID: 'AKIDplatform',
  TENCENTCLOUD_SECRETKEY: 'platform-secret',
  LOUZU_LOG_LEVEL: 'silent',
}

const savedEnv = { ...process.env }
function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
})

const user = (id: string, openid: string) => ({
  _id: id,
  openid,
  nickname: '王阿姨',
  largeText: false,
  roles: [],
  membership: null,
  privacyAcceptedVersion: null,
  createdAt: 1764295200000,
})

describe('cloud main with the production composition (node-sdk → capture server)', () => {
  const capture = new CloudbaseCapture()
  let serviceUrl: string
  beforeAll(async () => {
    serviceUrl = await capture.start()
  })
  afterAll(() => capture.close())
  beforeEach(() => {
    capture.clear()
    // The users collection: finding by openid or by id answers with the account of that openid.
    capture.handle('database.getDocument', (request) => {
      const query = JSON.parse(String(request.body.query)) as { openid?: string; _id?: string }
      if (query.openid === 'o-platform' || query._id === 'u1')
        return { requestId: 'r', data: { list: [ejsonDoc(user('u1', 'o-platform'))] } }
      return { requestId: 'r', data: { list: [] } }
    })
  })

  test('when the event claims another user, then the caller is still the OPENID the platform gives', async () => {
    // Arrange
    setEnv({ ...PLATFORM_ENV, LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    // Act: older runtimes put userInfo in the event; a client could forge it — it is never read.
    const reply = await main(
      { action: 'me', userInfo: { openId: 'o-attacker', appId: 'wx-louzu' } },
      { request_id: 'req-1' },
    )
    // Assert
    expect(reply).toMatchObject({ ok: true, data: { userId: 'u1', nickname: '王阿姨' } })
    const lookups = capture.of('database.getDocument').map((r) => JSON.parse(String(r.body.query)))
    expect(lookups[0]).toEqual({ openid: 'o-platform' })
    expect(JSON.stringify(capture.requests.map((r) => r.body))).not.toContain('o-attacker')
  })

  test('when the platform gives no OPENID, then the call is unauthenticated and the database is not touched', async () => {
    setEnv({ ...PLATFORM_ENV, WX_OPENID: undefined, LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    const reply = await main({ action: 'me', userInfo: { openId: 'o-attacker' } }, { request_id: 'req-2' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } })
    expect(capture.requests).toEqual([])
  })

  test('when the OPENID is only in the invocation context, then it is read from there', async () => {
    setEnv({ ...PLATFORM_ENV, WX_OPENID: undefined, WX_CONTEXT_KEYS: undefined, LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    const context = {
      request_id: 'req-3',
      environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-platform' }),
    }
    expect(await main({ action: 'me' }, context)).toMatchObject({ ok: true, data: { userId: 'u1' } })
  })

  test('when the invocation context and the process environment disagree, then the context (this call only) wins', async () => {
    setEnv({ ...PLATFORM_ENV, WX_OPENID: 'o-earlier-call', LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    const context = {
      request_id: 'req-4',
      environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-platform' }),
    }
    expect(await main({ action: 'me' }, context)).toMatchObject({ ok: true, data: { userId: 'u1' } })
    expect(JSON.parse(String(firstOf(capture.of('database.getDocument')).body.query))).toEqual({ openid: 'o-platform' })
  })

  test('when the action is unknown or belongs to another function, then NOT_FOUND.ACTION comes back', async () => {
    setEnv({ ...PLATFORM_ENV, LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    expect(await main({ action: 'hack' }, { request_id: 'r' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND.ACTION', message: '没有这个操作' },
    })
    expect(await main({ action: 'unreadCount' }, { request_id: 'r' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND.ACTION' },
    })
  })

  test('when the event smuggles an identity field next to action and data, then the call is refused as invalid input', async () => {
    setEnv({ ...PLATFORM_ENV, LOUZU_TCB_SERVICE_URL: serviceUrl })
    const main = createCloudMain(accountFunction)
    expect(await main({ action: 'me', openid: 'o-attacker' }, { request_id: 'r' })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', field: 'openid' },
    })
  })
})

describe('cloud main with injected ports', () => {
  function runtimeWith(options: { verdict?: 'pass' | 'risky'; openid?: string } = {}) {
    const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS })
    const store = new SqliteDocumentStore(db)
    const clock = new TestClock()
    const ids = createIdGenerator(() => clock.now())
    const checks: MsgSecCheckParams[] = []
    const contentCheck = new MsgSecContentCheck({
      security: {
        async msgSecCheck(params) {
          checks.push(params)
          return {
            errCode: 0,
            result: { suggest: options.verdict ?? 'pass', label: options.verdict === 'risky' ? 20003 : 100 },
          }
        },
      },
    })
    const deps: Deps = {
      store,
      clock,
      ids,
      contentCheck,
      notifier: { notify: async () => undefined },
      realtime: databaseWatchRealtime,
      search: new SqliteTextSearch(store),
      log: silent,
      media: unusedMediaPorts,
    }
    const runtime: CloudRuntime = { deps, identify: () => ({ openid: options.openid ?? 'o-neighbour' }) }
    return { runtime, store, checks, close: () => db.close() }
  }

  test('when a profile is updated, then the nickname goes through msgSecCheck (scene 1) with the platform openid', async () => {
    // Arrange
    const { runtime, store, checks, close } = runtimeWith()
    const main = createCloudMain(accountFunction, { createRuntime: () => runtime })
    // Act
    const reply = await main({ action: 'updateProfile', data: { nickname: '楼下李阿姨' } }, { request_id: 'r1' })
    // Assert
    expect(reply).toMatchObject({ ok: true, data: { nickname: '楼下李阿姨' } })
    expect(checks).toEqual([{ version: 2, scene: 1, openid: 'o-neighbour', content: '楼下李阿姨' }])
    const stored = firstOf(await store.find<UserDoc>('users', { openid: 'o-neighbour' }))
    expect(stored.nickname).toBe('楼下李阿姨')
    close()
  })

  test('when msgSecCheck refuses the nickname, then CONTENT.REJECTED comes back and the profile is unchanged', async () => {
    const { runtime, store, close } = runtimeWith({ verdict: 'risky' })
    const main = createCloudMain(accountFunction, { createRuntime: () => runtime })
    const reply = await main({ action: 'updateProfile', data: { nickname: '不好的名字' } }, { request_id: 'r2' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONTENT.REJECTED' } })
    const stored = firstOf(await store.find<UserDoc>('users', { openid: 'o-neighbour' }))
    expect(stored.nickname).not.toBe('不好的名字')
    close()
  })

  test('when the runtime cannot be built, then INTERNAL with the request id comes back and the next call tries again', async () => {
    // Arrange
    const { runtime, close } = runtimeWith()
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    let attempts = 0
    const main = createCloudMain(accountFunction, {
      createRuntime: () => {
        attempts++
        if (attempts === 1) throw new Error('LOUZU misconfigured')
        return runtime
      },
    })
    // Act
    const first = await main({ action: 'me' }, { request_id: 'req-cold' })
    const second = await main({ action: 'me' }, { request_id: 'req-warm' })
    // Assert
    expect(first).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), requestId: 'req-cold' },
    })
    expect(second).toMatchObject({ ok: true })
    expect(attempts).toBe(2)
    expect(String(at(stdout.mock.calls, 0)[0])).toContain('"msg":"runtime failed"')
    stdout.mockRestore()
    close()
  })

  test('when the runtime is built, then it is reused by later calls in the same container', async () => {
    const { runtime, close } = runtimeWith()
    const build = jest.fn(() => runtime)
    const main = createCloudMain(accountFunction, { createRuntime: build })
    await Promise.all([main({ action: 'me' }, {}), main({ action: 'me' }, {}), main({ action: 'listBuildings' }, {})])
    expect(build).toHaveBeenCalledTimes(1)
    close()
  })
})
