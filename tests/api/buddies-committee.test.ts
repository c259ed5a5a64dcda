import { expectError, expectUnchanged, openidFactory } from '../support/api-expect'
import { newBuddy, roomFactory } from '../support/buddies'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

type Row = {
  userId: string
  nickname: string
  ageBand: string
  interests: string[]
  skills: string[]
  buildingId?: string
  buildingLabel: string
  workplace?: string
  groupCount: number
  totalMinutes: number
}
type Count = { key: string; label: string; count: number }

describe('buddies: the committee’s view', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock(Date.UTC(2026, 10, 28, 2, 0, 0))
  const fresh = openidFactory('buddy-committee')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const members = async (filters: Record<string, unknown> = {}) =>
    (await admin.ok('buddies', 'listMembers', filters)) as { members: Row[]; total: number }

  test('when the committee lists buddies, then every buddy is there with where they live, groups and hours, and no room', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'mc-7', room('mc-7'), {
      nickname: '小列表',
      ageBand: '18-25',
      interests: ['书画'],
      skills: ['外语翻译'],
    })
    await buddy.client.ok('buddies', 'joinGroup', { groupId: 'ig-reading' })
    const { members: rows, total } = await members()
    expect(total).toBe(rows.length)
    expect(total).toBe(56) // 55 seeded, and this one
    expect(rows.find((r) => r.userId === buddy.userId)).toEqual(
      expect.objectContaining({
        nickname: '小列表',
        ageBand: '18-25',
        interests: ['书画'],
        skills: ['外语翻译'],
        buildingId: 'mc-7',
        buildingLabel: '梅村 7号楼',
        groupCount: 1,
        totalMinutes: 0,
      }),
    )
    expect(JSON.stringify(rows)).not.toContain('"room"')
    // Seeded hours show up against their helpers.
    expect(rows.reduce((n, r) => n + r.totalMinutes, 0)).toBe(210)
  })

  test('when filters are given, then only buddies matching all of them are listed', async () => {
    const a = await newBuddy(t, admin, fresh(), 'mc-7', room('mc-7'), {
      ageBand: '36-45',
      interests: ['园艺', '电影'],
      skills: ['法律咨询'],
    })
    const b = await newBuddy(t, admin, fresh(), 'mc-7', room('mc-7'), {
      ageBand: '18-25',
      interests: ['园艺'],
      skills: ['法律咨询'],
    })
    const inBuilding = await members({ buildingId: 'mc-7' })
    expect(inBuilding.members.every((r) => r.buildingId === 'mc-7')).toBe(true)
    expect(inBuilding.members.map((r) => r.userId)).toEqual(expect.arrayContaining([a.userId, b.userId]))
    expect((await members({ interest: '电影' })).members.every((r) => r.interests.includes('电影'))).toBe(true)
    expect((await members({ skill: '法律咨询' })).members.map((r) => r.userId).sort()).toEqual(
      [a.userId, b.userId].sort(),
    )
    expect((await members({ skill: '法律咨询', ageBand: '36-45' })).members.map((r) => r.userId)).toEqual([a.userId])
    expect(
      (await members({ buildingId: 'mc-7', interest: '园艺', skill: '法律咨询', ageBand: '18-25' })).members.map(
        (r) => r.userId,
      ),
    ).toEqual([b.userId])
    expect(await members({ buildingId: 'jsh-1', skill: '法律咨询' })).toEqual({ members: [], total: 0 })
  })

  test('when a buddy has moved away, then they are listed without a building, and not under their old one', async () => {
    const buddy = await newBuddy(t, admin, fresh(), 'mc-6', room('mc-6'))
    await admin.ok('account', 'removeResident', { membershipId: buddy.membershipId })
    const row = (await members()).members.find((r) => r.userId === buddy.userId)
    expect(row).toMatchObject({ buildingLabel: '未在楼组认证' })
    expect(row).not.toHaveProperty('buildingId')
    expect((await members({ buildingId: 'mc-6' })).members.map((r) => r.userId)).not.toContain(buddy.userId)
  })

  test('when the building filter names no building, then NOT_FOUND', async () => {
    expectError(await admin.call('buddies', 'listMembers', { buildingId: 'jsh-99' }), 404, 'NOT_FOUND')
  })

  test('when the committee looks at the numbers, then counts per building and per interest agree with the list', async () => {
    await newBuddy(t, admin, fresh(), 'hsgef-9', room('hsgef-9'), { interests: ['旅行', '读书'] })
    const stats = await admin.ok('buddies', 'memberStats')
    const { members: rows } = await members()
    expect(stats.total).toBe(rows.length)
    expect((stats.byBuilding as Count[]).reduce((n, c) => n + c.count, 0)).toBe(rows.length)
    for (const row of stats.byBuilding as Count[]) {
      expect(row.count).toBe(rows.filter((r) => (r.buildingId ?? '') === row.key).length)
      expect(row.count).toBeGreaterThan(0)
    }
    expect((stats.byBuilding as Count[]).find((c) => c.key === 'hsgef-9')).toMatchObject({ label: '合生高尔夫 9号楼' })
    for (const row of stats.byInterest as Count[])
      expect(row.count).toBe(rows.filter((r) => r.interests.includes(row.key)).length)
    expect((stats.byInterest as Count[]).map((c) => c.key).sort()).toEqual(
      expect.arrayContaining(['读书', '旅行', '时政']),
    )
    // Most first.
    const counts = (stats.byInterest as Count[]).map((c) => c.count)
    expect(counts).toEqual([...counts].sort((x, y) => y - x))
    expect((stats.byAgeBand as Count[]).reduce((n, c) => n + c.count, 0)).toBe(rows.length)
    expect(stats.totalMinutes).toBe(rows.reduce((n, r) => n + r.totalMinutes, 0))
  })

  test('when the committee exports, then the CSV has a header, one line per buddy, and is safe to open in a spreadsheet', async () => {
    await newBuddy(t, admin, fresh(), 'mc-1', room('mc-1'), {
      nickname: '=HYPERLINK("x")',
      workplace: '上海银行,陆家嘴支行',
      interests: ['烹饪'],
      skills: ['心理陪伴'],
    })
    const exported = await expectUnchanged(t, () => admin.ok('buddies', 'exportMembers', { skill: '心理陪伴' }))
    expect(exported.filename).toBe('网络小伙伴名单-2026-11-28.csv')
    expect(
      exported.csv.startsWith(
        '\uFEFF称呼,年龄段,楼组,兴趣,自定义标签,技能,工作单位,空闲时间,加入小组数,志愿时长（分钟）,报名日期\r\n',
      ),
    ).toBe(true)
    const lines = exported.csv.trim().split('\r\n')
    expect(lines).toHaveLength(exported.rows + 1)
    expect(exported.rows).toBe((await members({ skill: '心理陪伴' })).total)
    const line = lines.find((l: string) => l.includes('HYPERLINK'))
    expect(line).toContain(`"'=HYPERLINK(""x"")"`)
    expect(line).toContain('"上海银行,陆家嘴支行"')
    expect(line).toContain('26–35 岁,梅村 1号楼,烹饪,咖啡,心理陪伴')
    expect(line).toContain(',周末,0,0,2026-11-28')
  })

  test('when the committee looks at workplaces, then buddies of one workplace are counted together with the buildings they live in', async () => {
    await newBuddy(t, admin, fresh(), 'jsh-2', room('jsh-2'), { workplace: '静安嘉里中心' })
    await newBuddy(t, admin, fresh(), 'jsh-2', room('jsh-2'), { workplace: '静安嘉里中心 ' })
    await newBuddy(t, admin, fresh(), 'hsgef-1', room('hsgef-1'), { workplace: '静安 嘉里中心' })
    const withoutBefore = (await admin.ok('buddies', 'workplacePairs')).withoutWorkplace
    await newBuddy(t, admin, fresh(), 'hsgef-1', room('hsgef-1'), { workplace: undefined })
    const { workplaces, withoutWorkplace } = await admin.ok('buddies', 'workplacePairs')
    expect(withoutWorkplace).toBe(withoutBefore + 1)
    expect(workplaces.find((w: { workplace: string }) => w.workplace === '静安嘉里中心')).toEqual({
      workplace: '静安嘉里中心',
      count: 3,
      buildings: [
        { key: 'jsh-2', label: '金上海家园 2号楼', count: 2 },
        { key: 'hsgef-1', label: '合生高尔夫 1号楼', count: 1 },
      ],
    })
    const counts = workplaces.map((w: { count: number }) => w.count)
    expect(counts).toEqual([...counts].sort((x: number, y: number) => y - x))
  })
})
