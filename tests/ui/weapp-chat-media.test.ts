import fs from 'node:fs'
import path from 'node:path'
import { appendMessage } from '../../cloudfunctions/core/chat/messages'
import { createLocalCore, type LocalCore } from '../../cloudfunctions/local-runtime'
import { newClientId } from '../support/chat'
import { photoWithGps } from '../support/media'
import { wechatVoice } from '../support/voice'
import { DIST, installWx, renderPage, waitFor } from './support/weapp'
import { at, only } from '../support/lists'

/**
 * The chat's recorder, player and photo preview in the WeChat build (dist/weapp, compiled by
 * WeChat's wcc): RecorderManager, InnerAudioContext and previewImage are WeChat's, stood in for
 * here; everything else — the page, the platform modules, wx.cloud to the real functions — is
 * the build's own. Touches are given as miniprogram-simulate takes them: `{ x, y }`.
 */

interface FakeRecorder {
  started: Array<Record<string, unknown>>
  stopped: number
  onStop: ((result: { tempFilePath: string; duration: number; fileSize: number }) => void) | null
}

interface FakeAudio {
  src: string
  played: boolean
  obeyMuteSwitch: boolean
  ended: () => void
}

/** installWx with WeChat's media APIs stood in for; returns what they were asked to do. */
function installMedia(core: LocalCore, openid: string, userId: () => string) {
  const wx: Record<string, any> = {}
  const recorder: FakeRecorder = { started: [], stopped: 0, onStop: null }
  const audios: FakeAudio[] = []
  const previews: Array<{ current: string; urls: string[] }> = []
  const uploads: string[] = []
  const recording = wechatVoice(2.3)
  wx.authorize = (options: any) => {
    options.success?.({ errMsg: 'authorize:ok' })
    return Promise.resolve({ errMsg: 'authorize:ok' })
  }
  wx.getRecorderManager = () => ({
    start: (options: Record<string, unknown>) => void recorder.started.push(options),
    stop: () => {
      recorder.stopped += 1
      // WeChat answers a stop with onStop and the temporary file of what was recorded.
      setTimeout(() => recorder.onStop?.({ tempFilePath: 'wxfile://tmp/rec.mp3', duration: 2300, fileSize: 13_824 }), 5)
    },
    onStop: (listener: FakeRecorder['onStop']) => void (recorder.onStop = listener),
    onError: () => undefined,
    onStart: () => undefined,
  })
  wx.createInnerAudioContext = () => {
    const audio: FakeAudio & Record<string, unknown> = {
      src: '',
      played: false,
      obeyMuteSwitch: true,
      ended: () => undefined,
      play() {
        audio.played = true
      },
      stop: () => undefined,
      destroy: () => undefined,
      onEnded: (listener: () => void) => void (audio.ended = listener),
      onError: () => undefined,
    }
    audios.push(audio)
    return audio
  }
  wx.previewImage = (options: any) => {
    previews.push({ current: options.current, urls: options.urls })
    options.success?.({ errMsg: 'previewImage:ok' })
    return Promise.resolve({ errMsg: 'previewImage:ok' })
  }
  wx.showModal = (options: any) => {
    options.success?.({ confirm: true })
    return Promise.resolve({ confirm: true })
  }
  installWx(core.router, openid)
  const global = (globalThis as any).wx
  // Taro takes the wx APIs it can enumerate: the stand-ins (and the tab badge the chat sets) go on
  // the object itself, not behind the shim's proxy.
  Object.assign(global, wx, {
    setTabBarBadge: global.setTabBarBadge,
    removeTabBarBadge: global.removeTabBarBadge,
  })
  const cloud = global.cloud
  // Cloud storage: the file lands where the local functions read uploads; its path is the file id.
  cloud.uploadFile = async ({ cloudPath, filePath }: { cloudPath: string; filePath: string }) => {
    expect(filePath).toBe('wxfile://tmp/rec.mp3')
    expect(cloudPath.startsWith(`uploads/${userId()}/`)).toBe(true)
    uploads.push(cloudPath)
    await core.media.files.put(cloudPath, recording, 'audio/mpeg')
    return { fileID: cloudPath, errMsg: 'cloud.uploadFile:ok' }
  }
  // No live watch here: the conversation loads its history.
  cloud.database = () => {
    const query = { where: () => query, watch: () => ({ close: () => undefined }) }
    return { command: { gt: () => ({}) }, collection: () => query }
  }
  return { recorder, audios, previews, uploads }
}

