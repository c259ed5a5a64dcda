import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import { backup } from '../../scripts/backup'
import { restore } from '../../scripts/restore'
import { say } from '../support/chat'
import { startTestRuntime } from '../support/runtime'
import { entryOf } from '../support/lists'

/**
 * The JSON export (`npm run backup -- --json <dir>`) and import (`npm run restore -- --json <dir>`)
 * on the local store: the same code, through the same DocumentStore port, that backs up and
 * restores a CloudBase environment (tests/contract/cloudbase-backup.test.ts).
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

/** Every declared collection's documents, parsed, by collection and id. */
function documentsOf(file: string): Record<string, Record<string, unknown>> {
  const db = new BetterSqlite3(file, { readonly: true })
  try {
    return Object.fromEntries(
      ALL_COLLECTIONS.map(({ name }) => [
        name,
        Object.fromEntries(
          (db.prepare(`SELECT id, doc FROM "c_${name}" ORDER BY id`).all() as Array<{ id: string; doc: string }>).map(
            (r) => [r.id, JSON.parse(r.doc)],
          ),
        ),
      ]),
    )
  } finally {
    db.close()
  }
}

const mode = (file: string) => fs.statSync(file).mode & 0o777

describe('every collection to JSON and back, on the local store', () => {
  let work: string
  let source: string
  let exported: string
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-json-'))
    // A demo neighbourhood with some life in it, then stopped.
    const t = await startTestRuntime()
    const resident = await t.login('demo-resident-5')
    await say(resident, 'bg-jsh-5', '楼下的快递柜修好了 👍')
    await resident.ok('account', 'updateProfile', { nickname: '王阿姨（5号楼）' })
    source = path.join(work, 'source.db')
    await t.runtime.close()
    fs.copyFileSync(path.join(t.dir, 'louzu.db'), source)
    await t.close()
    exported = path.join(work, 'export')
  })
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

  test('when the local database is exported and imported into an empty one, then every collection holds the same documents', async () => {
    const out = await run(backup, ['--json', exported], { LOUZU_DB: source })
    expect(out).toEqual({ code: 0, output: expect.stringContaining('done') })
    expect(mode(exported)).toBe(0o700)
    for (const file of fs.readdirSync(exported)) expect([file, mode(path.join(exported, file))]).toEqual([file, 0o600])
    const manifest = JSON.parse(fs.readFileSync(path.join(exported, 'manifest.json'), 'utf8'))
    expect(manifest.collections.map((c: { name: string }) => c.name)).toEqual(ALL_COLLECTIONS.map((c) => c.name))

    const target = path.join(work, 'imported.db')
    const imported = await run(restore, ['--json', exported], { LOUZU_DB: target })
    expect(imported).toEqual({ code: 0, output: expect.stringContaining('done') })

    const before = documentsOf(source)
    expect(Object.values(entryOf(before, 'users')).length).toBeGreaterThan(5)
    expect(
      Object.values(entryOf(before, 'messages')).some((m) => (m as { text: string }).text === '楼下的快递柜修好了 👍'),
    ).toBe(true)
    expect(documentsOf(target)).toEqual(before)
  })

  test('when the target already holds documents, then the import is refused, names what is there, and writes nothing', async () => {
    const bytesBefore = fs.readFileSync(source)
    const refused = await run(restore, ['--json', exported], { LOUZU_DB: source })
    expect(refused).toEqual({ code: 1, output: expect.stringMatching(/只能恢复到空的环境[\s\S]*users \(\d+\)/) })
    expect(fs.readFileSync(source).equals(bytesBefore)).toBe(true)
  })

  test.each([
    ['a file was edited', (dir: string) => fs.appendFileSync(path.join(dir, 'users.json'), ' ')],
    ['a file is missing', (dir: string) => fs.rmSync(path.join(dir, 'messages.json'))],
    [
      'there is no manifest (an export that did not finish)',
      (dir: string) => fs.rmSync(path.join(dir, 'manifest.json')),
    ],
    [
      'it names a collection this version does not have',
      (dir: string) => {
        const manifestFile = path.join(dir, 'manifest.json')
        const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
        manifest.collections.push({ name: 'from_the_future', file: 'users.json', documents: 0, sha256: '' })
        fs.writeFileSync(manifestFile, JSON.stringify(manifest))
      },
    ],
  ])('when %s, then nothing is imported', async (_what, spoil) => {
    const copy = path.join(work, `spoiled-${Math.random().toString(36).slice(2)}`)
    fs.cpSync(exported, copy, { recursive: true })
    spoil(copy)
    const target = path.join(work, `empty-${Math.random().toString(36).slice(2)}.db`)
    const refused = await run(restore, ['--json', copy], { LOUZU_DB: target })
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/没有恢复/)
    if (fs.existsSync(target))
      expect(Object.values(documentsOf(target)).every((docs) => Object.keys(docs).length === 0)).toBe(true)
  })

  test('when the directory already holds an export, then it is kept unless --force is given; --force is refused for an import', async () => {
    const manifestBefore = fs.readFileSync(path.join(exported, 'manifest.json'), 'utf8')
    expect(await run(backup, ['--json', exported], { LOUZU_DB: source })).toEqual({
      code: 1,
      output: expect.stringContaining('--force'),
    })
    expect(fs.readFileSync(path.join(exported, 'manifest.json'), 'utf8')).toBe(manifestBefore)
    expect((await run(backup, ['--json', exported, '--force'], { LOUZU_DB: source })).code).toBe(0)
    expect((await run(restore, ['--json', exported, '--force'], { LOUZU_DB: path.join(work, 'x.db') })).code).toBe(2)
  })
})
