import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { EventDetail } from '../../../contracts'
import { useRemote, type Remote } from '../../hooks/useRemote'
import { eventsApi } from './api'

/** While waiting, look again now and then: a promotion shows up without pulling to refresh. */
export const WAITING_REFRESH_MS = 30_000

/**
 * One event as its detail page shows it, loaded again whenever the page shows and, while I am on
 * the waitlist and the page is visible, every 30 s.
 */
export function useEvent(eventId: string): Remote<EventDetail> {
  const remote = useRemote(() => eventsApi.get({ eventId }), [eventId], { enabled: !!eventId })
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  const waiting = remote.data?.mine?.state === 'waitlisted'
  const reload = remote.reload
  useEffect(() => {
    if (!waiting || !visible) return
    const timer = setInterval(() => void reload(), WAITING_REFRESH_MS)
    return () => clearInterval(timer)
  }, [waiting, visible, reload])
  return remote
}
