import { createIdGenerator } from '../../../cloudfunctions/adapters/shared/ids'
import { openDatabase } from '../../../cloudfunctions/adapters/sqlite/schema'
import { SqliteDocumentStore } from '../../../cloudfunctions/adapters/sqlite/sqlite-document-store'
import {
  formatShanghaiTime,
  WechatSubscribeMessenger,
  type SubscribeOpenApi,
  type SubscribeSendParams,
} from '../../../cloudfunctions/adapters/cloudbase/subscribe-messenger'
import { parseTemplateConfig, type TemplateConfigs } from '../../../contracts/subscribe-templates'
import { ALL_COLLECTIONS } from '../../../cloudfunctions/core/collections'
import type { UserDoc } from '../../../cloudfunctions/core/account/account.docs'
import type { NotificationDoc } from '../../../cloudfunctions/core/notifications/notifications.docs'
import { drainOutbox } from '../../../cloudfunctions/core/notifications/outbox'
import { StoreNotifier } from '../../../cloudfunctions/core/notifications/store-notifier'
import type { Logger } from '../../../cloudfunctions/core/shared/ports'
import { TestClock } from '../../support/clock'
import { at, firstOf } from '../../support/lists'

function fakeOpenApi(
  answer: (params: SubscribeSendParams) => Promise<{ errCode?: number; errMsg?: string }> = async () => ({
    errCode: 0,
  }),
) {
  const calls: SubscribeSendParams[] = []
  const openapi: SubscribeOpenApi = {
    subscribeMessage: {
      async send(params) {
        calls.push(params)
        return answer(params)
      },
    },
  }
  return { openapi, calls }
}

function recordingLog() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = []
  const log: Logger = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  }
  return { log, lines }
}

const TEMPLATES: TemplateConfigs = {
  announcement: { templateId: 'tmpl-announce', fields: { thing1: 'title', thing2: 'body', time3: '$now' } },
}

