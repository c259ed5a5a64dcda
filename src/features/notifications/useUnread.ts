import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { usePersonalChanges } from '../account/personal-changes'
import { notificationsApi } from './api'

/** Show the unread count as the 我的 tab's badge, so it is visible from every tab. */
function showOnTabBar(unread: number): void {
  const index = 3
  if (unread > 0) void Taro.setTabBarBadge({ index, text: unread > 99 ? '99+' : String(unread) }).catch(() => undefined)
  else void Taro.removeTabBarBadge({ index }).catch(() => undefined)
}

/** Pages showing the count at once (首页 and 我的) share one request. */
let inFlight: Promise<{ unread: number }> | null = null
function unreadCount(): Promise<{ unread: number }> {
  inFlight ??= notificationsApi.unreadCount().finally(() => {
    inFlight = null
  })
  return inFlight
}

/**
 * Unread notifications, refreshed whenever the page shows and whenever a notification reaches me
 * (live, from any page); also drives the tab-bar badge.
 */
export function useUnreadNotifications(): number {
  const [unread, setUnread] = useState(0)
  const refresh = useCallback(async () => {
    try {
      const { unread: count } = await unreadCount()
      setUnread(count)
      showOnTabBar(count)
    } catch {
      // A badge is not worth an error message.
    }
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  useDidShow(() => void refresh())
  usePersonalChanges(['notifications'], () => void refresh())
  return unread
}
