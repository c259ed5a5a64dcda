import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { CheckInCodeView } from '../../../contracts'
import { eventsApi, messageOf } from './api'

/**
 * The organiser's check-in code: asked for again just after each minute turns while the page is
 * visible (every 10 s after a failure), with the phone kept awake. `error` is the last failure.
 */
export function useCheckInCode(eventId: string): { view: CheckInCodeView | null; error: string | null } {
  const [view, setView] = useState<CheckInCodeView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [visible, setVisible] = useState(true)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!eventId || !visible) return
    let stopped = false
    const load = async () => {
      try {
        const next = await eventsApi.checkInCode({ eventId })
        if (stopped) return
        setView(next)
        setError(null)
        // Ask again just after the minute turns (the server's clock decides, ours only schedules).
        const wait = Math.min(Math.max(next.refreshAt - Date.now() + 500, 2_000), 60_000)
        timer.current = setTimeout(() => void load(), wait)
      } catch (e) {
        if (stopped) return
        setError(messageOf(e))
        timer.current = setTimeout(() => void load(), 10_000)
      }
    }
    void load()
    // Keep the phone awake while the code is shown (WeChat only; the browser ignores it).
    try {
      void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    } catch {
      // not available here
    }
    return () => {
      stopped = true
      if (timer.current) clearTimeout(timer.current)
    }
  }, [eventId, visible])

  return { view, error }
}
