import { Text, View } from '@tarojs/components'
import { excerptOf } from '../../utils/text'
import { openPage, ROUTES } from '../account/navigation'
import { chatTime } from './format'
import { useChatUnread } from './useChatUnread'
import './chat-card.css'

/** The latest message on the card: its first words, so the line wraps instead of being cut (large text too). */
const LAST_MESSAGE_CHARS = 24

/** 首页: my building's chat at a glance — the latest message and how many are unread. */
export function ChatUnreadCard() {
  const { groups, unreadTotal } = useChatUnread()
  const own = groups.filter((g) => g.own)
  const [latest] = [...own].sort((a, b) => (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0))
  if (!latest) return null
  const only = own.length === 1 ? latest : null
  return (
    <View
      className="lz-card chat-card"
      onClick={() => openPage(only ? `${ROUTES.group}?groupId=${only.groupId}` : ROUTES.group)}
    >
      <View className="lz-row chat-card-head">
        <Text className="lz-text chat-card-title">{only ? `${only.name} 楼组群` : '我的群聊'}</Text>
        <Text className={unreadTotal > 0 ? 'lz-tag bad chat-unread-count' : 'lz-muted chat-unread-count'}>
          {unreadTotal > 0 ? `${unreadTotal > 99 ? '99+' : unreadTotal} 条未读` : '没有未读'}
        </Text>
      </View>
      {latest.lastMessage ? (
        <Text className="lz-muted lz-block chat-card-last">
          {latest.lastMessage.senderBadge ? (
            <Text className="lz-tag warn chat-badge">{latest.lastMessage.senderBadge}</Text>
          ) : null}
          {latest.lastMessage.senderName}：{excerptOf(latest.lastMessage.text, LAST_MESSAGE_CHARS)} ·{' '}
          {chatTime(latest.lastMessage.sentAt)}
        </Text>
      ) : (
        <Text className="lz-muted lz-block chat-card-last">还没有人说话，去打个招呼吧 ›</Text>
      )}
    </View>
  )
}
