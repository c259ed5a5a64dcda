import path from 'node:path'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { expectError } from '../support/api-expect'
import { runBootstrap, writeCsv } from '../support/bootstrap'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at } from '../support/lists'

const SHEET = [
  ['小区', '楼栋', '房号'],
  ['梅村', '1', '101'],
  ['梅村', '1', '102'],
]

function claimCodeIn(out: string): string {
  const match = /居委会认领码：([\d-]+)/.exec(out)
  if (!match) throw new Error(`no claim code printed:\n${out}`)
  return at(match, 1)
}

describe('the first committee member', () => {
  let t: TestRuntime
  let clock: TestClock
  let env: Record<string, string | undefined>
  let sheet: string
  beforeEach(async () => {
    clock = new TestClock(Date.now())
    t = await startTestRuntime({ seed: 'none', clock, rateLimits: false })
    env = { LOUZU_DB: path.join(t.dir, 'louzu.db') }
    sheet = writeCsv(t.dir, 'sheet.csv', SHEET)
  })
  afterEach(() => t.close())

  async function staff(openid: string, nickname = '陈老师'): Promise<ApiClient> {
    const client = await t.login(openid, nickname)
    await client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
    return client
  }

  test('when the neighbourhood is loaded, then a claim code is printed once and stored only as a hash', async () => {
    expect(await t.anonymous.ok('account', 'setupStatus')).toEqual({
      neighbourhoodLoaded: false,
      committeeClaimed: false,
    })
    const run = await runBootstrap([sheet], env)
    const code = claimCodeIn(run.out)
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/)
    const stored = await t.runtime.deps.store.get('committee_claims', 'committee')
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''))
    expect(await t.anonymous.ok('account', 'setupStatus')).toEqual({
      neighbourhoodLoaded: true,
      committeeClaimed: false,
    })
  })

  test('when the import is run again while the code waits, then no new code is printed unless asked for, and the asked-for one replaces it', async () => {
    const first = claimCodeIn((await runBootstrap([sheet], env)).out)
    const again = await runBootstrap([sheet], env)
    expect(again.out).not.toContain('居委会认领码：')
    expect(again.out).toContain('--new-claim-code')
    const second = claimCodeIn((await runBootstrap([sheet, '--new-claim-code'], env)).out)
    expect(second).not.toBe(first)
    const chen = await staff('chen-laoshi')
    expectError(await chen.call('account', 'claimCommittee', { code: first }), 400, 'ACCOUNT.CLAIM_INVALID')
    expect((await chen.ok('account', 'claimCommittee', { code: second })).roles).toEqual([{ role: 'admin' }])
  })

  test('when a signed-in staff member types the code, then they are the committee, it is in the audit log, and the code is spent', async () => {
    const code = claimCodeIn((await runBootstrap([sheet], env)).out)
    const chen = await staff('chen-laoshi')
    const me = await chen.ok('account', 'claimCommittee', { code: ` ${code.replace(/-/g, ' ')} ` })
    expect(me.roles).toEqual([{ role: 'admin' }])
    expect(await chen.ok('account', 'listStaff')).toMatchObject({ staff: [{ nickname: '陈老师', role: 'admin' }] })
    const log = await chen.ok('account', 'listAuditLog', {})
    expect(log.entries).toEqual([
      expect.objectContaining({ action: 'committee.claimed', actor: '陈老师', subject: '陈老师' }),
    ])

    const other = await staff('someone-else')
    expectError(await other.call('account', 'claimCommittee', { code }), 409, 'ACCOUNT.CLAIM_EXPIRED')
    expect((await other.ok('account', 'me')).roles).toEqual([])
    // With a committee in place, a new import prints no new code.
    expect((await runBootstrap([sheet], env)).out).not.toContain('居委会认领码')
    expect(await t.anonymous.ok('account', 'setupStatus')).toEqual({
      neighbourhoodLoaded: true,
      committeeClaimed: true,
    })
  })

  test('when wrong codes are typed, then each counts in the store, and after 10 the right code no longer works', async () => {
    const code = claimCodeIn((await runBootstrap([sheet], env)).out)
    const guesser = await staff('guesser')
    for (let i = 0; i < 10; i++)
      expectError(
        await guesser.call('account', 'claimCommittee', { code: `0000-0000-${String(i).padStart(4, '0')}` }),
        400,
        'ACCOUNT.CLAIM_INVALID',
      )
    expect((await t.runtime.deps.store.get('committee_claims', 'committee'))?.failedAttempts).toBe(10)
    expectError(await guesser.call('account', 'claimCommittee', { code }), 409, 'ACCOUNT.CLAIM_EXPIRED')
    expect((await guesser.ok('account', 'me')).roles).toEqual([])
  })

  test('when more than 24 hours have passed, then the code is refused', async () => {
    const code = claimCodeIn((await runBootstrap([sheet], env)).out)
    // The script stamps the code with the real time; the runtime's clock moves a day and an hour on.
    clock.advance(25 * 3600_000)
    const chen = await staff('chen-laoshi')
    expectError(await chen.call('account', 'claimCommittee', { code }), 409, 'ACCOUNT.CLAIM_EXPIRED')
  })

  test('when the code is malformed, then it is refused at the boundary naming the field', async () => {
    const chen = await staff('chen-laoshi')
    const result = await chen.call('account', 'claimCommittee', { code: '12345' })
    expectError(result, 400, 'INPUT.INVALID', 'code')
  })

  test('when LOUZU_BOOTSTRAP_ADMINS names openids, then the import makes them the committee instead of printing a code, and says so in the audit log', async () => {
    const run = await runBootstrap([sheet], { ...env, LOUZU_BOOTSTRAP_ADMINS: 'wx-openid-chen, wx-openid-li' })
    expect(run.code).toBe(0)
    expect(run.out).not.toContain('居委会认领码')
    expect(run.out).toContain('已设为居委会管理员（LOUZU_BOOTSTRAP_ADMINS）：wx-openid-chen、wx-openid-li')
    const chen = await staff('wx-openid-chen')
    expect((await chen.ok('account', 'me')).roles).toEqual([{ role: 'admin' }])
    const log = await chen.ok('account', 'listAuditLog', {})
    expect(log.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['committee.bootstrapAdmin', '运维脚本'],
      ['committee.bootstrapAdmin', '运维脚本'],
    ])
    // Running it again changes nothing.
    const before = t.dbHash()
    expect(
      (await runBootstrap([sheet], { ...env, LOUZU_BOOTSTRAP_ADMINS: 'wx-openid-chen,wx-openid-li' })).out,
    ).toContain('已经是居委会管理员：wx-openid-chen、wx-openid-li')
    expect(t.dbHash()).toBe(before)
  })

  test('when LOUZU_BOOTSTRAP_ADMINS holds something that is not an openid, then nothing is written and it says which', async () => {
    const before = t.dbHash()
    const run = await runBootstrap([sheet], { ...env, LOUZU_BOOTSTRAP_ADMINS: 'ok-id,陈老师' })
    expect(run.code).toBe(2)
    expect(run.err).toContain('「陈老师」')
    expect(t.dbHash()).toBe(before)
  })

  test('when the committee appoints a leader, then the audit log records who gave whom which role', async () => {
    const code = claimCodeIn((await runBootstrap([sheet], env)).out)
    const chen = await staff('chen-laoshi')
    await chen.ok('account', 'claimCommittee', { code })
    const zhang = await staff('zhang-ayi', '张阿姨')
    const { userId } = await zhang.ok('account', 'me')
    const { estates } = await chen.ok('account', 'listBuildings')
    const buildingId = estates[0].buildings[0].buildingId
    clock.advance(60_000)
    await chen.ok('account', 'assignRole', { userId, role: 'leader', buildingId })
    const log = await chen.ok('account', 'listAuditLog', {})
    expect(log.entries[0]).toMatchObject({
      action: 'role.assigned',
      actor: '陈老师',
      subject: '张阿姨',
      detail: '楼组长（梅村 1号楼）',
    })
    expectError(await zhang.call('account', 'listAuditLog', {}), 403, 'AUTH.FORBIDDEN')
  })
})
