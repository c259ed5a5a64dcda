import fs from 'node:fs'
import path from 'node:path'
import { VOICE_LIMITS, type MessageView } from '../../contracts'
import { encodeMp3, type Mp3EncoderClass } from '../../src/platform/mp3-encoding'
import { newClientId } from './chat'
import { upload } from './media'
import type { ApiClient } from './runtime'

/**
 * lamejs ships an ES module (what the browser build imports) and a script that defines a global;
 * Node's require gets the script, so it is evaluated here to reach the same encoder.
 */
function loadLame(): { Mp3Encoder: Mp3EncoderClass } {
  const script = path.join(__dirname, '../../node_modules/@breezystack/lamejs/dist/lamejs.iife.js')
  const source = fs.readFileSync(script, 'utf8')
  return new Function(`${source}; return lamejs`)() as { Mp3Encoder: Mp3EncoderClass }
}
export const lame = loadLame()

/** A spoken-like tone: `seconds` of a 220 Hz wave with a slow swell, at `rate` samples a second. */
export function tone(seconds: number, rate: number, frequency = 220): Float32Array {
  const samples = new Float32Array(Math.round(seconds * rate))
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate
    samples[i] = 0.4 * Math.sin(2 * Math.PI * frequency * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t))
  }
  return samples
}

/** What the browser's recorder produces: 48 kHz microphone samples, encoded by the app's own encodeMp3. */
export function browserVoice(seconds: number, frequency = 220): Buffer {
  const rate = 48_000
  // The recorder hands over 4096-sample chunks.
  const all = tone(seconds, rate, frequency)
  const chunks: Float32Array[] = []
  for (let i = 0; i < all.length; i += 4096) chunks.push(all.subarray(i, i + 4096))
  return Buffer.from(
    encodeMp3(chunks, rate, lame.Mp3Encoder, { sampleRate: VOICE_LIMITS.sampleRate, kbps: VOICE_LIMITS.browserKbps }),
  )
}

/** What WeChat's RecorderManager writes with the app's settings: MP3, 16 kHz mono, 48 kbit/s. */
export function wechatVoice(seconds: number, frequency = 330): Buffer {
  return Buffer.from(
    encodeMp3([tone(seconds, VOICE_LIMITS.sampleRate, frequency)], VOICE_LIMITS.sampleRate, lame.Mp3Encoder, {
      sampleRate: VOICE_LIMITS.sampleRate,
      kbps: VOICE_LIMITS.weappBitRate / 1000,
    }),
  )
}

/** Upload and send one voice message, as the hold-to-talk button does. */
export async function sendVoiceMessage(
  client: ApiClient,
  groupId: string,
  bytes: Buffer,
  durationMs = 3000,
): Promise<MessageView> {
  return client.ok<MessageView>('chat', 'sendVoice', {
    groupId,
    clientId: newClientId(),
    upload: await upload(client, bytes, 'audio/mpeg'),
    durationMs,
  })
}