async function userIdOf(core: LocalCore, openid: string): Promise<string> {
  const me = await core.router.dispatch('account', { action: 'me' }, { openid }, 'check')
  return (me.envelope as { data: { userId: string } }).data.userId
}

/** A neighbour's message sent straight through the functions, then passed by the local check. */
async function neighbourSends(core: LocalCore, action: 'sendVoice', bytes: Buffer) {
  const openid = 'seed-jsh-5-1'
  const userId = await userIdOf(core, openid)
  const key = `uploads/${userId}/${newClientId()}`
  await core.media.files.put(key, bytes, 'application/octet-stream')
  const reply = await core.router.dispatch(
    'chat',
    {
      action,
      data: {
        groupId: 'bg-jsh-5',
        clientId: newClientId(),
        upload: key,
        durationMs: 2000,
      },
    },
    { openid },
    'seed',
  )
  const envelope = reply.envelope as { ok: boolean; data: { messageId: string } }
  if (!envelope.ok) throw new Error(`the neighbour's ${action} failed: ${JSON.stringify(envelope)}`)
  const message = envelope.data
  await waitFor(async () => undefined)
  for (let i = 0; i < 100; i++) {
    const doc = await core.deps.store.get('messages', message.messageId)
    if (doc?.media?.review === 'passed') return message.messageId
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('the local check did not pass the message')
}

/**
 * A neighbour's photo as sendImage leaves it (stored, passed). sharp does not run under jsdom's
 * typed arrays, so the re-encoding is skipped here: the API tests cover it.
 */
async function neighbourPhoto(core: LocalCore): Promise<string> {
  const senderId = await userIdOf(core, 'seed-jsh-5-1')
  const clientId = newClientId()
  const bytes = await photoWithGps({ width: 320, height: 240 })
  const name = `chat/bg-jsh-5/${senderId}~${clientId}`
  const key = await core.media.files.put(`${name}.jpg`, bytes, 'image/jpeg')
  const thumbKey = await core.media.files.put(`${name}.thumb.jpg`, bytes, 'image/jpeg')
  const { doc } = await appendMessage(
    core.deps.store,
    { groupId: 'bg-jsh-5', senderId, clientId, text: '', mentions: [], at: Date.now() },
    {
      kind: 'image',
      text: null,
      media: { key, thumbKey, width: 320, height: 240, bytes: bytes.length * 2, review: 'passed' },
      reviewTrace: null,
      removedAt: null,
    },
  )
  return doc._id
}

describe('WeChat build: voice messages and photos in the chat', () => {
  let core: LocalCore

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'app.js')))
      throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it)')
    core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent', mediaCheck: { delayMs: 10 } })
  })
  afterAll(() => {
    core?.media.check.close()
    core?.db.close()
  })
  beforeEach(() => jest.resetModules())

  test('when a resident holds 按住 说话 and lets go, then RecorderManager records MP3 at 16 kHz, the file goes to cloud storage under their id, and a voice message is sent', async () => {
    const wangId = await userIdOf(core, 'demo-resident-5')
    const fakes = installMedia(core, 'demo-resident-5', () => wangId)
    const page = renderPage('pages/group/index')
    await waitFor(() => expect(page.querySelector('.chat-voice-toggle')).toBeTruthy())

    page.querySelector('.chat-voice-toggle').dispatchEvent('tap')
    await waitFor(() => expect(page.querySelector('.voice-hold')).toBeTruthy())
    page.querySelector('.voice-hold').dispatchEvent('touchstart', { touches: [{ x: 100, y: 600 }] })
    await waitFor(() => expect(fakes.recorder.started).toHaveLength(1))
    expect(fakes.recorder.started[0]).toEqual({
      duration: 60_000,
      sampleRate: 16_000,
      numberOfChannels: 1,
      encodeBitRate: 48_000,
      format: 'mp3',
    })
    await waitFor(() => expect(page.dom.textContent).toContain('松开发送 / 上滑取消'))
    page.querySelector('.voice-hold').dispatchEvent('touchend', { changedTouches: [{ x: 100, y: 600 }] })

    await waitFor(() => expect(fakes.uploads).toHaveLength(1))
    const sent = await waitFor(async () => {
      const docs = await core.deps.store.find('messages', { senderId: wangId, kind: 'voice' }, { limit: 5 })
      return only(docs)
    })
    // Measured from the file's frames (2.3 s and the encoder's padding), not taken from the recorder.
    expect((await sent).media).toMatchObject({ key: expect.stringMatching(/\.mp3$/) })
    expect((await sent).media!.durationMs).toBeGreaterThanOrEqual(2300)
    expect((await sent).media!.durationMs).toBeLessThan(2500)
    expect(fs.existsSync(core.media.files.fileOf(at(fakes.uploads, 0))!)).toBe(false)
  })

  test('when a resident holds and slides up before letting go, then the recording is dropped and nothing is sent', async () => {
    const wangId = await userIdOf(core, 'demo-resident-5')
    const fakes = installMedia(core, 'demo-resident-5', () => wangId)
    const before = await core.deps.store.find('messages', { senderId: wangId }, { limit: 100 })
    const page = renderPage('pages/group/index')
    await waitFor(() => expect(page.querySelector('.chat-voice-toggle')).toBeTruthy())
    page.querySelector('.chat-voice-toggle').dispatchEvent('tap')
    await waitFor(() => expect(page.querySelector('.voice-hold')).toBeTruthy())
    const hold = () => page.querySelector('.voice-hold')
    hold().dispatchEvent('touchstart', { touches: [{ x: 100, y: 600 }] })
    await waitFor(() => expect(fakes.recorder.started).toHaveLength(1))
    hold().dispatchEvent('touchmove', { touches: [{ x: 100, y: 450 }] })
    await waitFor(() => expect(page.dom.textContent).toContain('松开手指，取消发送'))
    hold().dispatchEvent('touchend', { changedTouches: [{ x: 100, y: 450 }] })
    await waitFor(() => expect(fakes.recorder.stopped).toBe(1))
    await new Promise((r) => setTimeout(r, 100))
    expect(fakes.uploads).toEqual([])
    expect(await core.deps.store.find('messages', { senderId: wangId }, { limit: 100 })).toHaveLength(before.length)
  })

  test("when a resident taps a neighbour's voice message, then it plays through InnerAudioContext from a short-lived link, and the next unplayed one follows", async () => {
    const first = await neighbourSends(core, 'sendVoice', wechatVoice(2, 300))
    const second = await neighbourSends(core, 'sendVoice', wechatVoice(2, 400))
    const wangId = await userIdOf(core, 'demo-resident-5')
    const fakes = installMedia(core, 'demo-resident-5', () => wangId)
    const page = renderPage('pages/group/index')
    await waitFor(() => expect(page.querySelectorAll('.voice-unplayed').length).toBeGreaterThanOrEqual(2))

    // The two are the last two voice messages of the conversation, in the order sent.
    const bars = page.querySelectorAll('.voice-bar')
    bars[bars.length - 2].dispatchEvent('tap')
    await waitFor(() => expect(fakes.audios.filter((a) => a.played)).toHaveLength(1))
    expect(at(fakes.audios, 0)).toMatchObject({
      obeyMuteSwitch: false,
      src: expect.stringContaining(at(first.split(':'), 2)),
    })
    at(fakes.audios, 0).ended()
    await waitFor(() => expect(fakes.audios.filter((a) => a.played)).toHaveLength(2))
    expect(at(fakes.audios, 1).src).toContain(second.split(':')[2])
  })

  test("when a resident taps a neighbour's photo, then WeChat's own viewer opens on it with the conversation's photos", async () => {
    const photo = await neighbourPhoto(core)
    const wangId = await userIdOf(core, 'demo-resident-5')
    const fakes = installMedia(core, 'demo-resident-5', () => wangId)
    const page = renderPage('pages/group/index')
    await waitFor(() => expect(page.querySelector('.photo-thumb-image')).toBeTruthy())
    page.querySelectorAll('.photo-thumb').slice(-1)[0].dispatchEvent('tap')
    await waitFor(() => expect(fakes.previews).toHaveLength(1))
    expect(at(fakes.previews, 0).urls.length).toBeGreaterThanOrEqual(1)
    expect(at(fakes.previews, 0).current).toContain(photo.split(':')[2])
    expect(at(fakes.previews, 0).urls).toContain(at(fakes.previews, 0).current)
    // The overlay of the browser build is not drawn: the system viewer took over.
    expect(page.querySelector('.photo-overlay')).toBeFalsy()
  })
})
