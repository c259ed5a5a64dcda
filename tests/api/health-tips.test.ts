import { expectError, expectUnchanged, openidFactory, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { newColumnist, resident } from '../support/health'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

const DAY = 24 * 3600 * 1000

describe('health: tips, following and the column overview', () => {
  let t: TestRuntime
  let admin: ApiClient
  let doctor: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('ht')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    doctor = await t.login('demo-doctor')
  })
  afterAll(() => t.close())

  const store = () => t.runtime.deps.store
  const tip = (overrides: Record<string, unknown> = {}) => ({
    title: '冬天喝水也要够',
    body: '天冷不觉得渴，也要少量多次喝水。\n每天六到八杯。',
    tags: ['饮食', '冬季'],
    ...overrides,
  })

  describe('publishTip', () => {
    test('when the columnist publishes a tip, then everyone can read it, it is featured as this month, and followers (not the author) are notified', async () => {
      const follower = await resident(t, admin, fresh(), 'jsh-6', '101', '褚阿姨')
      await follower.client.ok('health', 'follow')
      await follower.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['healthTip'] })
      await doctor.ok('health', 'follow')
      clock.advance(60_000)

      const published = await doctor.ok('health', 'publishTip', tip())
      expect(published).toEqual({
        tipId: expect.any(String),
        title: '冬天喝水也要够',
        body: '天冷不觉得渴，也要少量多次喝水。\n每天六到八杯。',
        tags: ['饮食', '冬季'],
        author: '李医生',
        publishedAt: clock.now(),
        month: '2026-11',
      })
      const newcomer = await t.login('demo-newcomer')
      expect(await newcomer.ok('health', 'getTip', { tipId: published.tipId })).toEqual(published)
      expect((await newcomer.ok('health', 'overview')).featured).toEqual({ tip: published, thisMonth: true })

      await t.runtime.drainOutbox()
      const [notice] = (await follower.client.ok('notifications', 'list', {})).items
      expect(notice).toMatchObject({
        kind: 'healthTip',
        title: '健康小贴士：冬天喝水也要够',
        wechat: 'sent',
        link: expect.stringContaining(published.tipId),
      })
      const doctorNotices = (await doctor.ok('notifications', 'list', {})).items
      expect(doctorNotices.some((n: { kind: string }) => n.kind === 'healthTip')).toBe(false)
      await doctor.ok('health', 'unfollow')
    })

    test('when tags repeat or carry spaces, then each is kept once, trimmed', async () => {
      const published = await doctor.ok('health', 'publishTip', tip({ tags: [' 睡眠 ', '睡眠', '午睡'] }))
      expect(published.tags).toEqual(['睡眠', '午睡'])
      expect((await doctor.ok('health', 'publishTip', tip({ tags: undefined }))).tags).toEqual([])
    })

    test('when a resident, a leader, the committee or a newcomer publishes a tip, then AUTH.FORBIDDEN and nothing changes', async () => {
      for (const openid of ['demo-resident-5', 'demo-leader-5', 'demo-admin', 'demo-newcomer']) {
        const client = await t.login(openid)
        await expectUnchanged(t, async () =>
          expectError(await client.call('health', 'publishTip', tip()), 403, 'AUTH.FORBIDDEN'),
        )
      }
    })

    test('when the content check rejects the title, body or a tag, then CONTENT.REJECTED and nothing is stored', async () => {
      for (const bad of [{ title: '违禁测试词' }, { body: '正文里有违禁测试词' }, { tags: ['违禁测试词'] }]) {
        await expectUnchanged(t, async () =>
          expectError(await doctor.call('health', 'publishTip', tip(bad)), 400, 'CONTENT.REJECTED'),
        )
      }
    })

    test('when a second columnist publishes, then the tip carries their name; after they delete their account it stays, by 已注销用户', async () => {
      const other = await newColumnist(t, admin, fresh(), '钱医生')
      const published = await other.client.ok('health', 'publishTip', tip({ title: '钱医生的小贴士' }))
      expect(published.author).toBe('钱医生')
      await other.client.ok('account', 'deleteMe', { confirm: true })
      const reader = await t.login('demo-resident-11')
      expect(await reader.ok('health', 'getTip', { tipId: published.tipId })).toMatchObject({
        title: '钱医生的小贴士',
        author: '已注销用户',
      })
    })
  })

  describe('editTip and unpublishTip', () => {
    test('when the columnist edits a tip, then readers and the search see the new text', async () => {
      const published = await doctor.ok('health', 'publishTip', tip({ title: '关于散步', body: '每天散步半小时。' }))
      clock.advance(60_000)
      const edited = await doctor.ok('health', 'editTip', {
        tipId: published.tipId,
        body: '每天快走半小时，别太累。',
        tags: ['运动'],
      })
      expect(edited).toMatchObject({
        tipId: published.tipId,
        title: '关于散步',
        body: '每天快走半小时，别太累。',
        tags: ['运动'],
        updatedAt: clock.now(),
        publishedAt: published.publishedAt,
      })
      const reader = await t.login('demo-resident-11')
      expect((await reader.ok('health', 'getTip', { tipId: published.tipId })).body).toBe('每天快走半小时，别太累。')
      expect(
        (await reader.ok('health', 'search', { q: '快走' })).hits.map((h: { entryId: string }) => h.entryId),
      ).toEqual([published.tipId])
      expect((await reader.ok('health', 'search', { q: '每天散步' })).total).toBe(0)
    })

    test('when a resident edits or unpublishes a tip, then AUTH.FORBIDDEN and nothing changes', async () => {
      const published = await doctor.ok('health', 'publishTip', tip())
      const resident5 = await t.login('demo-resident-5')
      await expectUnchanged(t, async () =>
        expectError(
          await resident5.call('health', 'editTip', { tipId: published.tipId, title: '改掉' }),
          403,
          'AUTH.FORBIDDEN',
        ),
      )
      await expectUnchanged(t, async () =>
        expectError(await resident5.call('health', 'unpublishTip', { tipId: published.tipId }), 403, 'AUTH.FORBIDDEN'),
      )
      await expectUnchanged(t, async () =>
        expectError(
          await admin.call('health', 'editTip', { tipId: published.tipId, title: '改掉' }),
          403,
          'AUTH.FORBIDDEN',
        ),
      )
    })

    test('when a tip is taken down, then it leaves the list, the search and its page, and is kept on record', async () => {
      const published = await doctor.ok('health', 'publishTip', tip({ title: '即将撤下的贴士', body: '撤下测试正文' }))
      expect(await doctor.ok('health', 'unpublishTip', { tipId: published.tipId })).toEqual({
        tipId: published.tipId,
        unpublished: true,
      })
      const reader = await t.login('demo-resident-11')
      expectError(await reader.call('health', 'getTip', { tipId: published.tipId }), 404, 'NOT_FOUND')
      expect((await reader.ok('health', 'search', { q: '撤下测试' })).total).toBe(0)
      const { months } = await reader.ok('health', 'listTips', {})
      expect(months.flatMap((m: { tips: Array<{ tipId: string }> }) => m.tips.map((x) => x.tipId))).not.toContain(
        published.tipId,
      )
      expect(await store().get('health_tips', published.tipId)).toMatchObject({
        status: 'unpublished',
        unpublishedAt: clock.now(),
      })
      await expectUnchanged(t, async () =>
        expectError(
          await doctor.call('health', 'editTip', { tipId: published.tipId, title: '复活' }),
          404,
          'NOT_FOUND',
        ),
      )
      await expectUnchanged(t, async () =>
        expectError(await doctor.call('health', 'unpublishTip', { tipId: published.tipId }), 404, 'NOT_FOUND'),
      )
    })

    test('when the committee takes a tip down, then it is down', async () => {
      const published = await doctor.ok('health', 'publishTip', tip({ title: '居委会撤下的贴士' }))
      await admin.ok('health', 'unpublishTip', { tipId: published.tipId })
      expectError(await admin.call('health', 'getTip', { tipId: published.tipId }), 404, 'NOT_FOUND')
    })
  })

  describe('listTips', () => {
    test('when tips span several months, then they come newest first, grouped by Shanghai month, and page with nextBefore', async () => {
      const local = await startTestRuntime({ clock: new TestClock(Date.UTC(2026, 0, 15, 4)), seed: 'none' })
      try {
        // A minimal world: the seed is off, so make a columnist directly.
        const { seedNeighbourhood } = await import('../../cloudfunctions/seed/seed')
        await seedNeighbourhood(local.runtime.deps, 'demo', [])
        const columnist = await local.login('demo-doctor')
        const localClock = local.runtime.deps.clock as TestClock
        const stamps: number[] = []
        // 31 Oct 23:30 Shanghai is October; 1 Nov 00:30 Shanghai is November (both Oct 31 in UTC).
        for (const at of [
          Date.UTC(2025, 9, 31, 15, 30),
          Date.UTC(2025, 9, 31, 16, 30),
          Date.UTC(2025, 11, 2),
          Date.UTC(2026, 0, 10),
        ]) {
          localClock.set(at)
          stamps.push(
            (await columnist.ok('health', 'publishTip', tip({ title: `贴士${stamps.length + 1}` }))).publishedAt,
          )
        }
        localClock.set(Date.UTC(2026, 0, 15, 4))
        const first = await columnist.ok('health', 'listTips', { limit: 3 })
        expect(
          first.months.map((m: { month: string; label: string; tips: Array<{ title: string }> }) => [
            m.month,
            m.label,
            m.tips.map((x) => x.title),
          ]),
        ).toEqual([
          ['2026-01', '2026年1月', ['贴士4']],
          ['2025-12', '2025年12月', ['贴士3']],
          ['2025-11', '2025年11月', ['贴士2']],
        ])
        expect(first.featured).toMatchObject({ tip: { title: '贴士4' }, thisMonth: true })
        expect(first.nextBefore).toBe(stamps[1])
        const second = await columnist.ok('health', 'listTips', { limit: 3, before: first.nextBefore })
        expect(
          second.months.map((m: { month: string; tips: Array<{ title: string }> }) => [
            m.month,
            m.tips.map((x) => x.title),
          ]),
        ).toEqual([['2025-10', ['贴士1']]])
        expect(second.featured).toBeNull()
        expect(second.nextBefore).toBeUndefined()

        localClock.set(Date.UTC(2026, 2, 1, 4))
        const later = await local.login('demo-doctor') // the earlier session has expired by March
        expect((await later.ok('health', 'overview')).featured).toMatchObject({
          tip: { title: '贴士4' },
          thisMonth: false,
        })
      } finally {
        await local.close()
      }
    })

    test('when the demo column is opened, then there are tips in several months and this month has one', async () => {
      const reader = await t.login('demo-resident-11')
      const { months, featured } = await reader.ok('health', 'listTips', {})
      expect(months.length).toBeGreaterThanOrEqual(4)
      expect(featured.thisMonth).toBe(true)
      expect(months[0].tips[0].excerpt.length).toBeLessThanOrEqual(51)
    })
  })

  describe('follow, unfollow and overview', () => {
    test('when a person follows twice and unfollows twice, then the count moves by one each way', async () => {
      const person = await t.login(fresh())
      const before = (await person.ok('health', 'overview')).followers
      expect(await person.ok('health', 'follow')).toEqual({ following: true, followers: before + 1 })
      expect(await person.ok('health', 'follow')).toEqual({ following: true, followers: before + 1 })
      expect((await person.ok('health', 'overview')).following).toBe(true)
      expect(await person.ok('health', 'unfollow')).toEqual({ following: false, followers: before })
      expect(await person.ok('health', 'unfollow')).toEqual({ following: false, followers: before })
    })

    test('when an unfollowed person misses a tip, then they get no notification', async () => {
      const person = await t.login(fresh())
      await person.ok('health', 'follow')
      await person.ok('health', 'unfollow')
      await doctor.ok('health', 'publishTip', tip({ title: '没人通知的贴士' }))
      expect((await person.ok('notifications', 'list', {})).items).toEqual([])
    })

    test('when a resident opens the overview, then there is no inbox count; for a columnist there is', async () => {
      const reader = await t.login('demo-resident-5')
      const overview = await reader.ok('health', 'overview')
      expect(overview).not.toHaveProperty('inboxWaiting')
      expect(overview.myWaiting).toBeGreaterThanOrEqual(1)
      expect(typeof (await doctor.ok('health', 'overview')).inboxWaiting).toBe('number')
      expect(await userIdOf(reader)).toBeTruthy()
    })
  })

  test('when tips and Q&A are listed, then Q&A come newest first with the disclaimer and filter by category', async () => {
    const reader = await t.login('demo-resident-11')
    const all = await reader.ok('health', 'listQA', {})
    expect(all.disclaimer).toContain('急症请拨打120')
    const dates = all.items.map((i: { publishedAt: number }) => i.publishedAt)
    expect(dates).toEqual([...dates].sort((x: number, y: number) => y - x))
    const diet = await reader.ok('health', 'listQA', { category: '饮食' })
    expect(diet.items.length).toBeGreaterThan(0)
    expect(diet.items.every((i: { category: string }) => i.category === '饮食')).toBe(true)
    const firstTwo = await reader.ok('health', 'listQA', { limit: 2 })
    expect(firstTwo.items).toHaveLength(2)
    const rest = await reader.ok('health', 'listQA', { limit: 50, before: firstTwo.nextBefore })
    expect(rest.items.map((i: { entryId: string }) => i.entryId)).toEqual(
      all.items.slice(2).map((i: { entryId: string }) => i.entryId),
    )
    clock.advance(DAY)
  })
})
