import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import sharp from 'sharp'
import { VOICE_LIMITS } from '../../../contracts'
import { encodeMp3, type Mp3EncoderClass } from '../../../src/platform/mp3-encoding'
import { fmt, login, percentile, pilotDb, startServer, table, type BenchSection } from '../harness'
import { cycle } from '../../../cloudfunctions/core/shared/lists'

const LISTENERS = 100
const FANOUT_PHOTOS = Number(process.env.BENCH_PHOTO_FANOUT ?? 40)
const THROUGHPUT_PHOTOS = Number(process.env.BENCH_PHOTO_UPLOADS ?? 60)
const CONCURRENCY = 4
/** Assumption for the storage estimate: photos per verified resident per week. */
const PHOTOS_PER_RESIDENT_WEEK = Number(process.env.BENCH_PHOTOS_PER_RESIDENT_WEEK ?? 1)
/** Assumption for the storage estimate: voice messages per verified resident per week, and their average length. */
const VOICES_PER_RESIDENT_WEEK = Number(process.env.BENCH_VOICES_PER_RESIDENT_WEEK ?? 3)
const VOICE_AVERAGE_SECONDS = 15
const VOICE_SAMPLES = 12

/** lamejs's script build (what Node's require gets defines a global), evaluated to reach its encoder. */
function lameEncoder(): Mp3EncoderClass {
  const script = path.join(__dirname, '../../../node_modules/@breezystack/lamejs/dist/lamejs.iife.js')
  return (new Function(`${fs.readFileSync(script, 'utf8')}; return lamejs`)() as { Mp3Encoder: Mp3EncoderClass })
    .Mp3Encoder
}

/** What the browser's recorder sends for `seconds` of speech-like sound (48 kHz in, 16 kHz MP3 out). */
function browserRecording(seconds: number, seed: number, Encoder: Mp3EncoderClass): Buffer {
  const rate = 48_000
  const samples = new Float32Array(seconds * rate)
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate
    const f = 180 + 60 * Math.sin(2 * Math.PI * 0.7 * t + seed)
    samples[i] =
      0.3 * Math.sin(2 * Math.PI * f * t) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 2 * t)) + 0.02 * (Math.random() - 0.5)
  }
  return Buffer.from(
    encodeMp3([samples], rate, Encoder, { sampleRate: VOICE_LIMITS.sampleRate, kbps: VOICE_LIMITS.browserKbps }),
  )
}

interface Resident {
  openid: string
  userId: string
  groupId: string
}

/**
 * A phone photo after WeChat's compression: 2048 × 1536 JPEG of smooth colour with fine noise, so
 * it compresses like a real picture (about 350 KB), neither like a flat colour nor like pure noise.
 */
async function phonePhoto(seed: number): Promise<Buffer> {
  const width = 2048
  const height = 1536
  const raw = Buffer.alloc(width * height * 3)
  let s = seed
  for (let i = 0; i < raw.length; i += 3) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const x = (i / 3) % width
    const y = Math.floor(i / 3 / width)
    const noise = (s >> 16) & 15
    raw[i] = (128 + 100 * Math.sin(x / 90 + seed) + noise) & 255
    raw[i + 1] = (128 + 90 * Math.cos(y / 70 + seed) + noise) & 255
    raw[i + 2] = (128 + 80 * Math.sin((x + y) / 120) + noise) & 255
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer()
}