describe('WeChat subscribe messenger', () => {
  const clock = new TestClock(Date.UTC(2026, 10, 28, 2, 5)) // 10:05 in Shanghai

  test('when a configured template is sent, then WeChat gets the template id, openid, page without the slash and mapped fields', async () => {
    // Arrange
    const { openapi, calls } = fakeOpenApi()
    const messenger = new WechatSubscribeMessenger({
      openapi,
      templates: TEMPLATES,
      clock,
      log: recordingLog().log,
      miniprogramState: 'trial',
    })
    // Act
    const result = await messenger.send({
      key: 'n1',
      openid: 'o-aunt',
      templateKey: 'announcement',
      page: '/pages/announcement/index?id=a1',
      data: { title: '停水通知', body: '周六上午九点到十一点停水' },
    })
    // Assert
    expect(result).toEqual({ delivered: true })
    expect(calls).toEqual([
      {
        touser: 'o-aunt',
        templateId: 'tmpl-announce',
        page: 'pages/announcement/index?id=a1',
        data: {
          thing1: { value: '停水通知' },
          thing2: { value: '周六上午九点到十一点停水' },
          time3: { value: '2026-11-28 10:05' },
        },
        miniprogramState: 'trial',
      },
    ])
  })

  test('when the template key is not configured, then nothing is sent and it is not delivered', async () => {
    const { openapi, calls } = fakeOpenApi()
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log: recordingLog().log })
    expect(
      await messenger.send({ key: 'n1', openid: 'o1', templateKey: 'healthTip', data: { title: 't', body: 'b' } }),
    ).toEqual({
      delivered: false,
      reason: 'template-not-configured',
      grant: 'kept',
    })
    expect(calls).toEqual([])
  })

  test('when WeChat refuses (no grant left), then it is not delivered, the grant is gone, and the log names the code but not the person', async () => {
    // Arrange: wx-server-sdk throws openapi errors with an errCode.
    const { openapi } = fakeOpenApi(() =>
      Promise.reject(
        Object.assign(new Error('openapi.subscribeMessage.send:fail user refuse to accept the msg'), {
          errCode: 43101,
        }),
      ),
    )
    const { log, lines } = recordingLog()
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log })
    // Act
    const result = await messenger.send({
      key: 'n1',
      openid: 'o-secret',
      templateKey: 'announcement',
      data: { title: 't', body: 'b' },
    })
    // Assert
    expect(result).toEqual({ delivered: false, reason: 'errCode:43101', grant: 'gone' })
    expect(lines).toEqual([
      { level: 'warn', fields: { templateKey: 'announcement', errCode: 43101 }, message: 'subscribe message refused' },
    ])
    expect(JSON.stringify(lines)).not.toContain('o-secret')
  })

  test('when WeChat answers with a non-zero errCode, then it is not delivered and the grant is kept (refused before delivery)', async () => {
    const { openapi } = fakeOpenApi(async () => ({ errCode: 40037, errMsg: 'invalid template_id' }))
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log: recordingLog().log })
    expect(
      await messenger.send({ key: 'n1', openid: 'o1', templateKey: 'announcement', data: { title: 't', body: 'b' } }),
    ).toEqual({ delivered: false, reason: 'errCode:40037', grant: 'kept' })
  })

  test('when WeChat is busy (-1), then it is not delivered, the grant is kept and trying again is allowed', async () => {
    const { openapi } = fakeOpenApi(async () => ({ errCode: -1, errMsg: 'system error' }))
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log: recordingLog().log })
    expect(
      await messenger.send({ key: 'n1', openid: 'o1', templateKey: 'announcement', data: { title: 't', body: 'b' } }),
    ).toEqual({ delivered: false, reason: 'errCode:-1', grant: 'kept', retryable: true })
  })

  test('when the network fails, then it is not delivered and nothing throws', async () => {
    const { openapi } = fakeOpenApi(() => Promise.reject(new Error('socket hang up')))
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log: recordingLog().log })
    expect(
      await messenger.send({ key: 'n1', openid: 'o1', templateKey: 'announcement', data: { title: 't', body: 'b' } }),
    ).toEqual({ delivered: false, reason: 'error', grant: 'unknown' })
  })

  test('when a mapped value is empty, then a dash is sent (WeChat rejects empty values)', async () => {
    const { openapi, calls } = fakeOpenApi()
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log: recordingLog().log })
    await messenger.send({ key: 'n1', openid: 'o1', templateKey: 'announcement', data: { title: '通知', body: '' } })
    expect(at(calls, 0).data.thing2).toEqual({ value: '-' })
    expect(calls[0]).not.toHaveProperty('page')
  })

  test('when the StoreNotifier notifies someone who granted the template and the outbox drains, then the WeChat message uses their openid and is marked sent', async () => {
    // Arrange
    const db = openDatabase({ file: ':memory:', collections: ALL_COLLECTIONS })
    const store = new SqliteDocumentStore(db)
    const user: UserDoc = {
      _id: 'u1',
      openid: 'o-u1',
      nickname: '张老师',
      largeText: false,
      roles: [],
      membership: null,
      privacyAcceptedVersion: null,
      createdAt: 0,
    }
    await store.insert('users', user)
    await store.insert('subscription_grants', {
      _id: 'u1:announcement',
      userId: 'u1',
      templateKey: 'announcement',
      remaining: 1,
      updatedAt: 0,
    })
    const { openapi, calls } = fakeOpenApi()
    const { log } = recordingLog()
    const ids = createIdGenerator(() => clock.now())
    const messenger = new WechatSubscribeMessenger({ openapi, templates: TEMPLATES, clock, log })
    const notifier = new StoreNotifier({ store, clock, ids })
    // Act
    await notifier.notify(['u1'], {
      kind: 'announcement',
      templateKey: 'announcement',
      title: '停水通知：周六上午九点到十一点全楼停水请知悉',
      body: '请提前储水',
      link: '/pages/home/index',
    })
    const queued = await store.find<NotificationDoc>('notifications', { recipientId: 'u1' })
    await drainOutbox({ store, clock, ids, log, messenger }, { staleBefore: clock.now() })
    // Assert
    expect(queued.map((n) => n.wechat)).toEqual(['queued'])
    expect(calls.map((c) => [c.touser, c.data.thing1?.value])).toEqual([
      ['o-u1', '停水通知：周六上午九点到十一点全楼停水…'],
    ])
    const stored = firstOf(await store.find<NotificationDoc>('notifications', { recipientId: 'u1' }))
    expect(stored.wechat).toBe('sent')
    expect((await store.get('subscription_grants', 'u1:announcement'))?.remaining).toBe(0)
    db.close()
  })
})

describe('LOUZU_TEMPLATE_IDS parsing', () => {
  test('when it is unset or blank, then there are no templates (in-app only)', () => {
    expect(parseTemplateConfig(undefined)).toEqual({ ok: true, templates: {} })
    expect(parseTemplateConfig('  ')).toEqual({ ok: true, templates: {} })
  })

  test('when it maps known keys to templates, then they are returned as given', () => {
    const raw = JSON.stringify({ application: { templateId: 'T1', fields: { thing1: 'title', thing4: 'body' } } })
    expect(parseTemplateConfig(raw)).toEqual({
      ok: true,
      templates: { application: { templateId: 'T1', fields: { thing1: 'title', thing4: 'body' } } },
    })
  })

  test.each([
    ['not JSON', '{oops', 'not valid JSON'],
    ['an unknown template key', JSON.stringify({ chat: { templateId: 'T', fields: {} } }), 'chat'],
    [
      'an unknown field source',
      JSON.stringify({ announcement: { templateId: 'T', fields: { thing1: 'nickname' } } }),
      'announcement.fields.thing1',
    ],
    ['a missing template id', JSON.stringify({ announcement: { fields: {} } }), 'announcement.templateId'],
    [
      'a field name WeChat would not use',
      JSON.stringify({ announcement: { templateId: 'T', fields: { Title: 'title' } } }),
      'announcement.fields',
    ],
  ])('when it has %s, then the problem is named', (_what, raw, mention) => {
    const parsed = parseTemplateConfig(raw)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.problem).toContain(mention)
  })
})

describe('Shanghai time for WeChat time fields', () => {
  test('when a UTC instant is formatted, then it reads as Shanghai wall-clock time', () => {
    expect(formatShanghaiTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01 00:30')
  })
})
