import {
  CloudbaseSubscribeMessenger,
  fitKeyword,
  parseTemplateTable,
  type SubscribeOpenApi,
} from '../../cloudfunctions/adapters/cloudbase/subscribe-messenger'

type SendRequest = Parameters<SubscribeOpenApi['subscribeMessage']['send']>[0]

function fakeOpenApi(reply: (request: SendRequest) => Promise<{ errCode?: number; errMsg?: string }>) {
  const sent: SendRequest[] = []
  const openapi: SubscribeOpenApi = {
    subscribeMessage: {
      send: (request) => {
        sent.push(request)
        return reply(request)
      },
    },
  }
  return { openapi, sent }
}

const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn() }
const templates = parseTemplateTable(JSON.stringify({ announcement: { id: 'tpl-ann', fields: { title: 'thing1', body: 'thing2' } } }))

describe('CloudBase subscribe messages', () => {
  beforeEach(() => log.warn.mockReset())

  test('when a configured template is sent, then WeChat gets the template id, the mapped keywords and the page without its leading slash', async () => {
    const { openapi, sent } = fakeOpenApi(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }))
    const messenger = new CloudbaseSubscribeMessenger({ openapi, templates, log })
    const result = await messenger.send({
      openid: 'o-1',
      templateKey: 'announcement',
      page: '/packages/announcements/pages/detail/index?id=a_1',
      data: { title: '电梯年检', body: '周六上午暂停使用' },
    })
    expect(result).toEqual({ delivered: true })
    expect(sent).toEqual([
      {
        touser: 'o-1',
        templateId: 'tpl-ann',
        page: 'packages/announcements/pages/detail/index?id=a_1',
        data: { thing1: { value: '电梯年检' }, thing2: { value: '周六上午暂停使用' } },
        miniprogramState: 'formal',
        lang: 'zh_CN',
      },
    ])
  })

  test('when the template is not configured, then nothing is sent and the reason says so', async () => {
    const { openapi, sent } = fakeOpenApi(async () => ({ errCode: 0 }))
    const messenger = new CloudbaseSubscribeMessenger({ openapi, templates, log })
    expect(await messenger.send({ openid: 'o-1', templateKey: 'healthTip', data: { title: 't' } })).toEqual({ delivered: false, reason: 'template-not-configured' })
    expect(sent).toEqual([])
  })

  test('when WeChat answers 43101 (the grant is used up), then it is not delivered and no warning is logged', async () => {
    const { openapi } = fakeOpenApi(async () => {
      throw Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101, errMsg: 'user refuse to accept the msg' })
    })
    const messenger = new CloudbaseSubscribeMessenger({ openapi, templates, log })
    expect(await messenger.send({ openid: 'o-1', templateKey: 'announcement', data: { title: 't', body: 'b' } })).toEqual({ delivered: false, reason: 'not-subscribed' })
    expect(log.warn).not.toHaveBeenCalled()
  })

  test('when WeChat refuses for another reason, then it is not delivered and the code is logged', async () => {
    const { openapi } = fakeOpenApi(async () => ({ errCode: 47003, errMsg: 'argument invalid! data.thing1.value' }))
    const messenger = new CloudbaseSubscribeMessenger({ openapi, templates, log, state: 'trial' })
    expect(await messenger.send({ openid: 'o-1', templateKey: 'announcement', data: { title: 't', body: 'b' } })).toEqual({ delivered: false, reason: 'wechat-47003' })
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ errCode: 47003 }), expect.any(String))
  })

  test('when the network fails (no WeChat error code), then the error propagates for the notifier to record as failed', async () => {
    const { openapi } = fakeOpenApi(async () => {
      throw new Error('ETIMEDOUT')
    })
    const messenger = new CloudbaseSubscribeMessenger({ openapi, templates, log })
    await expect(messenger.send({ openid: 'o-1', templateKey: 'announcement', data: { title: 't' } })).rejects.toThrow('ETIMEDOUT')
  })

  test('when values are longer than the keyword type allows, then they are cut with an ellipsis', () => {
    expect(fitKeyword('thing1', '一二三四五六七八九十一二三四五六七八九十多')).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(fitKeyword('phrase3', '紧急通知事项')).toBe('紧急通知…')
    expect(fitKeyword('time2', '2026年11月28日 10:00')).toBe('2026年11月28日 10:00')
  })

  test('when the template table is malformed, then parsing fails loudly at start-up', () => {
    expect(parseTemplateTable(undefined)).toEqual({})
    expect(() => parseTemplateTable('{"marketing":{"id":"x","fields":{"title":"thing1"}}}')).toThrow(/unknown template key/)
    expect(() => parseTemplateTable('{"announcement":{"fields":{"title":"thing1"}}}')).toThrow(/needs an id/)
    expect(() => parseTemplateTable('{"announcement":{"id":"x"}}')).toThrow(/needs fields/)
  })
})
