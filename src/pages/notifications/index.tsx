import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NotificationView } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { Gate } from '../../features/account/Gate'
import { openPage } from '../../features/account/navigation'
import { useRemote } from '../../hooks/useRemote'
import { fromNow } from '../../utils/time'
import { notificationsApi } from '../../features/notifications/api'
import './index.css'

/** What a notification says about its WeChat copy; nothing when the person did not ask for one. */
const WECHAT_NOTE: Partial<Record<NotificationView['wechat'], string>> = {
  sent: ' · 已发送微信订阅消息',
  queued: ' · 微信订阅消息稍后发出',
}

export default function NotificationsPage() {
  return (
    <PageShell className="notifications-page">
      <Gate>
        <NotificationList />
      </Gate>
    </PageShell>
  )
}

function NotificationList() {
  const [items, setItems] = useState<NotificationView[]>([])
  const [nextBefore, setNextBefore] = useState<string | undefined>()
  const first = useRemote(async () => {
    const page = await notificationsApi.list({ limit: 20 })
    setItems(page.items)
    setNextBefore(page.nextBefore)
    return page
  }, [])

  async function open(item: NotificationView) {
    if (!item.readAt) {
      await notificationsApi.markRead({ ids: [item.notificationId] }).catch(() => undefined)
      setItems((list) => list.map((n) => (n.notificationId === item.notificationId ? { ...n, readAt: Date.now() } : n)))
    }
    if (item.link) openPage(item.link)
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

  if (first.loading && !first.data) return <Loading />
  if (first.error) return <ErrorState message={first.error} onRetry={() => void first.reload()} />
  if (!items.length) return <EmptyState title="还没有通知" hint="楼组长的公告、活动提醒、申请结果都会出现在这里。" />

  const unread = items.some((n) => !n.readAt)
  return (
    <View>
      {unread ? (
        <ActionButton tone="plain" onClick={() => void markAll()}>
          全部标为已读
        </ActionButton>
      ) : null}
      {items.map((item) => (
        <View
          key={item.notificationId}
          className={`lz-card notification ${item.readAt ? 'read' : 'unread'} ${item.urgent ? 'urgent' : ''}`}
          onClick={() => void open(item)}
        >
          <View className="notification-head">
            <Text className="lz-text notification-title">
              {item.urgent ? '【紧急】' : ''}
              {item.title}
            </Text>
            {!item.readAt ? <Text className="lz-tag bad">未读</Text> : null}
          </View>
          <Text className="lz-text lz-block notification-body">{item.body}</Text>
          <Text className="lz-muted lz-block">
            {fromNow(item.createdAt)}
            {WECHAT_NOTE[item.wechat] ?? ''}
          </Text>
        </View>
      ))}
      {nextBefore ? (
        <ActionButton tone="plain" onClick={() => void more()}>
          查看更早的通知
        </ActionButton>
      ) : null}
    </View>
  )
}
