import Taro from '@tarojs/taro'
import type { VoicePlayer } from './voice-types'

export type { VoicePlayer } from './voice-types'

/**
 * Voice messages in WeChat: an InnerAudioContext, which plays through the earpiece or the
 * speaker as the phone is set (and still plays when the phone is on silent, as WeChat's own do).
 */
export function createVoicePlayer(): VoicePlayer {
  let audio: Taro.InnerAudioContext | null = null
  const stop = () => {
    audio?.stop()
    audio?.destroy()
    audio = null
  }
  return {
    play(url, events) {
      stop()
      const context = Taro.createInnerAudioContext({ useWebAudioImplement: false })
      audio = context
      context.obeyMuteSwitch = false
      context.src = url
      context.onEnded(() => {
        if (audio === context) stop()
        events.onEnded()
      })
      context.onError(() => {
        if (audio === context) stop()
        events.onError()
      })
      context.play()
    },
    stop,
  }
}
