import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import { backup } from '../../scripts/backup'
import { restore } from '../../scripts/restore'
import { CloudbaseCapture } from '../support/cloudbase-capture'
import { at, take } from '../support/lists'

/**
 * `npm run backup -- --cloudbase <dir>` and `npm run restore -- --cloudbase <dir>` with the real
 * @cloudbase/node-sdk against the capture server, whose in-memory database answers as CloudBase
 * does (tests/support/fake-cloudbase-database.ts): every declared collection is exported page by
 * page, and imported only into an environment that holds nothing.
 */

async function run(command: typeof backup, argv: string[], env: Record<string, string>) {
  const out: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')))
  const error = jest.spyOn(console, 'error').mockImplementation((...parts) => void out.push(parts.join(' ')))
  try {
    return { code: await command(argv, env), output: out.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

const byId = (docs: Array<{ _id: string }>) => [...docs].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))

/** More than two pages of one collection, and documents with every kind of value. */
const NOTIFICATIONS = Array.from({ length: 2345 }, (_, i) => ({
  _id: `nt-${String(i).padStart(5, '0')}`,
  userId: `u-${i % 37}`,
  kind: 'announcement',
  title: `第 ${i} 条通知`,
  body: '请各位邻居注意：本周六上午停水。',
  createdAt: 1_764_000_000_000 + i,
  readAt: i % 3 === 0 ? null : 1_764_000_500_000 + i,
}))
const USERS = [
  {
    _id: 'u-1',
    openid: 'o-1',
    nickname: '王阿姨',
    roles: [{ role: 'leader', buildingId: 'jsh-5' }],
    score: 4.5,
    verified: true,
    deletedAt: null,
    extra: { nested: { list: [1, 'two', null, { three: 3 }] } },
  },
  { _id: 'u-2', openid: 'o-2', nickname: 'Zhao "老伯" \\ 😀', roles: [], score: -2147483649, verified: false },
]

describe('backing up and restoring a CloudBase environment', () => {
  const source = new CloudbaseCapture({ collections: ALL_COLLECTIONS })
  const target = new CloudbaseCapture({ collections: ALL_COLLECTIONS })
  const undeployed = new CloudbaseCapture({ collections: [] })
  let work: string
  let dir: string
  const env = (serviceUrl: string) => ({
    TCB_ENV_ID: 'louzu-prod',
    TCB_SECRET_ID: 'AKIDbackup',
    TCB_SECRET_KEY: 'backup-key',
    LOUZU_TCB_SERVICE_URL: serviceUrl,
  })
  let sourceEnv: Record<string, string>
  let targetEnv: Record<string, string>
  let undeployedEnv: Record<string, string>

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-cloudbase-backup-'))
    dir = path.join(work, 'export')
    ;[sourceEnv, targetEnv, undeployedEnv] = take(
      (await Promise.all([source.start(), target.start(), undeployed.start()])).map(env),
      3,
    )
    source.database.seed('notifications', NOTIFICATIONS)
    source.database.seed('users', USERS)
  })
  afterAll(async () => {
    await Promise.all([source.close(), target.close(), undeployed.close()])
    fs.rmSync(work, { recursive: true, force: true })
  })

  test('when an environment is exported, then every declared collection is written, page by page on _id (never by offset), into 0600 files', async () => {
    const out = await run(backup, ['--cloudbase', dir], sourceEnv)
    expect(out).toEqual({
      code: 0,
      output: expect.stringContaining(
        `done: ${NOTIFICATIONS.length + USERS.length} documents in ${ALL_COLLECTIONS.length} collections`,
      ),
    })

    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.source).toBe('cloudbase:louzu-prod')
    expect(manifest.collections.map((c: { name: string }) => c.name)).toEqual(ALL_COLLECTIONS.map((c) => c.name))
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'notifications.json'), 'utf8'))).toEqual(NOTIFICATIONS)
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'users.json'), 'utf8'))).toEqual(byId(USERS))
    for (const file of fs.readdirSync(dir))
      expect([file, fs.statSync(path.join(dir, file)).mode & 0o777]).toEqual([file, 0o600])

    const pages = source.of('database.getDocument').filter((r) => r.body.collectionName === 'notifications')
    expect(pages).toHaveLength(3)
    expect(pages.map((p) => Number(p.body.limit))).toEqual([1000, 1000, 1000])
    expect(pages.every((p) => !p.body.offset)).toBe(true)
    expect(String(at(pages, 1).body.query)).toContain('nt-00999')
  })

  test('when the export is imported into an empty environment, then it holds the same documents', async () => {
    const out = await run(restore, ['--cloudbase', dir], targetEnv)
    expect(out).toEqual({ code: 0, output: expect.stringContaining('from cloudbase:louzu-prod') })
    expect(target.of('database.insertDocument').length).toBeGreaterThan(0)
    for (const { name } of ALL_COLLECTIONS)
      expect([name, byId(target.database.all(name))]).toEqual([name, byId(source.database.all(name))])
  })

  test('when the environment already holds documents, then the import is refused, names the collections, and writes nothing', async () => {
    target.requests.length = 0
    const refused = await run(restore, ['--cloudbase', dir], targetEnv)
    expect(refused).toEqual({
      code: 1,
      output: expect.stringMatching(
        /只能恢复到空的环境[\s\S]*users \(2\)[\s\S]*notifications \(2345\)|只能恢复到空的环境[\s\S]*notifications \(2345\)[\s\S]*users \(2\)/,
      ),
    })
    expect(target.of('database.insertDocument')).toEqual([])
  })

  test('when the collections were never deployed, then the import says to deploy first and writes nothing', async () => {
    const refused = await run(restore, ['--cloudbase', dir], undeployedEnv)
    expect(refused).toEqual({ code: 1, output: expect.stringContaining('npm run deploy') })
    expect(undeployed.of('database.insertDocument')).toEqual([])
  })

  test('when the keys are missing, then it names them and exits 2 without calling anything', async () => {
    const calls = source.requests.length
    const out = await run(backup, ['--cloudbase', path.join(work, 'other')], { TCB_ENV_ID: 'louzu-prod' })
    expect(out).toEqual({ code: 2, output: expect.stringContaining('TCB_SECRET_ID, TCB_SECRET_KEY') })
    expect(source.requests.length).toBe(calls)
  })
})
