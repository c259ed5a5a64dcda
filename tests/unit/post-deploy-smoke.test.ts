import { initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { CloudbaseDocumentStore } from '../../cloudfunctions/adapters/cloudbase/cloudbase-document-store'
import type { CloudDatabase } from '../../cloudfunctions/adapters/cloudbase/cloudbase-database'
import { MsgSecContentCheck, type SecurityOpenApi } from '../../cloudfunctions/adapters/cloudbase/msgsec-content-check'
import { databaseWatchRealtime } from '../../cloudfunctions/adapters/cloudbase/watch-realtime'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { MESSAGES_CLIENT_RULE } from '../../cloudfunctions/core/chat/chat.collections'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { Deps, Logger } from '../../cloudfunctions/core/shared/ports'
import { runOutboxDrain } from '../../cloudfunctions/functions/notifications-outbox/handler'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { SCHEDULED_TASKS } from '../../cloudfunctions/functions/tasks'
import {
  createCloudMain,
  createCloudTask,
  type CloudMain,
  type CloudRuntime,
} from '../../cloudfunctions/runtime/cloud-entry'
import { smoke } from '../../scripts/smoke'
import { evaluateRule, RuleNotUnderstood } from '../../scripts/lib/rule-eval'
import { CloudbaseCapture } from '../support/cloudbase-capture'
import { TestClock } from '../support/clock'
import { FakeTencentCloudApi } from '../support/fake-tencentcloud-api'
import { unusedMediaPorts } from '../support/memory-deps'

/**
 * `npm run smoke` against a stand-in CloudBase: the capture server answers the SDK's
 * `functions.invokeFunction` by running the real function entries (createCloudMain) in this
 * process, over a document store that talks to the same capture server's database; the fake
 * TencentCloud API holds the security rules. Each test breaks something a real deployment can
 * get wrong and checks that the smoke check names it and says how to fix it.
 */

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const clock = new TestClock()
const ENV_ID = 'louzu-smoke'
const SECRET_KEY = 'smoke-secret-key'

/** What WeChat's msgSecCheck answers the functions: by default "invalid openid" (the permission is there). */
type WeChat = (functionName: string) => Promise<{ errCode?: number; result?: { suggest: string } }>
const knowsNobody: WeChat = () => Promise.reject(Object.assign(new Error('invalid openid'), { errCode: 40003 }))

interface World {
  capture: CloudbaseCapture
  api: FakeTencentCloudApi
  env: NodeJS.ProcessEnv
  /** Functions that answer; others are "not found". */
  deployed: Set<string>
  wechat: { answer: WeChat }
  close(): Promise<void>
}

async function world(options: { collections?: 'deployed' | 'none' } = {}): Promise<World> {
  const capture = new CloudbaseCapture({ collections: options.collections === 'none' ? [] : ALL_COLLECTIONS })
  const api = new FakeTencentCloudApi(ENV_ID, SECRET_KEY)
  const [serviceUrl, apiBase] = await Promise.all([capture.start(), api.start()])
  const store = new CloudbaseDocumentStore(
    initCloudbaseApp({
      env: ENV_ID,
      secretId: 'AKIDfn',
      secretKey: 'fn-key',
      serviceUrl,
    }).database() as unknown as CloudDatabase,
  )
  const wechat = { answer: knowsNobody }
  const runtimeFor = (name: string) => (): CloudRuntime => {
    const openapi: SecurityOpenApi = { security: { msgSecCheck: () => wechat.answer(name) } }
    const ids = createIdGenerator(() => clock.now())
    const deps: Deps = {
      store,
      clock,
      ids,
      contentCheck: new MsgSecContentCheck(openapi),
      notifier: { notify: async () => undefined },
      realtime: databaseWatchRealtime,
      search: { findContaining: async () => [] },
      log: silent,
      media: unusedMediaPorts,
    }
    // Called with the deployment's keys: no WeChat user.
    return { deps, identify: () => null, messenger: { send: async () => ({ delivered: true }) } }
  }
  const mains = new Map<string, CloudMain | ((event?: unknown) => Promise<unknown>)>()
  for (const definition of ALL_FUNCTIONS)
    mains.set(definition.name, createCloudMain(definition, { createRuntime: runtimeFor(definition.name) }))
  mains.set(
    'notifications-outbox',
    createCloudTask('notifications-outbox', (deps, runtime) => runOutboxDrain(deps, runtime.messenger!), {
      createRuntime: runtimeFor('notifications-outbox'),
    }),
  )
  mains.set(
    'events-reminders',
    createCloudTask('events-reminders', async () => ({ sent: 0 }), { createRuntime: runtimeFor('events-reminders') }),
  )
  mains.set(
    'council-close',
    createCloudTask('council-close', async () => ({ closed: 0 }), { createRuntime: runtimeFor('council-close') }),
  )
  const deployed = new Set(mains.keys())
  capture.handle('functions.invokeFunction', async (request) => {
    const name = String(request.body.function_name)
    const main = mains.get(name)
    if (!main || !deployed.has(name))
      return {
        requestId: 'r',
        code: 'FUNCTIONS_EXECUTE_FAIL',
        message: `ResourceNotFound.Function: function ${name} not found`,
      }
    const reply = await main(JSON.parse(String(request.body.request_data || '{}')), { request_id: 'smoke' })
    return { requestId: 'r', data: { response_data: JSON.stringify(reply) } }
  })
  // The rules a deploy sets: messages as its spec says.
  api.rules.set('messages', {
    AclTag: 'CUSTOM',
    Rule: JSON.stringify({ read: MESSAGES_CLIENT_RULE.read, write: false }),
  })
  const env = {
    ...process.env,
    TCB_ENV_ID: ENV_ID,
    TCB_SECRET_ID: 'AKIDsmoke',
    TCB_SECRET_KEY: SECRET_KEY,
    LOUZU_TCB_SERVICE_URL: serviceUrl,
    LOUZU_TENCENTCLOUD_API: apiBase,
  }
  return {
    capture,
    api,
    env,
    deployed,
    wechat,
    close: async () => void (await Promise.all([capture.close(), api.close()])),
  }
}

async function runSmoke(w: World, argv: string[] = []): Promise<{ code: number; out: string }> {
  const lines: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
  try {
    return { code: await smoke(argv, w.env, () => clock.now()), out: lines.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

const rowOf = (out: string, check: string) =>
  out.split('\n').find((line) => line.startsWith(`${check} `)) ?? `(no row "${check}")`

describe('npm run smoke', () => {
  let w: World
  afterEach(() => w?.close())

  test('when everything is deployed and allowed, then every function, msgSecCheck and the messages rule pass and it exits 0', async () => {
    w = await world()
    const { code, out } = await runSmoke(w)
    expect(out).toContain('all')
    expect(code).toBe(0)
    for (const definition of ALL_FUNCTIONS) {
      expect(rowOf(out, `${definition.name}: call`)).toMatch(/ ok /)
      expect(rowOf(out, `${definition.name}: database`)).toMatch(/ ok /)
      expect(rowOf(out, `${definition.name}: msgSecCheck`)).toMatch(/ ok .*permission granted.*40003/)
    }
    for (const task of ['events-reminders', 'notifications-outbox']) expect(rowOf(out, `${task}: call`)).toMatch(/ ok /)
    expect(rowOf(out, 'messages rule: member with a lease')).toMatch(/ ok /)
    expect(rowOf(out, 'messages rule: non-member')).toMatch(/ ok .*refused/)
    expect(rowOf(out, 'messages rule: expired lease')).toMatch(/ ok .*refused/)
    // A ping of a timer function answers without running it: no WeChat message went anywhere.
    expect(w.capture.of('functions.invokeFunction')).toHaveLength(ALL_FUNCTIONS.length + SCHEDULED_TASKS.length)
  })

  test('when a recent openid is given, then msgSecCheck must pass outright', async () => {
    w = await world()
    w.wechat.answer = async () => ({ errCode: 0, result: { suggest: 'pass' } })
    const { code, out } = await runSmoke(w, ['--openid', 'oAbCdEf123456'])
    expect(code).toBe(0)
    expect(rowOf(out, 'chat: msgSecCheck')).toMatch(/ ok .*harmless sentence passed/)
  })

  test('when a function lacks the openapi permission, then its msgSecCheck row fails with -604101 and says to upload it from DevTools', async () => {
    w = await world()
    w.wechat.answer = (fn) =>
      fn === 'chat'
        ? Promise.reject(Object.assign(new Error('system error: error code: -604101'), { errCode: -604101 }))
        : knowsNobody(fn)
    const { code, out } = await runSmoke(w)
    expect(code).toBe(1)
    expect(rowOf(out, 'chat: msgSecCheck')).toMatch(/FAILED .*-604101.*every text write answers INTERNAL/)
    expect(out).toMatch(
      /1\. chat: msgSecCheck: upload chat from WeChat DevTools .*dist\/cloudfunctions\/chat.*上传并部署/,
    )
    expect(rowOf(out, 'account: msgSecCheck')).toMatch(/ ok /)
  })

  test.each([
    [
      'opened to everyone',
      { AclTag: 'CUSTOM', Rule: JSON.stringify({ read: true, write: false }) },
      'messages rule: non-member',
      /ALLOWED: anyone could read/,
    ],
    ['closed to clients', { AclTag: 'ADMINONLY' }, 'messages rule', /ADMINONLY: no member can watch chat/],
    ["left at CloudBase's default", undefined, 'messages rule', /PRIVATE/],
    [
      'rewritten without the expiry',
      {
        AclTag: 'CUSTOM',
        Rule: JSON.stringify({
          read: 'get(`database.chat_readers.${doc.groupId}~${auth.openid}`).until > 0',
          write: false,
        }),
      },
      'messages rule: expired lease',
      /ALLOWED: a former member/,
    ],
  ])(
    'when the messages rule was %s, then the smoke check fails it and says how to apply the right one',
    async (_what, rule, check, detail) => {
      w = await world()
      if (rule) w.api.rules.set('messages', rule)
      else w.api.rules.delete('messages')
      const { code, out } = await runSmoke(w)
      expect(code).toBe(1)
      expect(rowOf(out, check)).toMatch(detail)
      expect(out).toContain('cloudbase/database.rules.json')
      expect(out).toContain('权限设置 → 自定义安全规则')
    },
  )

  test('when a function is not deployed, then its call fails and the fix is to deploy', async () => {
    w = await world()
    w.deployed.delete('health')
    const { code, out } = await runSmoke(w)
    expect(code).toBe(1)
    expect(rowOf(out, 'health: call')).toMatch(/FAILED .*ResourceNotFound/)
    expect(out).toMatch(/is health deployed\? run npm run deploy/)
  })

  test('when the collections were never created, then each database row fails with the service error and the fix is the deploy', async () => {
    w = await world({ collections: 'none' })
    const { code, out } = await runSmoke(w)
    expect(code).toBe(1)
    expect(rowOf(out, 'account: database')).toMatch(/FAILED .*Db or Table not exist: users/)
    expect(out).toContain('create the collections: npm run deploy')
  })

  test('when the keys are missing, then nothing is called and it exits 2', async () => {
    w = await world()
    const { code, out } = await runSmoke({ ...w, env: { ...w.env, TCB_SECRET_KEY: '' } })
    expect(code).toBe(2)
    expect(out).toContain('TCB_SECRET_KEY')
    expect(w.capture.of()).toEqual([])
  })
})

describe('the watch-rule evaluator the smoke check uses', () => {
  const lease = (until: number) => (collection: string, id: string) =>
    collection === 'chat_readers' && id === 'g1~o-1' ? { until } : null
  const request = (openid: string, until: number) => ({
    auth: { openid },
    doc: { groupId: 'g1' },
    now: 1000,
    lookup: lease(until),
  })

  test('when the shipped rule is read for a member, a stranger and an expired lease, then only the member is let in', () => {
    expect(evaluateRule(MESSAGES_CLIENT_RULE.read, request('o-1', 2000))).toBe(true)
    expect(evaluateRule(MESSAGES_CLIENT_RULE.read, request('o-2', 2000))).toBe(false)
    expect(evaluateRule(MESSAGES_CLIENT_RULE.read, request('o-1', 999))).toBe(false)
  })

  test('when rules combine conditions, then && || ! and parentheses work as in CloudBase', () => {
    expect(evaluateRule("auth.openid == 'o-1' && (doc.groupId == 'g1' || false)", request('o-1', 0))).toBe(true)
    expect(evaluateRule("!(auth.openid == 'o-1')", request('o-1', 0))).toBe(false)
    expect(() => evaluateRule('doc.owner in ["a"]', request('o-1', 0))).toThrow(RuleNotUnderstood)
  })
})
