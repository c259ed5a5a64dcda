import { Mp3Encoder } from '@breezystack/lamejs'
import { VOICE_LIMITS, type Envelope, type UploadResult } from '../../contracts'
import { ApiError, networkError } from '../services/api-error'
import { API_BASE } from '../services/origin'
import { readStored, STORAGE_KEYS } from '../services/storage'
import { encodeMp3, type Mp3EncoderClass } from './mp3-encoding'
import type { VoiceRecording, VoiceRecorder } from './voice-types'

export type { VoiceRecording, VoiceRecorder } from './voice-types'

/**
 * Hold-to-talk in the browser: the microphone's samples are collected (a ScriptProcessor: it
 * runs in every browser without a separate worklet file; a minute of 16 kHz voice is small) and
 * encoded to MP3 on the phone when the finger lifts, so both builds send the same format. A
 * MediaRecorder would give webm/opus (Chromium) or mp4 (Safari), which WeChat does not play.
 */
export function createVoiceRecorder(): VoiceRecorder {
  let stream: MediaStream | null = null
  let context: AudioContext | null = null
  let processor: ScriptProcessorNode | null = null
  let chunks: Float32Array[] = []
  let startedAt = 0

  const release = () => {
    processor?.disconnect()
    stream?.getTracks().forEach((track) => track.stop())
    void context?.close().catch(() => undefined)
    processor = null
    stream = null
    context = null
  }

  return {
    async start() {
      release()
      chunks = []
      if (!navigator.mediaDevices?.getUserMedia)
        throw new ApiError({ code: 'MEDIA.VOICE_UNREADABLE', message: '这个浏览器不能录音' })
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true } })
      } catch {
        throw new ApiError({
          code: 'MEDIA.VOICE_UNREADABLE',
          message: '没有麦克风权限：请在浏览器设置里允许使用麦克风',
        })
      }
      context = new AudioContext()
      const source = context.createMediaStreamSource(stream)
      processor = context.createScriptProcessor(4096, 1, 1)
      processor.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)))
      source.connect(processor)
      // A ScriptProcessor only runs while connected to the output; it writes silence there.
      processor.connect(context.destination)
      startedAt = Date.now()
    },
    async stop(): Promise<VoiceRecording | null> {
      if (!context) return null
      const rate = context.sampleRate
      const durationMs = Math.min(VOICE_LIMITS.maxDurationMs, Date.now() - startedAt)
      const recorded = chunks
      release()
      const mp3 = encodeMp3(recorded, rate, Mp3Encoder as unknown as Mp3EncoderClass, {
        sampleRate: VOICE_LIMITS.sampleRate,
        kbps: VOICE_LIMITS.browserKbps,
      })
      return { durationMs, file: new Blob([mp3], { type: 'audio/mpeg' }) }
    },
    cancel() {
      release()
      chunks = []
    },
  }
}

/** `POST /api/media/uploads` with the MP3; the server checks the frames and measures it again. */
export async function uploadVoice(recording: VoiceRecording, _userId: string): Promise<string> {
  const token = readStored<string>(STORAGE_KEYS.token, '')
  let response: Response
  try {
    response = await fetch(`${API_BASE}/api/media/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'audio/mpeg', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: recording.file as Blob,
    })
  } catch {
    throw networkError()
  }
  let envelope: Envelope<UploadResult>
  try {
    envelope = (await response.json()) as Envelope<UploadResult>
  } catch {
    throw networkError()
  }
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data.upload
}
