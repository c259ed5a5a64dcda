import { Text, View } from '@tarojs/components'
import type { GroupSummary } from '../../../contracts'
import { chatTime } from './format'
import './chat.css'

/** More than one group (a building and interest groups, or the committee's overview): pick one. */
export function GroupList({ groups, onOpen }: { groups: GroupSummary[]; onOpen(groupId: string): void }) {
  const own = groups.filter((g) => g.own)
  const overseen = groups.filter((g) => !g.own)
  const row = (g: GroupSummary) => (
    <View key={g.groupId} className="lz-card chat-group" onClick={() => onOpen(g.groupId)}>
      <View className="chat-group-head">
        <Text className="lz-text chat-group-name">{g.name}</Text>
        {g.unread > 0 ? (
          <Text className="lz-tag bad chat-group-unread">{g.unread >= 99 ? '99+' : g.unread} 条未读</Text>
        ) : null}
        {g.openReports ? <Text className="lz-tag warn">{g.openReports} 条举报</Text> : null}
      </View>
      <Text className="lz-muted lz-block chat-group-last">
        {g.lastMessage?.senderBadge ? (
          <Text className="lz-tag warn chat-badge">{g.lastMessage.senderBadge}</Text>
        ) : null}
        {g.lastMessage
          ? `${g.lastMessage.senderName}：${g.lastMessage.text} · ${chatTime(g.lastMessage.sentAt)}`
          : '还没有消息'}
      </Text>
    </View>
  )
  return (
    <View className="chat-groups">
      {own.length ? <Text className="lz-subtitle">我的群</Text> : null}
      {own.map(row)}
      {overseen.length ? <Text className="lz-subtitle">各楼楼组群（居委会）</Text> : null}
      {overseen.map(row)}
    </View>
  )
}