async function uploadAndSend(
  url: string,
  token: string,
  groupId: string,
  clientId: string,
  bytes: Buffer,
  voice?: { durationMs: number },
): Promise<string> {
  const up = await fetch(`${url}/api/media/uploads`, {
    method: 'POST',
    headers: { 'content-type': voice ? 'audio/mpeg' : 'image/jpeg', authorization: `Bearer ${token}` },
    body: new Uint8Array(bytes),
  })
  const upBody = (await up.json()) as { ok: boolean; data: { upload: string }; error?: unknown }
  if (!upBody.ok) throw new Error(`upload failed: ${JSON.stringify(upBody.error)}`)
  const action = voice ? 'sendVoice' : 'sendImage'
  const sent = await fetch(`${url}/api/functions/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data: { groupId, clientId, upload: upBody.data.upload, ...(voice ?? {}) } }),
  })
  const sentBody = (await sent.json()) as { ok: boolean; data: { messageId: string }; error?: unknown }
  if (!sentBody.ok) throw new Error(`${action} failed: ${JSON.stringify(sentBody.error)}`)
  return sentBody.data.messageId
}

/** Records when each message's `reviewed` event (the photo visible to everyone) reaches a listener. */
function listen(
  url: string,
  token: string,
  topic: string,
  arrivals: Map<string, number[]>,
  ready: () => void,
): http.ClientRequest {
  const request = http.get(
    `${url}/api/realtime?topics=${topic}&token=${encodeURIComponent(token)}`,
    { agent: false },
    (response) => {
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        const at = performance.now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.includes('event: ready')) ready()
          const match = /"messageId":"([^"]+)"/.exec(block)
          if (match?.[1] && block.includes('event: reviewed')) arrivals.get(match[1])?.push(at)
        }
      })
    },
  )
  request.on('error', () => undefined)
  return request
}

function folderBytes(dir: string, ending = '.jpg'): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  if (!fs.existsSync(dir)) return { bytes, files }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(ending)) continue
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size
    files++
  }
  return { bytes, files }
}

export const photos: BenchSection = {
  title: 'photos in the chat (upload, check, fan-out, storage)',
  async run() {
    const dbFile = await pilotDb('photos')
    const db = new BetterSqlite3(dbFile, { readonly: true })
    const residents = (
      db
        .prepare(
          `SELECT json_extract(doc, '$.openid') AS openid, id AS userId, json_extract(doc, '$.membership.buildingId') AS buildingId FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id`,
        )
        .all() as Array<{ openid: string; userId: string; buildingId: string }>
    ).map((r): Resident => ({ openid: r.openid, userId: r.userId, groupId: `bg-${r.buildingId}` }))
    db.close()
    const mediaDir = path.join(path.dirname(dbFile), 'media')
    fs.rmSync(mediaDir, { recursive: true, force: true })

    const samples = await Promise.all([1, 2, 3, 4].map(phonePhoto))
    const sampleBytes = samples.reduce((a, b) => a + b.length, 0) / samples.length
    // The check answers at once, so the fan-out measures the pipeline, not WeChat's review time.
    const server = await startServer({
      dbFile,
      env: { LOUZU_MEDIA_CHECK_DELAY_MS: '0', LOUZU_BENCH_NO_RATE_LIMITS: '1' },
    })
    let fanout: { delays: number[]; slowest: number[] }
    let throughput: { seconds: number; photos: number; bytes: number; perPhoto: number[] }
    const voiceSends: number[] = []
    let voiceSeconds = 0
    try {
      const building = residents.filter((r) => r.groupId === 'bg-jsh-1')
      const listeners = building.slice(0, LISTENERS)
      const senders = building.slice(LISTENERS, LISTENERS + 20)
      const tokens = new Map<string, string>()
      for (const r of [...listeners, ...senders]) tokens.set(r.openid, await login(server.url, r.openid))
      const tokenOf = (r: Resident) => tokens.get(r.openid) as string
      const runId = Date.now().toString(36)

      const arrivals = new Map<string, number[]>()
      let readyCount = 0
      let allReady!: () => void
      const readyPromise = new Promise<void>((resolve) => (allReady = resolve))
      const requests = listeners.map((r) =>
        listen(
          server.url,
          tokenOf(r),
          'group:bg-jsh-1',
          arrivals,
          () => ++readyCount === listeners.length && allReady(),
        ),
      )
      await readyPromise
      const delays: number[] = []
      const slowest: number[] = []
      for (let i = 0; i < FANOUT_PHOTOS; i++) {
        const sender = cycle(senders, i)
        const clientId = `fan-${runId}-${i}`
        const messageId = `${sender.groupId}:${sender.userId}:${clientId}`
        const times: number[] = []
        arrivals.set(messageId, times)
        const t0 = performance.now()
        await uploadAndSend(server.url, tokenOf(sender), sender.groupId, clientId, cycle(samples, i))
        const deadline = Date.now() + 20_000
        while (times.length < listeners.length && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 2))
        if (times.length < listeners.length)
          throw new Error(`only ${times.length} of ${listeners.length} listeners saw photo ${i}`)
        for (const t of times) delays.push(t - t0)
        slowest.push(Math.max(...times) - t0)
      }
      for (const request of requests) request.destroy()
      fanout = { delays, slowest }

      // Throughput: photos uploaded and sent by 20 residents, 4 at a time.
      const perPhoto: number[] = []
      let next = 0
      const t0 = performance.now()
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < THROUGHPUT_PHOTOS; i = next++) {
            const sender = cycle(senders, i)
            const start = performance.now()
            await uploadAndSend(server.url, tokenOf(sender), sender.groupId, `tp-${runId}-${i}`, cycle(samples, i))
            perPhoto.push(performance.now() - start)
          }
        }),
      )
      throughput = {
        seconds: (performance.now() - t0) / 1000,
        photos: THROUGHPUT_PHOTOS,
        bytes: THROUGHPUT_PHOTOS * sampleBytes,
        perPhoto,
      }

      // Voice: recordings of 20 s as the browser encodes them, uploaded and sent one by one.
      const Encoder = lameEncoder()
      for (let i = 0; i < VOICE_SAMPLES; i++) {
        const sender = senders[i % senders.length]
        if (!sender) throw new Error('the voice bench needs at least one sender')
        const recording = browserRecording(20, i, Encoder)
        const start = performance.now()
        await uploadAndSend(server.url, tokenOf(sender), sender.groupId, `vc-${runId}-${i}`, recording, {
          durationMs: 20_000,
        })
        voiceSends.push(performance.now() - start)
        voiceSeconds += 20
      }
    } finally {
      await server.stop()
    }

    const stored = folderBytes(path.join(mediaDir, 'chat'))
    const voiceStored = folderBytes(path.join(mediaDir, 'chat'), '.mp3')
    // The browser records at 32 kbit/s; WeChat's RecorderManager at 48 kbit/s: the estimate takes the larger.
    const voiceBytesPerSecond = Math.max(voiceStored.bytes / Math.max(1, voiceSeconds), VOICE_LIMITS.weappBitRate / 8)
    const yearVoices = residents.length * VOICES_PER_RESIDENT_WEEK * 52
    const yearVoiceBytes = yearVoices * VOICE_AVERAGE_SECONDS * voiceBytesPerSecond
    const photosStored = stored.files / 2
    const perPhotoStored = stored.bytes / photosStored
    const yearPhotos = residents.length * PHOTOS_PER_RESIDENT_WEEK * 52
    const yearBytes = yearPhotos * perPhotoStored
    return [
      `On the pilot database (${residents.length.toLocaleString('en')} verified residents). Each photo is what a phone sends after WeChat's compression: 2048 × 1536 JPEG of smooth colour with fine noise, ${fmt(sampleBytes / 1024, 0)} KB on average (a synthetic stand-in: real photos vary). A photo's path: \`POST /api/media/uploads\`, then \`chat.sendImage\` (decode, re-encode without metadata, thumbnail, store, message, content check submitted). The local content check answers at once here.`,
      '',
      `Photo send → visible to ${LISTENERS} listeners: ${LISTENERS} residents of 金上海家园 1号楼 hold an SSE stream each; ${FANOUT_PHOTOS} photos are sent one after another. Delay = from just before the upload to the moment each listener has the \`reviewed\` event (the photo visible to everyone).`,
      '',
      table(
        ['delivery delay', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
        [
          [
            `each of ${fanout.delays.length.toLocaleString('en')} deliveries`,
            fmt(percentile(fanout.delays, 50), 1),
            fmt(percentile(fanout.delays, 99), 1),
            fmt(Math.max(...fanout.delays), 1),
          ],
          [
            `last listener, per photo (${fanout.slowest.length})`,
            fmt(percentile(fanout.slowest, 50), 1),
            fmt(percentile(fanout.slowest, 99), 1),
            fmt(Math.max(...fanout.slowest), 1),
          ],
        ],
      ),
      '',
      `Upload throughput: ${THROUGHPUT_PHOTOS} photos, ${CONCURRENCY} at a time, by 20 residents.`,
      '',
      table(
        ['photos/s', 'MB/s uploaded', 'per photo p50 (ms)', 'per photo p99 (ms)'],
        [
          [
            fmt(throughput.photos / throughput.seconds, 1),
            fmt(throughput.bytes / 2 ** 20 / throughput.seconds, 1),
            fmt(percentile(throughput.perPhoto, 50), 0),
            fmt(percentile(throughput.perPhoto, 99), 0),
          ],
        ],
      ),
      '',
      `Voice: ${VOICE_SAMPLES} recordings of 20 s as the browser encodes them (MP3, 16 kHz, ${VOICE_LIMITS.browserKbps} kbit/s), uploaded and sent one by one (\`chat.sendVoice\` reads every MP3 frame): ${fmt(percentile(voiceSends, 50), 0)} ms p50, ${fmt(percentile(voiceSends, 99), 0)} ms p99 per message; stored ${fmt(voiceStored.bytes / Math.max(1, voiceSeconds) / 1024, 1)} KB per second of speech (WeChat's recorder: ${fmt(VOICE_LIMITS.weappBitRate / 8 / 1024, 1)} KB/s).`,
      '',
      `Storage: ${photosStored} photos stored in ${fmt(stored.bytes / 2 ** 20, 1)} MB (photo + thumbnail), ${fmt(perPhotoStored / 1024, 0)} KB each. **A year at pilot scale**, assuming ${PHOTOS_PER_RESIDENT_WEEK} photo and ${VOICES_PER_RESIDENT_WEEK} voice messages of ${VOICE_AVERAGE_SECONDS} s per verified resident per week (voice at WeChat's larger rate): ${yearPhotos.toLocaleString('en')} photos, about ${fmt(yearBytes / 2 ** 30, 1)} GB, and ${yearVoices.toLocaleString('en')} voice messages, about ${fmt(yearVoiceBytes / 2 ** 30, 1)} GB — **${fmt((yearBytes + yearVoiceBytes) / 2 ** 30, 1)} GB** in all. With the default retention (a year, \`MEDIA_RETENTION_DAYS\`) that is also about what storage levels off at.`,
    ].join('\n')
  },
}
