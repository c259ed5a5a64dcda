/**
 * Reads an MP3 file's frames (no decoding): whether the bytes are MPEG audio layer III, and how
 * long they play. Both recorders produce MP3 (docs/MEDIA.md), so this is the whole check of a
 * voice upload's format — a file that is not a run of valid frames is refused, whatever its name.
 */

const BITRATES_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const
const SAMPLE_RATES = new Map<number, readonly number[]>([
  [3, [44100, 48000, 32000]], // MPEG 1
  [2, [22050, 24000, 16000]], // MPEG 2
  [0, [11025, 12000, 8000]], // MPEG 2.5
])

export interface Mp3Info {
  durationMs: number
  sampleRate: number
  frames: number
}

interface Frame {
  length: number
  samples: number
  sampleRate: number
}

function frameAt(bytes: Uint8Array, at: number): Frame | null {
  if (at + 4 > bytes.length) return null
  const b1 = bytes[at + 1]!
  const b2 = bytes[at + 2]!
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null
  const version = (b1 >> 3) & 0b11 // 3 = MPEG 1, 2 = MPEG 2, 0 = MPEG 2.5, 1 reserved
  const layer = (b1 >> 1) & 0b11 // 1 = layer III
  if (version === 1 || layer !== 1) return null
  const bitrateIndex = b2 >> 4
  const rateIndex = (b2 >> 2) & 0b11
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null
  const mpeg1 = version === 3
  const kbps = (mpeg1 ? BITRATES_KBPS.mpeg1 : BITRATES_KBPS.mpeg2)[bitrateIndex]!
  const sampleRate = SAMPLE_RATES.get(version)![rateIndex]!
  const padding = (b2 >> 1) & 1
  const length = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / sampleRate) + padding
  return { length, samples: mpeg1 ? 1152 : 576, sampleRate }
}

/** Size of an ID3v2 tag at the start (some encoders write one), or 0. */
function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f)
  return 10 + size + (bytes[5]! & 0x10 ? 10 : 0)
}

/**
 * The duration of an MP3 file, or null when the bytes are not one: after an optional ID3v2 tag,
 * frame must follow frame to the end (an ID3v1 tag of 128 bytes may close it), all at one sample
 * rate. A VBR header frame (Xing/Info) is a silent frame and counts like any other.
 */
export function readMp3(bytes: Uint8Array): Mp3Info | null {
  let at = id3v2Length(bytes)
  let end = bytes.length
  if (end - at >= 128 && bytes[end - 128] === 0x54 && bytes[end - 127] === 0x41 && bytes[end - 126] === 0x47) end -= 128
  let samples = 0
  let frames = 0
  let sampleRate = 0
  while (at < end) {
    const frame = frameAt(bytes, at)
    if (!frame) break
    if (sampleRate && frame.sampleRate !== sampleRate) return null
    sampleRate = frame.sampleRate
    // A last frame cut short by a few bytes still plays; one cut in half is damage.
    if (at + frame.length > end && end - at < frame.length / 2) break
    samples += frame.samples
    frames += 1
    at += frame.length
  }
  // Everything must be frames: a few stray bytes at the end at most (some encoders pad).
  if (!frames || end - at > 16) return null
  return { durationMs: Math.round((samples / sampleRate) * 1000), sampleRate, frames }
}
