import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/Buttons'
import { useRemote } from '../../hooks/useRemote'
import { openPage, ROUTES } from '../account/navigation'
import { chatTime } from '../chat/format'
import { showChatBadge } from '../chat/useChatUnread'
import { BUDDY_ROUTES } from './routes'
import { chatApi } from '../chat/api'

/** How many of the latest messages the group page shows before 进入群聊. */
const PREVIEW_COUNT = 3

/** The chat opens on the 楼组 tab (where all my groups' chats live); its back button returns here. */
export function groupChatUrl(groupId: string): string {
  return `${ROUTES.group}?groupId=${encodeURIComponent(groupId)}&back=${encodeURIComponent(`${BUDDY_ROUTES.group}?id=${groupId}`)}`
}

/**
 * An interest group's page · 小组群聊: for members, the latest messages and how many are unread,
 * and the way in; for everyone else, what joining gives. Reloads whenever the page shows, so
 * coming back from the chat shows it read.
 */
export function GroupChatCard({ groupId, member, hint }: { groupId: string; member: boolean; hint: string }) {
  const remote = useRemote(
    async () => {
      const [summary, page] = await Promise.all([
        chatApi.listGroups(),
        chatApi.history({ groupId, limit: PREVIEW_COUNT }),
      ])
      showChatBadge(summary.unreadTotal)
      const unread = summary.groups.find((g) => g.groupId === groupId)?.unread ?? 0
      // History pages come newest first; the card reads top to bottom like the chat.
      return { unread, latest: [...page.items].reverse() }
    },
    [groupId],
    { enabled: member },
  )

  if (!member) {
    return (
      <View className="lz-card group-chat">
        <Text className="lz-subtitle">小组群聊</Text>
        <Text className="lz-text lz-block group-chat-hint">{hint}</Text>
      </View>
    )
  }
  const data = remote.data
  return (
    <View className="lz-card group-chat">
      <View className="lz-row group-chat-head">
        <Text className="lz-subtitle">小组群聊</Text>
        {data ? (
          <Text className={data.unread > 0 ? 'lz-tag bad group-chat-unread' : 'lz-muted group-chat-unread'}>
            {data.unread > 0 ? `${data.unread > 99 ? '99+' : data.unread} 条未读` : '没有未读'}
          </Text>
        ) : null}
      </View>
      {remote.loading && !data ? <Text className="lz-muted lz-block">正在加载…</Text> : null}
      {remote.error && !data ? <Text className="lz-error">{remote.error}</Text> : null}
      {data && !data.latest.length ? <Text className="lz-muted lz-block">还没有人说话，去打个招呼吧。</Text> : null}
      {data?.latest.map((m) => (
        <View key={m.messageId} className="group-chat-line">
          <Text className="lz-text group-chat-text">
            <Text className="group-chat-sender">{m.senderName}：</Text>
            {m.text}
          </Text>
          <Text className="lz-muted group-chat-time">{chatTime(m.sentAt)}</Text>
        </View>
      ))}
      <ActionButton className="open-group-chat" onClick={() => openPage(groupChatUrl(groupId))}>
        进入群聊
      </ActionButton>
    </View>
  )
}
