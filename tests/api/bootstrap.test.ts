import path from 'node:path'
import { readSheet } from '../../scripts/lib/read-sheet'
import { checkSheet } from '../../cloudfunctions/core/account/bootstrap/neighbourhood-sheet'
import { runBootstrap, TEMPLATE_CSV, TEMPLATE_XLSX, writeCsv } from '../support/bootstrap'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { firstOf } from '../support/lists'

const HEADER = ['小区', '楼栋', '房号', '楼组长']

async function counts(t: TestRuntime) {
  const store = t.runtime.deps.store
  return {
    estates: await store.count('estates', {}),
    buildings: await store.count('buildings', {}),
    households: await store.count('households', {}),
    groups: await store.count('groups', { kind: 'building' }),
    joinCodes: await store.count('join_codes', {}),
  }
}

describe('npm run bootstrap: loading the neighbourhood from the committee sheet', () => {
  let t: TestRuntime
  let env: Record<string, string | undefined>
  beforeEach(async () => {
    t = await startTestRuntime({ seed: 'none' })
    env = { LOUZU_DB: path.join(t.dir, 'louzu.db') }
  })
  afterEach(() => t.close())

  test('when the template is dry-run, then it prints the pilot counts and writes nothing', async () => {
    const before = t.dbHash()
    const run = await runBootstrap([TEMPLATE_CSV, '--dry-run'], env)
    expect(run.code).toBe(0)
    expect(run.out).toContain('表中：3 个小区，35 栋楼，1101 户')
    expect(run.out).toContain('新建小区 3 个：金上海家园、合生高尔夫、梅村')
    expect(run.out).toContain('楼组群 35 个，入楼码 35 个')
    expect(run.out).toContain('新建住户 1101 户')
    expect(t.dbHash()).toBe(before)
  })

  test('when the template is loaded, then every estate, building, household, building group and join code exists, and a re-run changes nothing', async () => {
    const run = await runBootstrap([TEMPLATE_CSV], env)
    expect(run.code).toBe(0)
    expect(await counts(t)).toEqual({ estates: 3, buildings: 35, households: 1101, groups: 35, joinCodes: 35 })
    const store = t.runtime.deps.store
    const buildings = await store.find('buildings', {}, { limit: 1000 })
    const shop = buildings.find((b) => b.name === '8号楼' && b.householdCount === 19)
    expect(shop).toBeDefined()
    const households = await store.find('households', { buildingId: shop!._id }, { limit: 1000 })
    expect(households.map((h) => h.room)).not.toContain('101')
    const group = await store.get('groups', `bg-${shop!._id}`)
    expect(group).toMatchObject({ kind: 'building', buildingId: shop!._id, name: '梅村 8号楼' })

    const loaded = t.dbHash()
    const again = await runBootstrap([TEMPLATE_CSV], env)
    expect(again.code).toBe(0)
    expect(again.out).toContain('数据库已与表格一致，没有要改的。')
    expect(t.dbHash()).toBe(loaded)
  })

  test('when the template is read as XLSX, then it describes exactly the same neighbourhood as the CSV', async () => {
    const [csv, xlsx] = await Promise.all([readSheet(TEMPLATE_CSV), readSheet(TEMPLATE_XLSX)])
    const fromCsv = checkSheet(csv)
    expect(fromCsv.ok).toBe(true)
    expect(checkSheet(xlsx)).toEqual(fromCsv)
  })

  describe.each([
    [
      'an unknown column',
      [
        [...HEADER, '电话'],
        ['梅村', '1', '101', '', ''],
      ],
      '第 1 行：不认识的列「电话」',
    ],
    [
      'a missing column',
      [
        ['小区', '房号'],
        ['梅村', '101'],
      ],
      '第 1 行：缺少「楼栋」列',
    ],
    ['an empty cell', [HEADER, ['梅村', '1', '101', ''], ['梅村', '', '102', '']], '第 3 行：「楼栋」是空的'],
    [
      'a duplicate room',
      [HEADER, ['梅村', '1', '101', ''], ['梅村', '1号楼', '102', ''], ['梅村', '1号楼', '101室', '']],
      '第 4 行：梅村 1号楼 101 与第 2 行重复',
    ],
    [
      'an implausible room number',
      [HEADER, ['梅村', '1', '101', ''], ['梅村', '1', '10', '']],
      '第 3 行：房号「10」不像门牌号',
    ],
    ['a door number past 30', [HEADER, ['梅村', '1', '1299', '']], '第 2 行：房号「1299」不像门牌号'],
    [
      'two leaders noted for one building',
      [HEADER, ['梅村', '1', '101', '张阿姨'], ['梅村', '1', '102', '李老伯']],
      '第 3 行：梅村 1号楼 的楼组长写的是「李老伯」，第 2 行写的是「张阿姨」',
    ],
  ])('when the sheet has %s', (_what, rows, message) => {
    test('then the line is named, the exit code is 1 and the database is unchanged', async () => {
      await runBootstrap([TEMPLATE_CSV], env)
      const before = t.dbHash()
      const run = await runBootstrap([writeCsv(t.dir, 'bad.csv', rows)], env)
      expect(run.code).toBe(1)
      expect(run.err).toContain(message)
      expect(run.err).toContain('没有写入任何内容')
      expect(t.dbHash()).toBe(before)
    })
  })

  test('when every problem is in one sheet, then all are listed at once with their lines', async () => {
    const run = await runBootstrap(
      [
        writeCsv(t.dir, 'bad.csv', [
          HEADER,
          ['梅村', '1', '101', ''],
          ['', '1', '102', ''],
          ['梅村', '1', 'abc', ''],
          ['梅村', '1', '101', ''],
        ]),
      ],
      env,
    )
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/第 3 行：.*\n.*第 4 行：.*\n.*第 5 行：/)
  })

  describe('when an edited sheet is loaded again', () => {
    const small = (rooms: string[], leader = '') => [
      HEADER,
      ...rooms.map((room, i) => ['梅村', '1', room, i === 0 ? leader : '']),
    ]

    test('then only the difference is applied: new rooms added, dropped empty rooms removed, the note updated', async () => {
      expect((await runBootstrap([writeCsv(t.dir, 'v1.csv', small(['101', '102', '103']))], env)).code).toBe(0)
      const store = t.runtime.deps.store
      const building = firstOf(await store.find('buildings', {}, { limit: 10 }))
      const joinCode = await store.get('join_codes', building._id)

      const run = await runBootstrap([writeCsv(t.dir, 'v2.csv', small(['101', '103', '104', '105'], '张阿姨'))], env)
      expect(run.code).toBe(0)
      expect(run.out).toContain('新建住户 2 户')
      expect(run.out).toContain('删除住户 1 户（表里没有了），其中 0 户有居民')
      expect(run.out).toContain('户数 3 → 4')
      const rooms = (await store.find('households', { buildingId: building._id }, { limit: 100 }))
        .map((h) => h.room)
        .sort()
      expect(rooms).toEqual(['101', '103', '104', '105'])
      expect(await store.get('buildings', building._id)).toMatchObject({
        householdCount: 4,
        leaderNote: '张阿姨',
      })
      // The building, its group and the code on its lobby poster stay the same.
      expect(await store.count('buildings', {})).toBe(1)
      expect(await store.get('join_codes', building._id)).toEqual(joinCode)
    })

    test('then a household someone lives in is not removed without --allow-removals, and with it they are moved out and named', async () => {
      await runBootstrap([writeCsv(t.dir, 'v1.csv', small(['101', '102']))], env)
      const store = t.runtime.deps.store
      const building = firstOf(await store.find('buildings', {}, { limit: 10 }))
      const code = (await store.get('join_codes', building._id))!.code
      const resident = await t.login('new-resident-102', '孙阿姨')
      await resident.ok('account', 'acceptPrivacy', {
        version: (await import('../../contracts')).PRIVACY_NOTICE_VERSION,
      })
      await resident.ok('account', 'applyToBuilding', { buildingId: building._id, room: '102', joinCode: code })

      const before = t.dbHash()
      const refused = await runBootstrap([writeCsv(t.dir, 'v2.csv', small(['101']))], env)
      expect(refused.code).toBe(1)
      expect(refused.err).toContain('梅村 1号楼 102：孙阿姨（已认证）')
      expect(refused.err).toContain('--allow-removals')
      expect(t.dbHash()).toBe(before)

      const allowed = await runBootstrap([writeCsv(t.dir, 'v2.csv', small(['101'])), '--allow-removals'], env)
      expect(allowed.code).toBe(0)
      expect(allowed.out).toContain('已迁出：梅村 1号楼 102（孙阿姨（已认证））')
      expect(await store.count('households', { buildingId: building._id })).toBe(1)
      const membership = firstOf(await store.find('memberships', { buildingId: building._id }, { limit: 10 }))
      expect(membership.status).toBe('ended')
      const me = await resident.ok('account', 'me')
      expect(me.membership.status).toBe('ended')
    })
  })
})
