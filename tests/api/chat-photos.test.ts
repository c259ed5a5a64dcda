import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import exifr from 'exifr'
import sharp from 'sharp'
import { IMAGE_LIMITS, MEDIA_URL_TTL_SECONDS, type MessageView } from '../../contracts'
import { expectError, expectUnchanged, openidFactory, verifiedResident } from '../support/api-expect'
import { historyOf, newClientId, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { eventually, linksFor, photoWithGps, sendPhoto, upload, uploadRaw } from '../support/media'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, firstOf } from '../support/lists'

describe('chat: photos', () => {
  let t: TestRuntime
  let admin: ApiClient
  let rejected: Buffer
  const clock = new TestClock()
  const fresh = openidFactory('photo')
  beforeAll(async () => {
    rejected = await photoWithGps({ colour: '#ff0000' })
    t = await startTestRuntime({
      clock,
      mediaCheck: { delayMs: 600, rejectDigests: [createHash('sha256').update(rejected).digest('hex')] },
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
      (page) => page.items.some((m) => m.messageId === messageId && m.image?.review === 'passed'),
    )

  test('when a JPEG with GPS EXIF is sent, then what is stored has no metadata at all, is at most 2048 px and has a thumbnail', async () => {
    const alice = await resident('jsh-2')
    const original = await photoWithGps({ width: 3000, height: 2000 })
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.any(Number) })
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', original)
    expect(sent).toMatchObject({
      kind: 'image',
      text: '[图片]',
      state: 'normal',
      image: { width: 2048, height: 1365, review: 'pending' },
    })
    const doc = (await stored(sent.messageId))!
    const image = fs.readFileSync(fileOf(doc.media!.key))
    const thumb = fs.readFileSync(fileOf(doc.media!.thumbKey!))
    for (const bytes of [image, thumb]) {
      expect(await exifr.parse(bytes, true)).toBeUndefined()
      const meta = await sharp(bytes).metadata()
      expect({ format: meta.format, exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc }).toEqual({
        format: 'jpeg',
        exif: undefined,
        xmp: undefined,
        iptc: undefined,
        icc: undefined,
      })
    }
    expect(Math.max((await sharp(thumb).metadata()).width!, (await sharp(thumb).metadata()).height!)).toBe(
      IMAGE_LIMITS.thumbLongSide,
    )
    expect(doc.media!.bytes).toBe(image.length + thumb.length)
  })

  test('when a photo is sent, then the upload is gone, the sender sees it at once, others only after the check passes', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const ref = await upload(alice.client, await photoWithGps())
    const sent = await alice.client.ok<MessageView>('chat', 'sendImage', {
      groupId: 'bg-jsh-2',
      clientId: newClientId(),
      upload: ref,
    })
    expect(fs.existsSync(fileOf(ref))).toBe(false)
    // Before the verdict: links for the sender, none for a neighbour.
    const mine = await linksFor(alice.client, 'bg-jsh-2', [sent.messageId])
    expect(mine.items).toHaveLength(1)
    expect((await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])).items).toEqual([])
    const page = await passed(bob.client, 'bg-jsh-2', sent.messageId)
    expect(page.items.find((m) => m.messageId === sent.messageId)?.image?.review).toBe('passed')
    const theirs = await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])
    expect(theirs.expiresAt).toBe(clock.now() + MEDIA_URL_TTL_SECONDS * 1000)
    const full = await fetchLink(at(theirs.items, 0).url)
    expect(full.status).toBe(200)
    expect(full.headers.get('content-type')).toBe('image/jpeg')
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(640)
    expect((await fetchLink(at(theirs.items, 0).thumbUrl)).status).toBe(200)
  })

  test('when a neighbour is listening live, then the photo arrives as pending and a reviewed change follows', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const live = await SseClient.open(t.url, bob.client.token, 'topics=group:bg-jsh-2')
    try {
      await live.until((c) => c.events.some((e) => e.event === 'ready'))
      const sent = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
      const ofPhoto = () => live.events.filter((e) => e.data?.message?.messageId === sent.messageId)
      await live.until(() => ofPhoto().some((e) => e.event === 'reviewed'))
      expect(ofPhoto().map((e) => [e.event, e.data.message.image.review])).toEqual([
        ['message', 'pending'],
        ['reviewed', 'passed'],
      ])
    } finally {
      live.close()
    }
  })

  test('when the check rejects a photo, then its files are deleted, everyone sees the removal notice and the sender is told', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', rejected)
    const doc = (await stored(sent.messageId))!
    const files = [fileOf(doc.media!.key), fileOf(doc.media!.thumbKey!)]
    const mineBefore = await linksFor(alice.client, 'bg-jsh-2', [sent.messageId])
    const page = await eventually(
      () => historyOf(bob.client, 'bg-jsh-2', { limit: 10 }),
      (p) => p.items.some((m) => m.messageId === sent.messageId && m.state === 'removed'),
    )
    expect(page.items.find((m) => m.messageId === sent.messageId)).toMatchObject({
      state: 'removed',
      text: '图片未通过安全审核，已删除',
      kind: 'image',
    })
    expect(page.items.find((m) => m.messageId === sent.messageId)?.image).toBeUndefined()
    for (const file of files) expect(fs.existsSync(file)).toBe(false)
    expect((await fetchLink(at(mineBefore.items, 0).url)).status).toBe(403)
    const notices = await t.runtime.deps.store.find('notifications', { recipientId: alice.userId }, { limit: 20 })
    expect(notices.map((n) => n.title)).toContain('您发的图片没有通过安全审核')
  })

  test('when a link is expired, forged, or held by someone who left the group, then the file is refused', async () => {
    const alice = await resident('jsh-2')
    const bob = await resident('jsh-2', '102')
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
    await passed(bob.client, 'bg-jsh-2', sent.messageId)
    const link = firstOf((await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])).items).url
    expect((await fetchLink(link)).status).toBe(200)
    // Forged: another viewer's id under bob's signature.
    const forged = link.replace(/v=[^&]+/, `v=${alice.userId}`)
    expectError(
      { status: (await fetchLink(forged)).status, body: await (await fetchLink(forged)).json() },
      403,
      'MEDIA.LINK_INVALID',
    )
    // A stranger in another building cannot ask for links.
    const stranger = await resident('jsh-3')
    expectError(
      await stranger.client.call('chat', 'mediaUrls', { groupId: 'bg-jsh-2', messageIds: [sent.messageId] }),
      403,
      'CHAT.NOT_MEMBER',
    )
    // Expired.
    clock.advance(MEDIA_URL_TTL_SECONDS * 1000 + 1)
    const expired = await fetchLink(link)
    expectError({ status: expired.status, body: await expired.json() }, 403, 'MEDIA.LINK_EXPIRED')
    // Left the group: a fresh link stops working at once.
    const fresh = firstOf((await linksFor(bob.client, 'bg-jsh-2', [sent.messageId])).items).url
    expect((await fetchLink(fresh)).status).toBe(200)
    await admin.ok('account', 'removeResident', { membershipId: bob.membershipId, reason: '已搬走' })
    const gone = await fetchLink(fresh)
    expectError({ status: gone.status, body: await gone.json() }, 403, 'MEDIA.LINK_INVALID')
  })

  test('when a photo is recalled or hidden after a report, then its files are deleted from storage', async () => {
    const alice = await resident('jsh-2')
    const recalled = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
    const recalledDoc = (await stored(recalled.messageId))!
    await alice.client.ok('chat', 'recall', { messageId: recalled.messageId })
    for (const key of [recalledDoc.media!.key, recalledDoc.media!.thumbKey!])
      expect(fs.existsSync(fileOf(key))).toBe(false)
    expect((await stored(recalled.messageId))?.media).toBeNull()

    const bob = await resident('jsh-2', '102')
    const reported = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps({ colour: '#00ff00' }))
    const reportedDoc = (await stored(reported.messageId))!
    await bob.client.ok('chat', 'report', { messageId: reported.messageId, reason: '涉及隐私' })
    await admin.ok('chat', 'resolveReport', { reportId: reported.messageId, decision: 'hide' })
    for (const key of [reportedDoc.media!.key, reportedDoc.media!.thumbKey!])
      expect(fs.existsSync(fileOf(key))).toBe(false)
    expect((await linksFor(alice.client, 'bg-jsh-2', [reported.messageId])).items).toEqual([])
  })

  test('when the sender deletes their account, then their photo files are removed from storage and the message says so', async () => {
    const alice = await resident('jsh-2')
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
    const doc = (await stored(sent.messageId))!
    await alice.client.ok('account', 'deleteMe', { confirm: true })
    for (const key of [doc.media!.key, doc.media!.thumbKey!]) expect(fs.existsSync(fileOf(key))).toBe(false)
    const bob = await resident('jsh-2', '102')
    const page = await historyOf(bob.client, 'bg-jsh-2', { limit: 20 })
    expect(page.items.find((m) => m.messageId === sent.messageId)).toMatchObject({
      kind: 'image',
      text: '[图片已删除]',
      state: 'normal',
    })
  })

  test('when a resident exports their data, then each of their photos comes as a file to download, even after moving away', async () => {
    const alice = await resident('jsh-2')
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
    await admin.ok('account', 'removeResident', { membershipId: alice.membershipId, reason: '已搬走' })
    const exported = await alice.client.ok('account', 'exportMyData')
    expect(exported.files.photos).toEqual([
      {
        messageId: sent.messageId,
        groupId: 'bg-jsh-2',
        sentAt: sent.sentAt,
        url: expect.stringMatching(/^\/api\/media\/files\//),
      },
    ])
    const file = await fetchLink(exported.files.photos[0].url)
    expect(file.status).toBe(200)
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).format).toBe('jpeg')
  })

  describe('limits and wrong input', () => {
    test('when an upload is not an image type, too large, or not signed in, then it is refused with its code', async () => {
      const alice = await resident('jsh-2')
      expectError(await uploadRaw(alice.client, Buffer.from('GIF89a'), 'image/gif'), 415, 'MEDIA.UNSUPPORTED_TYPE')
      expectError(
        await uploadRaw(alice.client, Buffer.alloc(IMAGE_LIMITS.maxUploadBytes + 1), 'image/jpeg'),
        413,
        'MEDIA.TOO_LARGE',
      )
      const anonymous = await fetch(`${t.url}/api/media/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(await photoWithGps()),
      })
      expect(anonymous.status).toBe(401)
    })

    test('when the bytes are not a picture, a GIF labelled JPEG, or too many pixels, then the send is refused, the upload deleted and no message made', async () => {
      const alice = await resident('jsh-2')
      const cases: Array<[Buffer, string]> = [
        [Buffer.from('this is not a picture at all'), 'MEDIA.UNREADABLE'],
        [
          await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
            .gif()
            .toBuffer(),
          'MEDIA.UNSUPPORTED_TYPE',
        ],
        [
          await sharp({ create: { width: 10_000, height: 5_001, channels: 3, background: '#000' } })
            .png({ compressionLevel: 9 })
            .toBuffer(),
          'MEDIA.TOO_MANY_PIXELS',
        ],
      ]
      for (const [bytes, code] of cases) {
        const ref = await upload(alice.client, bytes, 'image/jpeg')
        const before = await historyOf(alice.client, 'bg-jsh-2', { limit: 1 })
        const result = await alice.client.call('chat', 'sendImage', {
          groupId: 'bg-jsh-2',
          clientId: newClientId(),
          upload: ref,
        })
        expect(result.body.ok ? 'ok' : result.body.error.code).toBe(code)
        expect(fs.existsSync(fileOf(ref))).toBe(false)
        expect((await historyOf(alice.client, 'bg-jsh-2', { limit: 1 })).latestSeq).toBe(before.latestSeq)
      }
    })

    test("when someone sends another person's upload or a made-up one, then it reads as missing and nothing changes", async () => {
      const alice = await resident('jsh-2')
      const bob = await resident('jsh-2', '102')
      const ref = await upload(alice.client, await photoWithGps())
      await expectUnchanged(t, async () => {
        expectError(
          await bob.client.call('chat', 'sendImage', { groupId: 'bg-jsh-2', clientId: newClientId(), upload: ref }),
          404,
          'MEDIA.UPLOAD_MISSING',
        )
      })
      expect(fs.existsSync(fileOf(ref))).toBe(true)
      expectError(
        await bob.client.call('chat', 'sendImage', {
          groupId: 'bg-jsh-2',
          clientId: newClientId(),
          upload: '../../etc/passwd',
        }),
        400,
        'INPUT.INVALID',
        'upload',
      )
    })

    test('when a non-member sends a photo to a group, then it is refused before anything is read', async () => {
      const stranger = await resident('jsh-3')
      const ref = await upload(stranger.client, await photoWithGps())
      expectError(
        await stranger.client.call('chat', 'sendImage', { groupId: 'bg-jsh-2', clientId: newClientId(), upload: ref }),
        403,
        'CHAT.NOT_MEMBER',
      )
    })
  })

  test('a stored photo lives under the data folder, never as a static file', async () => {
    const alice = await resident('jsh-2')
    const sent = await sendPhoto(alice.client, 'bg-jsh-2', await photoWithGps())
    const doc = (await stored(sent.messageId))!
    expect(fileOf(doc.media!.key).startsWith(path.join(t.dir, 'media'))).toBe(true)
    expect((await fetch(`${t.url}/api/media/files/${doc.media!.key}`)).status).toBe(403)
  })
})
