import fs from 'node:fs'
import { openidFactory } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { newColumnist, question, resident } from '../support/health'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Erased means erased on disk: after 注销账号 nothing the person wrote privately is left in the
 * database file or its write-ahead log, byte for byte; the files are readable by their owner
 * only; and text taken out of the health column does not linger in its full-text index.
 */

const PRIVATE_QUESTION = '磁盘密语：服用抗抑郁药后白天总是嗜睡，能不能减量？'
const NICKNAME = '磁盘陈阿姨'
const OLD_TIP = '旧贴士密语：晨练前先喝一杯温盐水'
const NEW_TIP = '新贴士内容：晨练前先喝一杯温开水'

describe('erasure on disk', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('disk')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  const dbFile = () => t.runtime.db.name

  function rawBytes(): Buffer {
    return Buffer.concat(
      ['', '-wal'].map((suffix) =>
        fs.existsSync(dbFile() + suffix) ? fs.readFileSync(dbFile() + suffix) : Buffer.alloc(0),
      ),
    )
  }

  function found(haystack: Buffer, needles: Record<string, string>): string[] {
    return Object.entries(needles)
      .filter(([, needle]) => haystack.includes(Buffer.from(needle, 'utf8')))
      .map(([what]) => what)
  }

  test('when the database is opened, then the file and its journal are readable by their owner only', () => {
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(dbFile() + suffix)) continue
      expect([suffix, fs.statSync(dbFile() + suffix).mode & 0o777]).toEqual([suffix, 0o600])
    }
  })

  test('when someone deletes their account, then their private question, pseudonym, name and asker id are in neither the database file nor its log', async () => {
    const asker = await resident(t, admin, fresh(), 'jsh-7', '202', NICKNAME)
    await asker.client.ok(
      'health',
      'ask',
      question({ question: PRIVATE_QUESTION, category: '用药', allowPublish: false }),
    )
    const alias = (await t.runtime.deps.store.get('health_aliases', asker.userId))!.alias
    const needles = {
      question: PRIVATE_QUESTION,
      pseudonym: alias,
      nickname: NICKNAME,
      'asker id': `"askerId":"${asker.userId}"`,
    }
    // Written through the log into the file, as a long-running server would have.
    t.runtime.db.pragma('wal_checkpoint(TRUNCATE)')
    await asker.client.ok(
      'health',
      'ask',
      question({ question: `${PRIVATE_QUESTION}（补充）`, category: '用药', allowPublish: false }),
    )
    expect(found(rawBytes(), needles)).toEqual(Object.keys(needles))

    await asker.client.ok('account', 'deleteMe', { confirm: true })

    expect(found(rawBytes(), needles)).toEqual([])
    expect(fs.existsSync(`${dbFile()}-wal`) ? fs.statSync(`${dbFile()}-wal`).size : 0).toBe(0)
  })

  test('when a columnist rewrites a tip, then the old words are gone from the search index at once', async () => {
    const doctor = await newColumnist(t, admin, fresh())
    const { tipId } = await doctor.client.ok('health', 'publishTip', {
      title: '晨练小贴士',
      body: OLD_TIP,
      tags: ['晨练'],
    })
    await doctor.client.ok('health', 'editTip', { tipId, body: NEW_TIP })
    const tables = t.runtime.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'fts_%'`)
      .all() as Array<{ name: string }>
    expect(tables.length).toBeGreaterThan(0)
    const index = Buffer.concat(
      tables.flatMap(({ name }) =>
        (t.runtime.db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][])
          .flat()
          .map((cell) => (Buffer.isBuffer(cell) ? cell : Buffer.from(String(cell ?? ''), 'utf8'))),
      ),
    )
    // Every three characters of the old words that the new words do not share: the trigram index's own tokens.
    const chars = [...OLD_TIP]
    const gone = chars
      .slice(0, -2)
      .map((_, i) => chars.slice(i, i + 3).join(''))
      .filter((tri) => !NEW_TIP.includes(tri))
    expect(gone.filter((tri) => index.includes(Buffer.from(tri, 'utf8')))).toEqual([])
    expect((await doctor.client.ok('health', 'search', { q: '温开水' })).total).toBe(1)
    expect((await doctor.client.ok('health', 'search', { q: '温盐水' })).total).toBe(0)
  })
})
