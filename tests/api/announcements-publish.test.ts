import {
  expectError,
  expectUnchanged,
  openidFactory,
  pendingApplicant,
  userIdOf,
  verifiedResident,
} from '../support/api-expect'
import { freshLeader, notice, publish } from '../support/announcements'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf } from '../support/lists'

type Item = { kind: string; title: string; body: string; link?: string; urgent: boolean; wechat: string }

const HOUR = 3600_000

describe('announcements: publish, edit, unpublish', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('ann-pub')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const notificationsOf = async (client: ApiClient): Promise<Item[]> =>
    (await client.ok('notifications', 'list', {})).items
  const announcementNotices = async (client: ApiClient, announcementId: string) =>
    (await notificationsOf(client)).filter((n) => n.kind === 'announcement' && n.link?.endsWith(`id=${announcementId}`))

  describe('publish', () => {
    test('when a leader publishes for their own building, then it is stored and every verified resident of that building is notified, nobody else', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-3')
      const neighbour = await verifiedResident(t, admin, fresh(), 'jsh-3', '201')
      const elsewhere = await verifiedResident(t, admin, fresh(), 'jsh-4', '201')
      const applicant = await pendingApplicant(t, fresh(), 'jsh-3', '202')
      clock.advance(1000)

      const published = await publish(
        leader.client,
        notice('jsh-3', { title: '楼道堆物请清理', body: '周五前请把楼道里的纸箱搬走。\n谢谢大家！', pinned: true }),
      )
      expect(published).toMatchObject({
        audience: { buildingId: 'jsh-3' },
        audienceName: '金上海家园 3号楼',
        title: '楼道堆物请清理',
        body: '周五前请把楼道里的纸箱搬走。\n谢谢大家！',
        excerpt: '周五前请把楼道里的纸箱搬走。 谢谢大家！',
        pinned: true,
        urgent: false,
        publishedAt: clock.now(),
        expired: false,
        authorRole: 'leader',
        read: true,
        mine: true,
        canManage: true,
        canSeeReach: true,
        readCount: 0,
      })
      expect(published.expiresAt).toBeUndefined()
      expect(await store().get('announcements', published.announcementId)).toMatchObject({
        audienceKey: 'jsh-3',
        authorId: leader.userId,
        status: 'published',
      })

      const toNeighbour = firstOf(await announcementNotices(neighbour.client, published.announcementId))
      expect(toNeighbour).toMatchObject({ title: '楼道堆物请清理', urgent: false, wechat: 'not-granted' })
      expect(toNeighbour.body).toContain('金上海家园 3号楼 · 楼组长')
      expect(toNeighbour.link).toBe(`/packages/announcements/pages/detail/index?id=${published.announcementId}`)
      expect(await announcementNotices(elsewhere.client, published.announcementId)).toEqual([])
      expect(await announcementNotices(applicant.client, published.announcementId)).toEqual([])
      // The author is not told about their own notice.
      expect(await announcementNotices(leader.client, published.announcementId)).toEqual([])
    })

    test('when an urgent notice is published, then it is marked urgent, and who granted the template also gets a WeChat message saying 【紧急】', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-6')
      const granted = await verifiedResident(t, admin, fresh(), 'jsh-6', '301')
      const notGranted = await verifiedResident(t, admin, fresh(), 'jsh-6', '302')
      await granted.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['announcement'] })

      const published = await publish(leader.client, notice('jsh-6', { title: '今晚停电检修', urgent: true }))
      expect(published.urgent).toBe(true)
      // Queued by the request, sent by the outbox.
      expect(await announcementNotices(granted.client, published.announcementId)).toEqual([
        expect.objectContaining({ urgent: true, wechat: 'queued' }),
      ])
      expect(
        (await leader.client.ok('announcements', 'reach', { announcementId: published.announcementId })).wechat,
      ).toEqual({ sent: 0, queued: 1, failed: 0 })
      await t.runtime.drainOutbox()
      expect(
        (await leader.client.ok('announcements', 'reach', { announcementId: published.announcementId })).wechat,
      ).toEqual({ sent: 1, queued: 0, failed: 0 })
      expect(await announcementNotices(granted.client, published.announcementId)).toEqual([
        expect.objectContaining({ urgent: true, wechat: 'sent' }),
      ])
      expect(await announcementNotices(notGranted.client, published.announcementId)).toEqual([
        expect.objectContaining({ urgent: true, wechat: 'not-granted' }),
      ])
      const outbox = await store().find('outbox', { recipientId: granted.userId })
      expect(outbox).toEqual([
        expect.objectContaining({
          templateKey: 'announcement',
          status: 'sent',
          page: `/packages/announcements/pages/detail/index?id=${published.announcementId}`,
        }),
      ])
      expect(at(outbox, 0).data.title).toBe('【紧急】今晚停电检修')
      expect(await store().count('outbox', { recipientId: notGranted.userId })).toBe(0)
    })

    test('when the committee publishes to the whole neighbourhood, then residents of every estate are notified', async () => {
      const inJsh = await verifiedResident(t, admin, fresh(), 'jsh-8', '101')
      const inMc = await verifiedResident(t, admin, fresh(), 'mc-3', '101')
      const published = await publish(admin, {
        audience: 'neighbourhood',
        title: '冬季防火安全提醒',
        body: '请不要在楼道里给电瓶车充电。',
      })
      expect(published).toMatchObject({
        audience: 'neighbourhood',
        audienceName: '全居民区',
        authorRole: 'committee',
        authorName: '陈老师',
      })
      expect(await announcementNotices(inJsh.client, published.announcementId)).toHaveLength(1)
      expect(await announcementNotices(inMc.client, published.announcementId)).toHaveLength(1)
      const leader5 = await t.login('demo-leader-5')
      expect(await announcementNotices(leader5, published.announcementId)).toHaveLength(1)
    })

    test('when the committee publishes to one building, then it speaks as 居委会 and only that building hears it', async () => {
      const inside = await verifiedResident(t, admin, fresh(), 'hsgef-3', '101')
      const outside = await verifiedResident(t, admin, fresh(), 'hsgef-4', '101')
      const published = await publish(admin, notice('hsgef-3'))
      expect(published).toMatchObject({ audience: { buildingId: 'hsgef-3' }, authorRole: 'committee' })
      expect(await announcementNotices(inside.client, published.announcementId)).toHaveLength(1)
      expect(await announcementNotices(outside.client, published.announcementId)).toEqual([])
    })

    test('when an expiry is given, then it is kept; when it is not in the future, then INPUT.INVALID on expiresAt and nothing is stored', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-9')
      const expiresAt = clock.now() + 48 * HOUR
      expect((await publish(leader.client, notice('jsh-9', { expiresAt }))).expiresAt).toBe(expiresAt)
      for (const past of [clock.now(), clock.now() - HOUR]) {
        const result = await expectUnchanged(t, () =>
          leader.client.call('announcements', 'publish', notice('jsh-9', { expiresAt: past })),
        )
        expectError(result, 400, 'INPUT.INVALID', 'expiresAt')
      }
    })

    test('when the committee publishes to a building that does not exist, then NOT_FOUND and nothing is stored', async () => {
      expectError(
        await expectUnchanged(t, () => admin.call('announcements', 'publish', notice('jsh-99'))),
        404,
        'NOT_FOUND',
      )
    })

    test.each([
      ['the title', { title: '违禁测试词通知' }],
      ['the body', { body: '欢迎参加网络赌场活动' }],
    ])('when %s fails the content check, then CONTENT.REJECTED and nothing is stored or sent', async (_what, extra) => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-10')
      const result = await expectUnchanged(t, () =>
        leader.client.call('announcements', 'publish', notice('jsh-10', extra)),
      )
      expectError(result, 400, 'CONTENT.REJECTED')
    })

    test('when a leader publishes for a building they do not lead, then AUTH.FORBIDDEN and nothing changes', async () => {
      const leader = await t.login('demo-leader-5')
      expectError(
        await expectUnchanged(t, () => leader.call('announcements', 'publish', notice('jsh-6'))),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when a leader publishes to the whole neighbourhood, then AUTH.FORBIDDEN and nothing changes', async () => {
      const leader = await t.login('demo-leader-5')
      const result = await expectUnchanged(t, () =>
        leader.call('announcements', 'publish', { audience: 'neighbourhood', title: '通知', body: '内容' }),
      )
      expectError(result, 403, 'AUTH.FORBIDDEN')
    })

    test.each([
      ['a verified resident of the building', 'demo-resident-5'],
      ['the health columnist', 'demo-doctor'],
      ['a newcomer', 'demo-newcomer'],
    ])('when %s publishes, then AUTH.FORBIDDEN and nothing changes', async (_who, openid) => {
      const client = await t.login(openid)
      expectError(
        await expectUnchanged(t, () => client.call('announcements', 'publish', notice('jsh-5'))),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when someone with a pending application publishes, then AUTH.FORBIDDEN and nothing changes', async () => {
      const applicant = await pendingApplicant(t, fresh(), 'jsh-5', '303')
      expectError(
        await expectUnchanged(t, () => applicant.client.call('announcements', 'publish', notice('jsh-5'))),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when a leader publishes more than 10 notices in 10 minutes, then RATE.LIMITED until the window passes', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'mc-7')
      for (let i = 0; i < 10; i++) await publish(leader.client, notice('mc-7', { title: `通知 ${i + 1}` }))
      const refused = await expectUnchanged(t, () => leader.client.call('announcements', 'publish', notice('mc-7')))
      expect(expectError(refused, 429, 'RATE.LIMITED').retryAfterSeconds).toBeGreaterThan(0)
      clock.advance(10 * 60_000 + 1000)
      await publish(leader.client, notice('mc-7', { title: '窗口过后' }))
    })

    const long = (n: number) => '字'.repeat(n)
    test.each([
      ['no audience', { title: '标题', body: '正文' }, 'audience'],
      [
        'an audience that is neither a building nor the neighbourhood',
        { audience: 'everyone', title: '标题', body: '正文' },
        'audience',
      ],
      [
        'a malformed building id',
        { audience: { buildingId: 'jsh 5' }, title: '标题', body: '正文' },
        'audience.buildingId',
      ],
      [
        'an audience with an unknown field',
        { audience: { buildingId: 'jsh-5', floor: 3 }, title: '标题', body: '正文' },
        'audience.floor',
      ],
      ['no title', { audience: { buildingId: 'jsh-5' }, body: '正文' }, 'title'],
      ['a blank title', { audience: { buildingId: 'jsh-5' }, title: '   ', body: '正文' }, 'title'],
      ['a 61-character title', { audience: { buildingId: 'jsh-5' }, title: long(61), body: '正文' }, 'title'],
      [
        'a title with a line break',
        { audience: { buildingId: 'jsh-5' }, title: '第一行\n第二行', body: '正文' },
        'title',
      ],
      ['no body', { audience: { buildingId: 'jsh-5' }, title: '标题' }, 'body'],
      ['a 2,001-character body', { audience: { buildingId: 'jsh-5' }, title: '标题', body: long(2001) }, 'body'],
      [
        'a body with a control character',
        { audience: { buildingId: 'jsh-5' }, title: '标题', body: '正文\u0007' },
        'body',
      ],
      [
        'pinned as a string',
        { audience: { buildingId: 'jsh-5' }, title: '标题', body: '正文', pinned: 'yes' },
        'pinned',
      ],
      ['urgent as a number', { audience: { buildingId: 'jsh-5' }, title: '标题', body: '正文', urgent: 1 }, 'urgent'],
      [
        'an expiry that is not a time',
        { audience: { buildingId: 'jsh-5' }, title: '标题', body: '正文', expiresAt: '明天' },
        'expiresAt',
      ],
      [
        'an unknown field',
        { audience: { buildingId: 'jsh-5' }, title: '标题', body: '正文', authorId: 'u_1' },
        'authorId',
      ],
    ])(
      'when publish is given %s, then INPUT.INVALID names the field and nothing changes',
      async (_what, data, field) => {
        const leader = await t.login('demo-leader-5')
        expectError(
          await expectUnchanged(t, () => leader.call('announcements', 'publish', data)),
          400,
          'INPUT.INVALID',
          field,
        )
      },
    )

    test('when the title is exactly 60 characters and the body exactly 2,000, then it is published', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'mc-1')
      const published = await publish(leader.client, notice('mc-1', { title: long(60), body: long(2000) }))
      expect([...published.title]).toHaveLength(60)
      expect([...published.body]).toHaveLength(2000)
    })
  })

  describe('edit', () => {
    test('when the author edits, then the change is saved with the edit time and residents see it', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-11')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-11', '401')
      const published = await publish(leader.client, notice('jsh-11', { expiresAt: clock.now() + 24 * HOUR }))
      clock.advance(60_000)
      const expiresAt = clock.now() + 72 * HOUR
      const edited = await leader.client.ok('announcements', 'edit', {
        announcementId: published.announcementId,
        title: '电梯年检改到周日',
        body: '周日上午电梯年检。',
        pinned: true,
        urgent: true,
        expiresAt,
      })
      expect(edited).toMatchObject({
        title: '电梯年检改到周日',
        body: '周日上午电梯年检。',
        pinned: true,
        urgent: true,
        expiresAt,
        editedAt: clock.now(),
        publishedAt: published.publishedAt,
      })
      expect(
        await resident.client.ok('announcements', 'get', { announcementId: published.announcementId }),
      ).toMatchObject({ title: '电梯年检改到周日', editedAt: clock.now() })
    })

    test('when the expiry is edited to null, then the notice no longer expires', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-12')
      const published = await publish(leader.client, notice('jsh-12', { expiresAt: clock.now() + HOUR }))
      const edited = await leader.client.ok('announcements', 'edit', {
        announcementId: published.announcementId,
        expiresAt: null,
      })
      expect(edited.expiresAt).toBeUndefined()
      expect(await store().get('announcements', published.announcementId)).toMatchObject({
        expiresAt: null,
      })
    })

    test("when the committee edits a leader's notice, then it is saved", async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-13')
      const published = await publish(leader.client, notice('jsh-13'))
      const edited = await admin.ok('announcements', 'edit', { announcementId: published.announcementId, pinned: true })
      expect(edited).toMatchObject({ pinned: true, authorRole: 'leader', mine: false, canManage: true })
    })

    test('when another leader of the same building edits, then AUTH.FORBIDDEN and nothing changes: only the author or the committee', async () => {
      const author = await freshLeader(t, admin, fresh(), 'jsh-14')
      const coLeader = await freshLeader(t, admin, fresh(), 'jsh-14')
      const published = await publish(author.client, notice('jsh-14'))
      const result = await expectUnchanged(t, () =>
        coLeader.client.call('announcements', 'edit', { announcementId: published.announcementId, title: '改标题' }),
      )
      expectError(result, 403, 'AUTH.FORBIDDEN')
    })

    test('when a resident edits, or anyone but the committee names an unknown id, then AUTH.FORBIDDEN alike and nothing changes', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-15')
      const resident = await verifiedResident(t, admin, fresh(), 'jsh-15', '101')
      const published = await publish(leader.client, notice('jsh-15'))
      const onReal = errorOfCall(
        await expectUnchanged(t, () =>
          resident.client.call('announcements', 'edit', { announcementId: published.announcementId, title: 'x' }),
        ),
      )
      const onUnknown = errorOfCall(
        await expectUnchanged(t, () =>
          resident.client.call('announcements', 'edit', { announcementId: 'a_nothing', title: 'x' }),
        ),
      )
      expect(onReal).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' })
      expect(onUnknown).toEqual(onReal)
      expectError(
        await expectUnchanged(t, () =>
          admin.call('announcements', 'edit', { announcementId: 'a_nothing', title: 'x' }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test('when an edit fails the content check, then CONTENT.REJECTED and the notice is unchanged', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-16')
      const published = await publish(leader.client, notice('jsh-16'))
      const result = await expectUnchanged(t, () =>
        leader.client.call('announcements', 'edit', {
          announcementId: published.announcementId,
          body: '刷单返利，日赚千元',
        }),
      )
      expectError(result, 400, 'CONTENT.REJECTED')
    })

    test('when a withdrawn notice is edited, then NOT_FOUND and nothing changes', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'jsh-17')
      const published = await publish(leader.client, notice('jsh-17'))
      await leader.client.ok('announcements', 'unpublish', { announcementId: published.announcementId })
      expectError(
        await expectUnchanged(t, () =>
          leader.client.call('announcements', 'edit', { announcementId: published.announcementId, title: '复活' }),
        ),
        404,
        'NOT_FOUND',
      )
    })

    test('when the new expiry is in the past, then INPUT.INVALID on expiresAt and nothing changes', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-1')
      const published = await publish(leader.client, notice('hsgef-1'))
      const result = await expectUnchanged(t, () =>
        leader.client.call('announcements', 'edit', {
          announcementId: published.announcementId,
          expiresAt: clock.now() - 1,
        }),
      )
      expectError(result, 400, 'INPUT.INVALID', 'expiresAt')
    })

    test.each([
      ['nothing to change', { announcementId: 'a_x' }, ''],
      ['no announcementId', { title: '标题' }, 'announcementId'],
      ['a 61-character title', { announcementId: 'a_x', title: '字'.repeat(61) }, 'title'],
      ['an empty body', { announcementId: 'a_x', body: '' }, 'body'],
      ['an audience (it cannot be changed)', { announcementId: 'a_x', audience: 'neighbourhood' }, 'audience'],
      ['pinned as null', { announcementId: 'a_x', pinned: null }, 'pinned'],
    ])('when edit is given %s, then INPUT.INVALID names the field and nothing changes', async (_what, data, field) => {
      const leader = await t.login('demo-leader-5')
      expectError(
        await expectUnchanged(t, () => leader.call('announcements', 'edit', data)),
        400,
        'INPUT.INVALID',
        field,
      )
    })
  })

  describe('unpublish', () => {
    test('when the author withdraws a notice, then residents no longer find it, and withdrawing again changes nothing', async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-2')
      const resident = await verifiedResident(t, admin, fresh(), 'hsgef-2', '101')
      const published = await publish(leader.client, notice('hsgef-2'))
      expect(
        await leader.client.ok('announcements', 'unpublish', { announcementId: published.announcementId }),
      ).toEqual({
        announcementId: published.announcementId,
        status: 'unpublished',
      })
      const { items } = await resident.client.ok('announcements', 'list', { limit: 50 })
      expect(items.map((i: { announcementId: string }) => i.announcementId)).not.toContain(published.announcementId)
      expectError(
        await resident.client.call('announcements', 'get', { announcementId: published.announcementId }),
        404,
        'NOT_FOUND',
      )
      const again = await expectUnchanged(t, () =>
        leader.client.ok('announcements', 'unpublish', { announcementId: published.announcementId }),
      )
      expect(again).toEqual({ announcementId: published.announcementId, status: 'unpublished' })
      expect(await store().get('announcements', published.announcementId)).toMatchObject({
        status: 'unpublished',
        unpublishedBy: leader.userId,
      })
    })

    test("when the committee withdraws a leader's notice, then it is withdrawn", async () => {
      const leader = await freshLeader(t, admin, fresh(), 'hsgef-5')
      const published = await publish(leader.client, notice('hsgef-5'))
      await admin.ok('announcements', 'unpublish', { announcementId: published.announcementId })
      expect(await store().get('announcements', published.announcementId)).toMatchObject({
        status: 'unpublished',
        unpublishedBy: await userIdOf(admin),
      })
    })

    test.each([
      ['another leader of the building', 'leader'],
      ['a resident of the building', 'resident'],
    ])('when %s withdraws, then AUTH.FORBIDDEN and nothing changes', async (_who, kind) => {
      const author = await freshLeader(t, admin, fresh(), 'hsgef-6')
      const published = await publish(author.client, notice('hsgef-6'))
      const other =
        kind === 'leader'
          ? (await freshLeader(t, admin, fresh(), 'hsgef-6')).client
          : (await verifiedResident(t, admin, fresh(), 'hsgef-6', '201')).client
      expectError(
        await expectUnchanged(t, () =>
          other.call('announcements', 'unpublish', { announcementId: published.announcementId }),
        ),
        403,
        'AUTH.FORBIDDEN',
      )
    })

    test('when the committee withdraws an id that does not exist, then NOT_FOUND', async () => {
      expectError(
        await expectUnchanged(t, () => admin.call('announcements', 'unpublish', { announcementId: 'a_nothing' })),
        404,
        'NOT_FOUND',
      )
    })

    test.each([
      ['no announcementId', {}, 'announcementId'],
      ['a malformed id', { announcementId: 'a/../x' }, 'announcementId'],
      ['an unknown field', { announcementId: 'a_x', reason: '写错了' }, 'reason'],
    ])(
      'when unpublish is given %s, then INPUT.INVALID names the field and nothing changes',
      async (_what, data, field) => {
        expectError(
          await expectUnchanged(t, () => admin.call('announcements', 'unpublish', data)),
          400,
          'INPUT.INVALID',
          field,
        )
      },
    )
  })

  test.each([
    ['publish', notice('jsh-5')],
    ['edit', { announcementId: 'a_x', title: '标题' }],
    ['unpublish', { announcementId: 'a_x' }],
  ])('when %s is called without a token, then AUTH.UNAUTHENTICATED and nothing changes', async (action, data) => {
    expectError(
      await expectUnchanged(t, () => t.anonymous.call('announcements', action, data)),
      401,
      'AUTH.UNAUTHENTICATED',
    )
  })
})

function errorOfCall(result: { status: number; body: { ok: boolean; error?: { code: string } } }) {
  return { status: result.status, code: result.body.error?.code }
}
