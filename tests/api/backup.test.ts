import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { backup } from '../../scripts/backup'
import { KNOWN_SCHEMA_VERSION } from '../../scripts/lib/backup-targets'
import { restore } from '../../scripts/restore'
import { say } from '../support/chat'
import { TestClock } from '../support/clock'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

/**
 * `npm run backup -- <file>` and `npm run restore -- <file>` on the local database: a copy made
 * while the runtime serves and writes is whole and consistent; a restore checks the backup first
 * and never swaps the file under a running runtime.
 */

const ROOT = path.resolve(__dirname, '..', '..')
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')

const mode = (file: string) => fs.statSync(file).mode & 0o777

/** The CLI in this process, with its output captured. */
async function run(command: typeof backup, argv: string[], env: Record<string, string>) {
  const out: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')))
  const error = jest.spyOn(console, 'error').mockImplementation((...parts) => void out.push(parts.join(' ')))
  try {
    const code = await command(argv, env)
    return { code, output: out.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

/** Every row of every collection table, to compare two database files. */
function contents(file: string): Map<string, Map<string, string>> {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`)
      .all() as Array<{ name: string }>
    return new Map(
      tables.map(({ name }) => [
        name,
        new Map(
          (db.prepare(`SELECT id, doc FROM "${name}"`).all() as Array<{ id: string; doc: string }>).map((r) => [
            r.id,
            r.doc,
          ]),
        ),
      ]),
    )
  } finally {
    db.close()
  }
}

describe('backing up the local database while the runtime serves', () => {
  let t: TestRuntime
  let work: string
  let dbFile: string
  let clock: TestClock
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-backup-'))
    // The test's clock moves a second and more per message, so one resident may keep writing
    // without meeting the per-person send limit (10 per 10 s, counted in the store).
    clock = new TestClock(Date.now())
    t = await startTestRuntime({ rateLimits: false, clock })
    dbFile = path.join(t.dir, 'louzu.db')
  })
  afterAll(async () => {
    await t.close()
    fs.rmSync(work, { recursive: true, force: true })
  })

  test('when a backup runs in its own process while residents keep writing, then the copy passes its integrity check, is one 0600 file, and holds the database as of one moment', async () => {
    const resident = await t.login('demo-resident-5')
    const acknowledgedBefore = [await say(resident, 'bg-jsh-5', '备份之前的消息')]
    const file = path.join(work, 'while-writing.db')

    // Writes go on, each acknowledged, for as long as the backup process runs.
    const child = spawn(TSX, [path.join(ROOT, 'scripts', 'backup.ts'), file], {
      cwd: ROOT,
      env: { ...process.env, LOUZU_DB: dbFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)))
    let running = true
    void exited.then(() => (running = false))
    const duringBackup: string[] = []
    while (running) {
      clock.advance(1_100)
      duringBackup.push((await say(resident, 'bg-jsh-5', `备份期间的消息 ${duringBackup.length + 1}`)).messageId)
    }
    expect({ code: await exited, output }).toEqual({ code: 0, output: expect.stringContaining('backed up') })
    expect(duringBackup.length).toBeGreaterThan(5)

    expect(mode(file)).toBe(0o600)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    const copy = new BetterSqlite3(file, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      expect((copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(
        KNOWN_SCHEMA_VERSION,
      )
    } finally {
      copy.close()
    }

    const copied = contents(file)
    const live = contents(dbFile)
    // Everything acknowledged before the backup began is in it; nothing in it is torn or invented.
    for (const message of acknowledgedBefore) {
      expect(copied.get('c_messages')?.get(message.messageId)).toBeDefined()
      expect(copied.get('c_messages')?.get(message.messageId)).toBe(live.get('c_messages')?.get(message.messageId))
    }
    for (const [table, rows] of copied) {
      for (const id of rows.keys()) expect([table, id, live.get(table)?.has(id)]).toEqual([table, id, true])
    }
    for (const [id, doc] of copied.get('c_messages') ?? []) expect(doc).toBe(live.get('c_messages')?.get(id))
    // One moment: the messages it holds are a prefix of those written during the backup …
    const held = duringBackup.map((id) => copied.get('c_messages')?.has(id) ?? false)
    expect(held).toEqual([...held].sort((a, b) => Number(b) - Number(a)))
    expect(held.filter((h) => !h).length).toBeGreaterThan(0) // the last ones came after the copy
    // … and the group's counter, written in the same transaction as each message, agrees with them.
    const state = JSON.parse(copied.get('c_chat_state')?.get('bg-jsh-5') ?? '{}') as {
      lastSeq: number
      lastMessageId: string
    }
    const inGroup = [...(copied.get('c_messages')?.values() ?? [])]
      .map((doc) => JSON.parse(doc) as { _id: string; groupId: string; seq: number })
      .filter((m) => m.groupId === 'bg-jsh-5')
    const newest = inGroup.reduce((a, b) => (b.seq > a.seq ? b : a))
    expect({ lastSeq: state.lastSeq, lastMessageId: state.lastMessageId }).toEqual({
      lastSeq: newest.seq,
      lastMessageId: newest._id,
    })
  })

  test('when the backup file already exists, then it is kept unless --force is given', async () => {
    const file = path.join(work, 'exists.db')
    fs.writeFileSync(file, 'an earlier backup')
    const refused = await run(backup, [file], { LOUZU_DB: dbFile })
    expect(refused).toEqual({ code: 1, output: expect.stringContaining('--force') })
    expect(fs.readFileSync(file, 'utf8')).toBe('an earlier backup')
    expect((await run(backup, [file, '--force'], { LOUZU_DB: dbFile })).code).toBe(0)
    expect(mode(file)).toBe(0o600)
  })

  test('when there is no database, or no file is named, then it says so and exits non-zero', async () => {
    expect(await run(backup, [path.join(work, 'x.db')], { LOUZU_DB: path.join(work, 'nothing-here.db') })).toEqual({
      code: 1,
      output: expect.stringContaining('LOUZU_DB'),
    })
    expect((await run(backup, [], { LOUZU_DB: dbFile })).code).toBe(2)
    expect((await run(backup, ['a.db', '--frobnicate'], { LOUZU_DB: dbFile })).code).toBe(2)
  })
})

describe('restoring the local database', () => {
  let work: string
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-restore-'))
  })
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }))

  async function runtimeWithBackup() {
    const t = await startTestRuntime()
    const dbFile = path.join(t.dir, 'louzu.db')
    const resident = await t.login('demo-resident-5')
    const kept = await say(resident, 'bg-jsh-5', '备份里有这条')
    const backupFile = path.join(work, 'louzu-backup.db')
    expect((await run(backup, [backupFile], { LOUZU_DB: dbFile })).code).toBe(0)
    const lost = await say(resident, 'bg-jsh-5', '备份之后才发的')
    return { t, dbFile, backupFile, kept, lost }
  }

  test('when the runtime still has the database open, then the restore is refused, even with --force, and the database is untouched', async () => {
    const { t, dbFile, backupFile } = await runtimeWithBackup()
    try {
      const before = t.dbHash()
      for (const argv of [[backupFile], [backupFile, '--force']]) {
        const refused = await run(restore, argv, { LOUZU_DB: dbFile })
        expect(refused).toEqual({ code: 1, output: expect.stringContaining('正在被使用') })
      }
      expect(t.dbHash()).toBe(before)
      expect((await t.anonymous.post('/api/functions/account', { action: 'me' })).status).toBe(401) // still serving
    } finally {
      await t.close()
    }
  })

  test('when the runtime is stopped, then a database with data is replaced only with --force; the restored one is the backup, 0600, and the replaced one is kept', async () => {
    const { t, backupFile, kept, lost } = await runtimeWithBackup()
    const dir = t.dir
    const keepDir = path.join(work, 'runtime')
    await t.runtime.close()
    fs.cpSync(dir, keepDir, { recursive: true })
    fs.rmSync(dir, { recursive: true, force: true })
    const target = path.join(keepDir, 'louzu.db')

    const refused = await run(restore, [backupFile], { LOUZU_DB: target })
    expect(refused).toEqual({ code: 1, output: expect.stringContaining('--force') })
    expect(contents(target).get('c_messages')?.has(lost.messageId)).toBe(true)

    const done = await run(restore, [backupFile, '--force'], { LOUZU_DB: target })
    expect(done).toEqual({ code: 0, output: expect.stringMatching(/restored[\s\S]*before-restore/) })
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(target + suffix)) expect(mode(target + suffix)).toBe(0o600)
    const previous = fs.readdirSync(keepDir).find((name) => name.startsWith('louzu.db.before-restore-'))
    expect(previous).toBeDefined()
    expect(mode(path.join(keepDir, previous!))).toBe(0o600)
    expect(contents(path.join(keepDir, previous!)).get('c_messages')?.has(lost.messageId)).toBe(true)

    // The runtime starts on the restored database and serves what the backup held.
    const again = await startTestRuntime({ dbFile: target, secretFile: path.join(keepDir, 'secret.key') })
    try {
      expect(again.runtime.seeded).toBe(false)
      const resident = await again.login('demo-resident-5')
      const history = await resident.ok('chat', 'history', { groupId: 'bg-jsh-5' })
      const ids = (history.items as Array<{ messageId: string }>).map((m) => m.messageId)
      expect(ids).toContain(kept.messageId)
      expect(ids).not.toContain(lost.messageId)
    } finally {
      await again.close()
    }
  })

  test('when the database file is missing or empty, then the backup is restored without --force', async () => {
    const { t, backupFile } = await runtimeWithBackup()
    await t.close()
    const target = path.join(work, 'fresh', 'louzu.db')
    const done = await run(restore, [backupFile], { LOUZU_DB: target })
    expect(done.code).toBe(0)
    expect(mode(target)).toBe(0o600)
    expect(new BetterSqlite3(target, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok')
  })

  describe('a backup that is not fit to restore', () => {
    let t: TestRuntime
    let dbFile: string
    let good: string
    beforeAll(async () => {
      t = await startTestRuntime()
      dbFile = path.join(t.dir, 'louzu.db')
      good = path.join(t.dir, 'good-backup.db')
      expect((await run(backup, [good], { LOUZU_DB: dbFile })).code).toBe(0)
      await t.runtime.close()
    })
    afterAll(() => t.close())

    const variants: Array<[string, (file: string) => void, RegExp]> = [
      [
        'damaged (a page overwritten)',
        (file) => {
          const fd = fs.openSync(file, 'r+')
          const pageSize = fs.readFileSync(file).readUInt16BE(16)
          fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * 3)
          fs.closeSync(fd)
        },
        /损坏|integrity|不是可用/,
      ],
      [
        'not a database at all',
        (file) => fs.writeFileSync(file, 'hello, this is a text file'.repeat(100)),
        /不是可用的数据库/,
      ],
      [
        'made by a newer version',
        (file) => {
          const db = new BetterSqlite3(file)
          db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
            KNOWN_SCHEMA_VERSION + 1,
            'from the future',
            Date.now(),
          )
          db.close()
        },
        /更新的版本/,
      ],
      [
        'some other SQLite database',
        (file) => {
          fs.rmSync(file)
          const db = new BetterSqlite3(file)
          db.exec('CREATE TABLE notes (x TEXT)')
          db.close()
        },
        /不是楼组一片天/,
      ],
    ]

    test.each(variants)(
      'when the backup is %s, then nothing is restored and the database is unchanged',
      async (_what, spoil, reason) => {
        const bad = path.join(work, 'bad.db')
        fs.copyFileSync(good, bad)
        spoil(bad)
        const before = fs.readFileSync(dbFile)
        const refused = await run(restore, [bad, '--force'], { LOUZU_DB: dbFile })
        expect(refused).toEqual({ code: 1, output: expect.stringMatching(reason) })
        expect(fs.readFileSync(dbFile).equals(before)).toBe(true)
        expect(
          fs
            .readdirSync(path.dirname(dbFile))
            .filter((name) => name.includes('before-restore') || name.includes('.restoring')),
        ).toEqual([])
      },
    )
  })
})
