import type { VoicePlayer } from './voice-types'

export type { VoicePlayer } from './voice-types'

/** Voice messages in the browser: one `<audio>` element (MP3 plays in every browser). */
export function createVoicePlayer(): VoicePlayer {
  let audio: HTMLAudioElement | null = null
  const stop = () => {
    if (!audio) return
    audio.onended = null
    audio.onerror = null
    audio.pause()
    audio = null
  }
  return {
    play(url, events) {
      stop()
      const element = new Audio(url)
      audio = element
      element.onended = () => {
        if (audio === element) audio = null
        events.onEnded()
      }
      element.onerror = () => {
        if (audio === element) audio = null
        events.onError()
      }
      element.play().catch(() => {
        if (audio === element) audio = null
        events.onError()
      })
    },
    stop,
  }
}
