/**
 * The browser's voice recording as MP3 (docs/MEDIA.md, "Voice"): microphone samples at the audio
 * device's rate in, 16 kHz mono MP3 out, encoded on the phone with lamejs so that the server
 * stores one format WeChat and browsers both play. Pure: the recorder and the tests share it.
 */

/** The part of lamejs's Mp3Encoder used here (passed in, so Node tests can load lamejs their own way). */
export interface Mp3EncoderLike {
  encodeBuffer(left: Int16Array): Uint8Array
  flush(): Uint8Array
}
export type Mp3EncoderClass = new (channels: number, sampleRate: number, kbps: number) => Mp3EncoderLike

/** Averages `input` down to `outputRate` (voice needs nothing above 8 kHz) as 16-bit samples. */
export function downsampleToInt16(input: Float32Array, inputRate: number, outputRate: number): Int16Array {
  const ratio = inputRate / outputRate
  const length = Math.floor(input.length / ratio)
  const out = new Int16Array(length)
  for (let i = 0; i < length; i++) {
    const from = Math.floor(i * ratio)
    const to = Math.min(input.length, Math.floor((i + 1) * ratio))
    let sum = 0
    for (let j = from; j < to; j++) sum += input[j]!
    const sample = Math.max(-1, Math.min(1, sum / Math.max(1, to - from)))
    out[i] = sample < 0 ? sample * 0x8000 : sample * 0x7fff
  }
  return out
}

/** Encodes recorded chunks (Float32 at `inputRate`) into one MP3 file. */
export function encodeMp3(
  chunks: readonly Float32Array[],
  inputRate: number,
  Encoder: Mp3EncoderClass,
  options: { sampleRate: number; kbps: number },
): Uint8Array<ArrayBuffer> {
  const total = chunks.reduce((n, c) => n + c.length, 0)
  const joined = new Float32Array(total)
  let at = 0
  for (const chunk of chunks) {
    joined.set(chunk, at)
    at += chunk.length
  }
  const samples = downsampleToInt16(joined, inputRate, options.sampleRate)
  const encoder = new Encoder(1, options.sampleRate, options.kbps)
  const parts: Uint8Array[] = []
  // lamejs wants blocks of a multiple of 576 samples.
  const block = 576 * 20
  for (let i = 0; i < samples.length; i += block) {
    const part = encoder.encodeBuffer(samples.subarray(i, i + block))
    if (part.length) parts.push(new Uint8Array(part))
  }
  const tail = encoder.flush()
  if (tail.length) parts.push(new Uint8Array(tail))
  const size = parts.reduce((n, p) => n + p.length, 0)
  const mp3 = new Uint8Array(size)
  at = 0
  for (const part of parts) {
    mp3.set(part, at)
    at += part.length
  }
  return mp3
}
