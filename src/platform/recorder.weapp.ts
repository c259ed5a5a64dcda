import Taro from '@tarojs/taro'
import { VOICE_LIMITS } from '../../contracts'
import { ApiError, networkError } from '../services/api-error'
import type { VoiceRecording, VoiceRecorder } from './voice-types'

export type { VoiceRecording, VoiceRecorder } from './voice-types'

/**
 * Hold-to-talk in WeChat: the RecorderManager records MP3 itself (16 kHz mono, 48 kbit/s), the
 * format the browser build also sends, and stops by itself at 60 s.
 */
export function createVoiceRecorder(): VoiceRecorder {
  const manager = Taro.getRecorderManager()
  let recording = false
  let cancelled = false
  let pending: ((result: VoiceRecording | null) => void) | null = null
  let last: VoiceRecording | null = null

  manager.onStop((result) => {
    recording = false
    const done = cancelled ? null : { durationMs: result.duration, file: result.tempFilePath }
    if (pending) {
      pending(done)
      pending = null
    } else {
      // Stopped by itself at 60 s: kept for the release that follows.
      last = done
    }
  })

  return {
    async start() {
      cancelled = false
      last = null
      try {
        await Taro.authorize({ scope: 'scope.record' })
      } catch {
        throw new ApiError({
          code: 'MEDIA.VOICE_UNREADABLE',
          message: '没有麦克风权限：请在右上角 ··· → 设置里允许使用麦克风',
        })
      }
      manager.start({
        duration: VOICE_LIMITS.maxDurationMs,
        sampleRate: VOICE_LIMITS.sampleRate,
        numberOfChannels: 1,
        encodeBitRate: VOICE_LIMITS.weappBitRate,
        format: 'mp3',
      })
      recording = true
    },
    stop() {
      if (!recording) {
        const done = last
        last = null
        return Promise.resolve(done)
      }
      return new Promise<VoiceRecording | null>((resolve) => {
        pending = resolve
        manager.stop()
      })
    },
    cancel() {
      cancelled = true
      last = null
      if (recording) manager.stop()
    },
  }
}

function randomName(): string {
  const bytes = new Uint8Array(12)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Taro.cloud.uploadFile to `uploads/<userId>/<random>.mp3`; the cloud file id is the upload reference. */
export async function uploadVoice(recording: VoiceRecording, userId: string): Promise<string> {
  try {
    const result = await Taro.cloud.uploadFile({
      cloudPath: `uploads/${userId}/${randomName()}.mp3`,
      filePath: recording.file as string,
    })
    return result.fileID
  } catch {
    throw networkError()
  }
}
