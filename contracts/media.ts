import * as z from 'zod'

/**
 * Photos (and, later, voice) in the building chat: what may be uploaded and how it is stored.
 * The phone compresses before upload; the server decodes, re-encodes and strips every piece of
 * metadata (EXIF with GPS, XMP, ICC comments) whatever arrives. docs/MEDIA.md explains the rest.
 */
export const IMAGE_LIMITS = {
  /** An upload after the phone compressed it. */
  maxUploadBytes: 8 * 1024 * 1024,
  /** Decoded size: refuses decompression bombs before they take the memory of a function. */
  maxPixels: 50_000_000,
  /** What the server keeps: the longest side at most this, JPEG. */
  storedLongSide: 2048,
  thumbLongSide: 360,
  /** Up to this many photos picked at once, each sent as its own message. */
  maxPerPick: 9,
  /** What the phone aims for before upload. */
  clientLongSide: 2048,
  // HEIC is not here: sharp's prebuilt libvips cannot decode it; WeChat's compressImage and the browser's canvas both give JPEG.
  contentTypes: ['image/jpeg', 'image/png', 'image/webp'] as const,
} as const

export type ImageContentType = (typeof IMAGE_LIMITS.contentTypes)[number]

export function isImageContentType(value: string): value is ImageContentType {
  return (IMAGE_LIMITS.contentTypes as readonly string[]).includes(value)
}

/**
 * Voice messages (hold to talk). One stored format for both builds: **MP3**, mono. WeChat's
 * RecorderManager records MP3 itself (`format: 'mp3'`, 16 kHz, 48 kbit/s); the browser records
 * PCM from the microphone and encodes MP3 on the phone (lamejs, 16 kHz, 32 kbit/s), so the server
 * never transcodes. MP3 plays in WeChat's InnerAudioContext and in every browser's `<audio>`.
 * The server reads the MP3 frames itself: it refuses anything else and measures the duration.
 */
export const VOICE_LIMITS = {
  /** The longest recording; the recorder stops by itself here. */
  maxDurationMs: 60_000,
  /** Encoders pad the last frame: a 60 s recording measures a little over 60 s. */
  durationToleranceMs: 1_500,
  /** Shorter than this is a slip of the finger (WeChat says 说话时间太短). */
  minDurationMs: 1_000,
  /** 60 s at 128 kbit/s is under 1 MB; both recorders send far less (about 240–360 KB). */
  maxUploadBytes: 1024 * 1024,
  contentTypes: ['audio/mpeg'] as const,
  /** What the recorders aim for. */
  sampleRate: 16_000,
  weappBitRate: 48_000,
  browserKbps: 32,
} as const

export function isVoiceContentType(value: string): value is (typeof VOICE_LIMITS.contentTypes)[number] {
  return (VOICE_LIMITS.contentTypes as readonly string[]).includes(value)
}

/** A member's signed link to a photo lives this long; copied out of the group it soon stops working. */
export const MEDIA_URL_TTL_SECONDS = 10 * 60

/** Links to my own photos in 导出我的数据 last an hour: time to save them all. */
export const EXPORT_LINK_TTL_SECONDS = 60 * 60

/**
 * Where the phone put the bytes before the send: `uploads/<userId>/<random name>`, locally as
 * returned by `POST /api/media/uploads`, in WeChat the cloud file id of `Taro.cloud.uploadFile` to
 * that path (`cloud://<env>.<bucket>/uploads/<userId>/<name>`). The server takes only uploads under
 * the caller's own id; the random name (96 bits) is what keeps one person's pending upload from
 * another.
 */
export const uploadRef = z
  .string()
  .max(300, { message: '上传编号格式不对' })
  .regex(/^(cloud:\/\/[A-Za-z0-9._-]+\/)?uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{8,64}(\.[a-z0-9]{1,5})?$/, {
    message: '上传编号格式不对',
  })

/** The user id segment of an upload reference. */
export function uploaderOf(upload: string): string {
  const match = /uploads\/([A-Za-z0-9_-]{1,64})\//.exec(upload)
  return match?.[1] ?? ''
}

/** What the local upload endpoint answers. */
export interface UploadResult {
  upload: string
  bytes: number
}
