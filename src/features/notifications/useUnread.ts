import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { notificationsApi } from './api'

/** Show the unread count as the 我的 tab's badge, so it is visible from every tab. */
function showOnTabBar(unread: number): void {
  const index = 3
  if (unread > 0) void Taro.setTabBarBadge({ index, text: unread > 99 ? '99+' : String(unread) }).catch(() => undefined)
  else void Taro.removeTabBarBadge({ index }).catch(() => undefined)
}

/** Unread notifications, refreshed whenever the page shows; also drives the tab-bar badge. */
export function useUnreadNotifications(): number {
  const [unread, setUnread] = useState(0)
  const refresh = useCallback(async () => {
    try {
      const { unread: count } = await notificationsApi.unreadCount()
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
  return unread
}
