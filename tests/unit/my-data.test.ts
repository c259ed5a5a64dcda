import { exportFileName, readableSections } from '../../src/features/account/my-data'
import { at, firstOf } from '../support/lists'

/** 2026-12-01 14:05 in Shanghai. */
const AT = Date.UTC(2026, 11, 1, 6, 5)

describe('my data, readable: the export laid out for a resident', () => {
  test('when the export has my account and notifications, then they are sections with plain titles, the account first, each with its records', () => {
    const sections = readableSections({
      notifications: {
        received: [{ _id: 'n1', recipientId: 'u1', title: '入楼申请已通过', createdAt: AT, readAt: null }],
      },
      users: {
        profile: [{ _id: 'u1', openid: 'o1', settings: { nickname: '王阿姨', largeText: true }, createdAt: AT }],
      },
      chat_mutes: { mine: [] },
    })
    expect(sections.map((s) => s.title)).toEqual(['我的账号', '消息通知'])
    expect(at(sections, 0).records[0]).toEqual([
      { name: '微信标识', value: 'o1' },
      { name: '称呼', value: '王阿姨' },
      { name: '大字模式', value: '是' },
      { name: '创建时间', value: '2026年12月1日 14:05' },
    ])
    expect(at(sections, 1).records[0]).toEqual([
      { name: '标题', value: '入楼申请已通过' },
      { name: '创建时间', value: '2026年12月1日 14:05' },
    ])
  })

  test('when a record holds internal ids, then the page leaves them out (the file keeps them)', () => {
    const section = firstOf(
      readableSections({
        event_rsvps: { mine: [{ _id: 'r1', eventId: 'e1', userId: 'u1', partySize: 2 }] },
      }),
    )
    expect(at(section.records, 0)).toEqual([{ name: '人数', value: '2' }])
  })

  test('when a kind of record is not known to the page, then it still shows under its own name, after the known ones', () => {
    const sections = readableSections({ zeta_things: [{ note: '你好' }], users: [{ openid: 'o1' }] })
    expect(sections.map((s) => s.title)).toEqual(['我的账号', 'zeta_things'])
  })

  test('when a collection has records in several parts, then each part is a section of its own, named in plain words', () => {
    const sections = readableSections({
      memberships: { mine: [{ room: '502' }], reviewedByMe: [{ room: '302' }] },
      users: { profile: [{ openid: 'o1' }] },
    })
    expect(sections.map((s) => s.title)).toEqual(['我的账号', '入楼申请与楼组（我的）', '入楼申请与楼组（我审核的）'])
  })

  test('the file is named by the day of the export', () => {
    expect(exportFileName(AT)).toBe('louzu-my-data-2026-12-01.json')
  })
})
