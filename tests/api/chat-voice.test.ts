import fs from 'node:fs'
import { createHash } from 'node:crypto'
import { readMp3 } from '../../cloudfunctions/core/chat/mp3'
import { VOICE_LIMITS, type MessageView } from '../../contracts'
import { expectError, expectUnchanged, openidFactory, verifiedResident } from '../support/api-expect'
import { historyOf, newClientId, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { eventually, linksFor, upload, uploadRaw } from '../support/media'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { browserVoice, sendVoiceMessage, wechatVoice } from '../support/voice'
import { firstOf } from '../support/lists'

// Encoding a minute of MP3 with lamejs takes seconds on a busy machine.
jest.setTimeout(60_000)

describe('chat: voice messages', () => {
  let t: TestRuntime
  let admin: ApiClient
  let rejected: Buffer
  const clock = new TestClock()
  const fresh = openidFactory('voice')
  beforeAll(async () => {
    rejected = browserVoice(2, 440)
    t = await startTestRuntime({
      clock,
      mediaCheck: { delayMs: 400, rejectDigests: [createHash('sha256').update(rejected).digest('hex')] },
    })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  beforeEach(() => clock.advance(11_000))

  const resident = (buildingId: string, room = '101') => verifiedResident(t, admin, fresh(), buildingId, room)
  const stored = (id: string) => t.runtime.deps.store.get('messages', id)
  const fileOf = (key: string) => t.runtime.media.files.fileOf(key)!
  const fetchLink = (link: string) => fetch(t.url + link)
  const passed = (client: ApiClient, groupId: string, messageId: string) =>
    eventually(
      () => historyOf(client, groupId, { limit: 10 }),
      (page) => page.items.some((m) => m.messageId === messageId && m.voice?.review === 'passed'),
    )

  test('when a recording from the browser is sent, then the MP3 is stored as it came, measured by the server, and a neighbour gets it once checked', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const recording = browserVoice(3)
    const ref = await upload(alice.client, recording, 'audio/mpeg')
    // The recorder's own figure is only a claim: the server measures the frames.
    const sent = await alice.client.ok<MessageView>('chat', 'sendVoice', {
      groupId: 'bg-jsh-2',
      clientId: newClientId(),
      upload: ref,
      durationMs: 9000,
    })
    expect(sent).toMatchObject({ kind: 'voice', text: '[语音]', state: 'normal', voice: { review: 'pending' } })
    expect(sent.voice!.durationMs).toBeGreaterThanOrEqual(3000)
    expect(sent.voice!.durationMs).toBeLessThan(3300)
    expect(sent.image).toBeUndefined()
    expect(fs.existsSync(fileOf(ref))).toBe(false)

    const doc = (await stored(sent.messageId))!
    expect(doc.media).toMatchObject({ key: expect.stringMatching(/\.mp3$/), thumbKey: null, bytes: recording.length })
    expect(fs.readFileSync(fileOf(doc.media!.key)).equals(recording)).toBe(true)

    // Before the check: the sender has a link, the neighbour none.
    expect((await linksFor(alice.client, 'bg-jsh-2', [sent.messageId])).items).toHaveLength(1)
    expect((await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])).items).toEqual([])
    await passed(bob.client, 'bg-jsh-2', sent.messageId)
    const link = firstOf((await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])).items)
    expect(link.thumbUrl).toBeUndefined()
    const file = await fetchLink(link.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/^audio\/mpeg/)
    expect(readMp3(new Uint8Array(await file.arrayBuffer()))?.sampleRate).toBe(16_000)
  })

  test("when a recording in WeChat's format (MP3, 16 kHz, 48 kbit/s) of a full minute is sent, then it is accepted at 60 s", async () => {
    const alice = await resident('jsh-2')
    const sent = await sendVoiceMessage(alice.client, 'bg-jsh-2', wechatVoice(60), 60_000)
    expect(sent.voice!.durationMs).toBe(VOICE_LIMITS.maxDurationMs)
  })

  test('when a neighbour is listening live, then the voice message arrives as pending and a reviewed change follows', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const live = await SseClient.open(t.url, bob.client.token, 'topics=group:bg-jsh-2')
    try {
      await live.until((c) => c.events.some((e) => e.event === 'ready'))
      const sent = await sendVoiceMessage(alice.client, 'bg-jsh-2', browserVoice(2))
      const ofVoice = () => live.events.filter((e) => e.data?.message?.messageId === sent.messageId)
      await live.until(() => ofVoice().some((e) => e.event === 'reviewed'))
      expect(ofVoice().map((e) => [e.event, e.data.message.voice.review])).toEqual([
        ['message', 'pending'],
        ['reviewed', 'passed'],
      ])
      // It counts as unread for the neighbour like any message.
      const groups = await bob.client.ok<{
        groups: Array<{ groupId: string; unread: number; lastMessage?: { text: string } }>
      }>('chat', 'listGroups')
      const group = groups.groups.find((g) => g.groupId === 'bg-jsh-2')!
      expect(group.unread).toBeGreaterThanOrEqual(1)
      expect(group.lastMessage?.text).toBe('[语音]')
    } finally {
      live.close()
    }
  })

  test('when the check rejects a voice message, then its file is deleted, everyone sees the removal notice and the sender is told', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const sent = await sendVoiceMessage(alice.client, 'bg-jsh-2', rejected)
    const file = fileOf((await stored(sent.messageId))!.media!.key)
    const page = await eventually(
      () => historyOf(bob.client, 'bg-jsh-2', { limit: 10 }),
      (p) => p.items.some((m) => m.messageId === sent.messageId && m.state === 'removed'),
    )
    expect(page.items.find((m) => m.messageId === sent.messageId)).toMatchObject({
      state: 'removed',
      text: '语音未通过安全审核，已删除',
      kind: 'voice',
    })
    expect(fs.existsSync(file)).toBe(false)
    const notices = await t.runtime.deps.store.find('notifications', { recipientId: alice.userId }, { limit: 20 })
    expect(notices.map((n) => n.title)).toContain('您发的语音没有通过安全审核')
  })

  test('when a voice message is recalled or hidden after a report, then its file is deleted from storage', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const recalled = await sendVoiceMessage(alice.client, 'bg-jsh-2', browserVoice(2))
    const recalledFile = fileOf((await stored(recalled.messageId))!.media!.key)
    await alice.client.ok('chat', 'recall', { messageId: recalled.messageId })
    expect(fs.existsSync(recalledFile)).toBe(false)

    const reported = await sendVoiceMessage(alice.client, 'bg-jsh-2', browserVoice(2, 250))
    const reportedFile = fileOf((await stored(reported.messageId))!.media!.key)
    await bob.client.ok('chat', 'report', { messageId: reported.messageId, reason: '骚扰辱骂' })
    await admin.ok('chat', 'resolveReport', { reportId: reported.messageId, decision: 'hide' })
    expect(fs.existsSync(reportedFile)).toBe(false)
    expect((await linksFor(alice.client, 'bg-jsh-2', [reported.messageId])).items).toEqual([])
  })

  test('when a muted resident or a non-member sends a voice message, then it is refused and nothing changes', async () => {
    const alice = await resident('jsh-2')
    const stranger = await resident('jsh-3')
    const strangerRef = await upload(stranger.client, browserVoice(2), 'audio/mpeg')
    expectError(
      await stranger.client.call('chat', 'sendVoice', {
        groupId: 'bg-jsh-2',
        clientId: newClientId(),
        upload: strangerRef,
        durationMs: 2000,
      }),
      403,
      'CHAT.NOT_MEMBER',
    )
    await admin.ok('chat', 'mute', { groupId: 'bg-jsh-2', userId: alice.userId, minutes: 10 })
    const ref = await upload(alice.client, browserVoice(2), 'audio/mpeg')
    await expectUnchanged(t, async () =>
      expectError(
        await alice.client.call('chat', 'sendVoice', {
          groupId: 'bg-jsh-2',
          clientId: newClientId(),
          upload: ref,
          durationMs: 2000,
        }),
        403,
        'CHAT.MUTED',
      ),
    )
  })

  test('when the sender deletes their account, then their voice files are removed and the message says so; an export lists them as files first', async () => {
    const alice = await resident('jsh-2')
    const sent = await sendVoiceMessage(alice.client, 'bg-jsh-2', browserVoice(2))
    const file = fileOf((await stored(sent.messageId))!.media!.key)
    const exported = await alice.client.ok('account', 'exportMyData')
    expect(exported.files.voices).toEqual([
      { messageId: sent.messageId, groupId: 'bg-jsh-2', sentAt: sent.sentAt, url: expect.any(String) },
    ])
    expect((await fetchLink(exported.files.voices[0].url)).headers.get('content-type')).toMatch(/^audio\/mpeg/)
    await alice.client.ok('account', 'deleteMe', { confirm: true })
    expect(fs.existsSync(file)).toBe(false)
    const bob = await resident('jsh-2', '102')
    const page = await historyOf(bob.client, 'bg-jsh-2', { limit: 20 })
    expect(page.items.find((m) => m.messageId === sent.messageId)).toMatchObject({
      kind: 'voice',
      text: '[语音已删除]',
      state: 'normal',
    })
  })

  describe('limits and wrong input', () => {
    test('when a voice upload is over 1 MB, then it is refused at the door', async () => {
      const alice = await resident('jsh-2')
      expectError(
        await uploadRaw(alice.client, Buffer.alloc(VOICE_LIMITS.maxUploadBytes + 1), 'audio/mpeg'),
        413,
        'MEDIA.VOICE_TOO_LARGE',
      )
      const ogg = expectError(
        await uploadRaw(alice.client, browserVoice(1), 'audio/ogg'),
        415,
        'MEDIA.UNSUPPORTED_TYPE',
      )
      expect(ogg.message).toContain('MP3')
    })

    test('when the bytes are not MP3, longer than a minute, or shorter than a second, then the send is refused, the upload deleted and no message made', async () => {
      const alice = await resident('jsh-2')
      const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(2000, 7)])
      const cases: Array<[Buffer, string]> = [
        [Buffer.from('this is not a recording'), 'MEDIA.VOICE_UNREADABLE'],
        [webm, 'MEDIA.VOICE_UNREADABLE'],
        [wechatVoice(64), 'MEDIA.VOICE_TOO_LONG'],
        [browserVoice(0.4), 'MEDIA.VOICE_TOO_SHORT'],
      ]
      for (const [bytes, code] of cases) {
        const ref = await upload(alice.client, bytes, 'audio/mpeg')
        const before = await historyOf(alice.client, 'bg-jsh-2', { limit: 1 })
        const result = await alice.client.call('chat', 'sendVoice', {
          groupId: 'bg-jsh-2',
          clientId: newClientId(),
          upload: ref,
          durationMs: 5000,
        })
        expect(result.body.ok ? 'ok' : result.body.error.code).toBe(code)
        expect(fs.existsSync(fileOf(ref))).toBe(false)
        expect((await historyOf(alice.client, 'bg-jsh-2', { limit: 1 })).latestSeq).toBe(before.latestSeq)
        clock.advance(11_000)
      }
    })

    test('when the stated duration is over the limit or not a whole number, then the input is refused with its field', async () => {
      const alice = await resident('jsh-2')
      const ref = await upload(alice.client, browserVoice(2), 'audio/mpeg')
      for (const durationMs of [VOICE_LIMITS.maxDurationMs + 5_000, 1.5, 500, '3000']) {
        await expectUnchanged(t, async () =>
          expectError(
            await alice.client.call('chat', 'sendVoice', {
              groupId: 'bg-jsh-2',
              clientId: newClientId(),
              upload: ref,
              durationMs,
            }),
            400,
            'INPUT.INVALID',
            'durationMs',
          ),
        )
      }
    })
  })
})
