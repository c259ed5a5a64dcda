import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { VOICE_LIMITS } from '../../../contracts'
import type { RecordingState } from './useVoice'
import './voice.css'

interface HoldToTalkProps {
  state: RecordingState
  sending: boolean
  press(): void
  slide(upwardsPx: number): void
  release(): void
}

interface Point {
  clientY: number
}
interface TouchLike {
  touches?: ArrayLike<Point>
  changedTouches?: ArrayLike<Point>
  clientY?: number
}

function yOf(event: TouchLike): number {
  const touch = event.touches?.[0] ?? event.changedTouches?.[0]
  return touch ? touch.clientY : (event.clientY ?? 0)
}

/**
 * 按住 说话: the big bar that replaces the text field in voice mode. Touch (phones) and mouse
 * (a computer's browser) both work; while held, a panel says how long and how to cancel.
 */
export function HoldToTalk({ state, sending, press, slide, release }: HoldToTalkProps) {
  const startY = useRef(0)
  const touching = useRef(false)
  const recording = state.phase === 'recording'

  const down = (event: TouchLike) => {
    startY.current = yOf(event)
    press()
  }
  const move = (event: TouchLike) => slide(startY.current - yOf(event))
  // A computer's browser has a mouse, not a finger: pressed on the bar, then followed over the
  // whole page until released, so sliding up past the bar cancels as on a phone. (Taro's View
  // types list touch events only; the h5 build passes this one through, WeChat has no mouse.)
  const mouse = {
    onMouseDown: (e: TouchLike) => {
      if (touching.current || typeof document === 'undefined') return
      down(e)
      const follow = (event: MouseEvent) => move(event)
      const up = () => {
        document.removeEventListener('mousemove', follow)
        document.removeEventListener('mouseup', up)
        release()
      }
      document.addEventListener('mousemove', follow)
      document.addEventListener('mouseup', up)
    },
  } as object

  return (
    <View className="voice-hold-wrap">
      {recording ? <RecordingPanel state={state} /> : null}
      <View
        className={`voice-hold ${recording ? 'held' : ''}`}
        onTouchStart={(e) => {
          touching.current = true
          down(e as unknown as TouchLike)
        }}
        onTouchMove={(e) => move(e as unknown as TouchLike)}
        onTouchEnd={() => release()}
        onTouchCancel={() => release()}
        {...mouse}
      >
        <Text>{sending ? '正在发送…' : recording ? '松开 发送' : '按住 说话'}</Text>
      </View>
    </View>
  )
}

/** While held: how long so far, the last ten seconds counted down, and how to cancel. */
function RecordingPanel({ state }: { state: Extract<RecordingState, { phase: 'recording' }> }) {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [])
  const elapsed = Math.max(0, Math.floor((now - state.startedAt) / 1000))
  const left = Math.ceil(VOICE_LIMITS.maxDurationMs / 1000) - elapsed
  return (
    <View className={`voice-panel ${state.cancelling ? 'cancelling' : ''}`}>
      <Text className="voice-panel-title">{state.cancelling ? '松开手指，取消发送' : '正在录音'}</Text>
      <Text className="voice-panel-time">
        {elapsed}″{left <= 10 ? ` · 还能说 ${left} 秒` : ''}
      </Text>
      {state.cancelling ? null : <Text className="voice-panel-hint">松开发送 / 上滑取消</Text>}
    </View>
  )
}
