import fs from 'node:fs'
import { runMediaRetention } from '../../cloudfunctions/functions/events-reminders/handler'
import { DEFAULT_MEDIA_RETENTION_DAYS } from '../../contracts'
import { historyOf, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { eventually, photoWithGps, sendPhoto } from '../support/media'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { browserVoice, sendVoiceMessage } from '../support/voice'

const DAY = 24 * 60 * 60 * 1000

describe('chat: how long photos and voice messages are kept', () => {
  let t: TestRuntime
  const clock = new TestClock()
  beforeAll(async () => {
    t = await startTestRuntime({ clock, mediaCheck: { delayMs: 20 }, jobs: false })
  })
  afterAll(() => t.close())

  const stored = (id: string) => t.runtime.deps.store.get('messages', id)
  const fileOf = (key: string) => t.runtime.media.files.fileOf(key)!

  test('when photos and voice messages pass a year, then the timer deletes their files and the messages say 已过期; younger ones and text stay', async () => {
    expect(DEFAULT_MEDIA_RETENTION_DAYS).toBe(365)
    const wang = await t.login('demo-resident-5')
    const oldPhoto = await sendPhoto(wang, 'bg-jsh-5', await photoWithGps())
    const oldVoice = await sendVoiceMessage(wang, 'bg-jsh-5', browserVoice(2))
    const oldFiles = (await t.runtime.deps.store.getMany('messages', [oldPhoto.messageId, oldVoice.messageId]))
      .flatMap((d) => [d.media!.key, ...(d.media!.thumbKey ? [d.media!.thumbKey] : [])])
      .map(fileOf)
    clock.advance(200 * DAY)
    const young = await sendPhoto(
      await t.login('demo-resident-5'),
      'bg-jsh-5',
      await photoWithGps({ colour: '#00ff00' }),
    )
    await eventually(
      () => stored(young.messageId),
      (doc) => doc?.media?.review === 'passed',
    )
    clock.advance(166 * DAY) // the first two are now 366 days old, the third 166

    const neighbour = await t.login('seed-jsh-5-1')
    const live = await SseClient.open(t.url, neighbour.token, 'topics=group:bg-jsh-5')
    try {
      await live.until((c) => c.events.some((e) => e.event === 'ready'))
      const run = await runMediaRetention(t.runtime.deps, undefined)
      expect(run.expired).toBe(2)
      await live.until((c) => c.events.filter((e) => e.event === 'expired').length === 2)
    } finally {
      live.close()
    }
    for (const file of oldFiles) expect(fs.existsSync(file)).toBe(false)
    expect((await stored(young.messageId))?.media).not.toBeNull()

    const page = await historyOf(neighbour, 'bg-jsh-5', { limit: 10 })
    const shown = (id: string) => page.items.find((m) => m.messageId === id)
    expect(shown(oldPhoto.messageId)).toMatchObject({ kind: 'image', text: '[图片已过期]', state: 'normal' })
    expect(shown(oldPhoto.messageId)?.image).toBeUndefined()
    expect(shown(oldVoice.messageId)).toMatchObject({ kind: 'voice', text: '[语音已过期]', state: 'normal' })
    expect(shown(oldVoice.messageId)?.voice).toBeUndefined()
    expect(shown(young.messageId)?.image?.review).toBe('passed')

    // A second run finds nothing more to do.
    expect((await runMediaRetention(t.runtime.deps, undefined)).expired).toBe(0)
  })

  test('when MEDIA_RETENTION_DAYS is set, then that many days are kept; a value that is not a whole number of days falls back to a year', async () => {
    const wang = await t.login('demo-resident-5')
    const sent = await sendPhoto(wang, 'bg-jsh-5', await photoWithGps({ colour: '#0000ff' }))
    clock.advance(31 * DAY)
    for (const setting of ['soon', '0', '1.5']) {
      await runMediaRetention(t.runtime.deps, setting)
      expect((await stored(sent.messageId))?.media).not.toBeNull()
    }
    expect((await runMediaRetention(t.runtime.deps, '30')).expired).toBeGreaterThanOrEqual(1)
    expect((await stored(sent.messageId))?.mediaExpiredAt).toBe(clock.now())
  })
})
