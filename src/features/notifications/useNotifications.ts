import { useState } from 'react'
import type { NotificationView } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { notificationsApi } from './api'

/**
 * My notifications, newest first, 20 at a time (`more()` appends older ones), and marking them
 * read: one as I open it (a failure there is not worth telling), or all at once.
 */
export function useNotifications() {
  const [items, setItems] = useState<NotificationView[]>([])
  const [nextBefore, setNextBefore] = useState<string | undefined>()
  const first = useRemote(async () => {
    const page = await notificationsApi.list({ limit: 20 })
    setItems(page.items)
    setNextBefore(page.nextBefore)
    return page
  }, [])

  async function markRead(item: NotificationView) {
    if (item.readAt) return
    await notificationsApi.markRead({ ids: [item.notificationId] }).catch(() => undefined)
    setItems((list) => list.map((n) => (n.notificationId === item.notificationId ? { ...n, readAt: Date.now() } : n)))
  }

  async function markAll() {
    await notificationsApi.markRead({ all: true })
    setItems((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: Date.now() })))
  }

  async function more() {
    if (!nextBefore) return
    const page = await notificationsApi.list({ limit: 20, before: nextBefore })
    setItems((list) => [...list, ...page.items])
    setNextBefore(page.nextBefore)
  }

  return { first, items, nextBefore, markRead, markAll, more }
}
