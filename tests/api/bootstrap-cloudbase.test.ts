import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import { CloudbaseCapture } from '../support/cloudbase-capture'
import { runBootstrap, writeCsv } from '../support/bootstrap'

describe('npm run bootstrap against a CloudBase environment (TCB_ENV_ID)', () => {
  const capture = new CloudbaseCapture({ collections: ALL_COLLECTIONS })
  let env: Record<string, string | undefined>
  let dir: string
  beforeAll(async () => {
    const serviceUrl = await capture.start()
    env = { TCB_ENV_ID: 'louzu-test', TCB_SECRET_ID: 'id', TCB_SECRET_KEY: 'key', LOUZU_TCB_SERVICE_URL: serviceUrl }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-bootstrap-'))
  })
  afterAll(async () => {
    await capture.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('when a sheet is loaded, then the environment holds the estates, buildings, groups, join codes and households, and a re-run writes nothing', async () => {
    const sheet = writeCsv(dir, 'mine.csv', [
      ['小区', '楼栋', '房号', '楼组长'],
      ['梅村', '1', '101', '张阿姨'],
      ['梅村', '1', '102', ''],
      ['梅村', '2', '101', ''],
    ])
    const run = await runBootstrap([sheet], env)
    expect(run.code).toBe(0)
    expect(run.out).toContain('CloudBase 环境 louzu-test')
    const db = capture.database
    expect(db.all('estates').map((e) => e.name)).toEqual(['梅村'])
    expect(
      db
        .all('buildings')
        .map((b) => [b.name, b.householdCount, b.leaderNote ?? null])
        .sort(),
    ).toEqual([
      ['1号楼', 2, '张阿姨'],
      ['2号楼', 1, null],
    ])
    expect(db.all('groups')).toHaveLength(2)
    expect(db.all('join_codes')).toHaveLength(2)
    expect(db.all('households')).toHaveLength(3)

    const writes = () => capture.of().filter((r) => /insert|modify|remove/i.test(r.action)).length
    const before = writes()
    expect(before).toBeGreaterThan(0)
    const again = await runBootstrap([sheet], env)
    expect(again.code).toBe(0)
    expect(again.out).toContain('没有要改的')
    expect(writes()).toBe(before)
  })

  test('when the keys are missing, then it says which and exits 2', async () => {
    const run = await runBootstrap(
      [
        writeCsv(dir, 'x.csv', [
          ['小区', '楼栋', '房号'],
          ['梅村', '1', '101'],
        ]),
      ],
      { TCB_ENV_ID: 'louzu-test' },
    )
    expect(run.code).toBe(2)
    expect(run.err).toContain('TCB_SECRET_ID、TCB_SECRET_KEY')
  })
})
