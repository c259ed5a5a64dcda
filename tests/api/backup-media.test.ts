import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backup } from '../../scripts/backup'
import { restore } from '../../scripts/restore'
import { eventually, linksFor, photoWithGps, sendPhoto, upload } from '../support/media'
import { historyOf } from '../support/chat'
import { startTestRuntime } from '../support/runtime'
import { browserVoice, sendVoiceMessage } from '../support/voice'

/** The CLI in this process, with its output captured. */
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

const mode = (file: string) => fs.statSync(file).mode & 0o777

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

describe('photos and voice files in the local backup', () => {
  let work: string
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-backup-media-'))
  })
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }))

  test('when the database is backed up, then the chat media come along beside it (0600), without pending uploads or the link key, and a restore puts them back so the restored runtime serves them', async () => {
    const t = await startTestRuntime({ mediaCheck: { delayMs: 50 } })
    const dbFile = path.join(t.dir, 'louzu.db')
    const resident = await t.login('demo-resident-5')
    const photo = await sendPhoto(resident, 'bg-jsh-5', await photoWithGps())
    const voice = await sendVoiceMessage(resident, 'bg-jsh-5', browserVoice(2))
    const stray = await upload(resident, await photoWithGps({ colour: '#00aa00' }))
    await eventually(
      () => historyOf(resident, 'bg-jsh-5', { limit: 5 }),
      (page) => page.items.filter((m) => m.image?.review === 'passed' || m.voice?.review === 'passed').length === 2,
    )
    const docs = await t.runtime.deps.store.getMany('messages', [photo.messageId, voice.messageId])
    const keys = docs.flatMap((d) => [d.media!.key, ...(d.media!.thumbKey ? [d.media!.thumbKey] : [])]).sort()

    const backupFile = path.join(work, 'louzu-backup.db')
    const done = await run(backup, [backupFile], { LOUZU_DB: dbFile })
    expect(done).toEqual({ code: 0, output: expect.stringContaining('photos and voice: 3 files') })
    const media = `${backupFile}.media`
    expect(filesUnder(media)).toEqual(keys)
    expect(mode(media)).toBe(0o700)
    for (const key of keys) {
      expect(mode(path.join(media, key))).toBe(0o600)
      expect(fs.readFileSync(path.join(media, key)).equals(fs.readFileSync(t.runtime.media.files.fileOf(key)!))).toBe(
        true,
      )
    }
    expect(filesUnder(media).some((f) => f.startsWith('uploads') || f.includes(stray.split('/')[2]!))).toBe(false)
    expect(fs.existsSync(path.join(media, '.link-key'))).toBe(false)

    // The runtime stops; its media are lost; the restore brings them back.
    const keepDir = path.join(work, 'runtime')
    await t.runtime.close()
    fs.cpSync(t.dir, keepDir, { recursive: true })
    fs.rmSync(t.dir, { recursive: true, force: true })
    fs.rmSync(path.join(keepDir, 'media', 'chat'), { recursive: true, force: true })
    const target = path.join(keepDir, 'louzu.db')
    const restored = await run(restore, [backupFile, '--force'], { LOUZU_DB: target })
    expect(restored).toEqual({ code: 0, output: expect.stringContaining('photos and voice: 3 files restored') })
    expect(filesUnder(path.join(keepDir, 'media', 'chat')).map((f) => `chat/${f}`)).toEqual(keys)

    const again = await startTestRuntime({ dbFile: target, secretFile: path.join(keepDir, 'secret.key') })
    try {
      const back = await again.login('demo-resident-5')
      const links = await linksFor(back, 'bg-jsh-5', [photo.messageId, voice.messageId])
      expect(links.items).toHaveLength(2)
      for (const link of links.items) expect((await fetch(again.url + link.url)).status).toBe(200)
    } finally {
      await again.close()
    }
  })

  test('when a backup from before media were backed up is restored, then the media folder is left as it is and it says so', async () => {
    const t = await startTestRuntime()
    const dbFile = path.join(t.dir, 'louzu.db')
    const backupFile = path.join(work, 'old.db')
    expect((await run(backup, [backupFile], { LOUZU_DB: dbFile })).code).toBe(0)
    fs.rmSync(`${backupFile}.media`, { recursive: true, force: true })
    await t.close()
    const target = path.join(work, 'fresh', 'louzu.db')
    const done = await run(restore, [backupFile], { LOUZU_DB: target })
    expect(done).toEqual({ code: 0, output: expect.stringContaining('no photos and voice files') })
  })
})
