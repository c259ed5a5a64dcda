import { Text, View } from '@tarojs/components'
import type { NotificationView } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { Gate } from '../../features/account/Gate'
import { openPage } from '../../features/account/navigation'
import { fromNow } from '../../utils/time'
import { useNotifications } from '../../features/notifications/useNotifications'
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
  const { first, items, nextBefore, markRead, markAll, more } = useNotifications()

  async function open(item: NotificationView) {
    await markRead(item)
    if (item.link) openPage(item.link)
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
