import { Text, View } from '@tarojs/components'
import { memo, type ReactNode } from 'react'
import type { ChatItem } from './conversation-state'
import { avatarColour, avatarText, mentionSegments } from './format'

interface MessageRowProps {
  item: ChatItem
  mine: boolean
  onTap(item: ChatItem): void
  onRetry(messageId: string): void
  /** How a photo message shows (thumbnail, 审核中); text messages ignore it. */
  renderPhoto?(item: ChatItem): ReactNode
  /** How a voice message shows (length, unplayed dot, tap to play). */
  renderVoice?(item: ChatItem): ReactNode
}

/**
 * One message: others on the left with their round name badge, mine on the right. Tapping the
 * bubble opens the actions (reply, @, recall, report…) — a plain tap, never a hidden gesture.
 */
function noticeOf(item: ChatItem, who: string): string {
  if (item.state === 'recalled') return `${who}撤回了一条消息`
  if (item.state === 'removed')
    return `${who}发的${item.kind === 'voice' ? '一条语音' : '一张图片'}未通过安全审核，已删除`
  return `${who}的一条消息因被举报已隐藏`
}

export const MessageRow = memo(function MessageRow({
  item,
  mine,
  onTap,
  onRetry,
  renderPhoto,
  renderVoice,
}: MessageRowProps) {
  if (item.state !== 'normal') {
    const who = mine ? '您' : item.senderName
    return (
      <View id={`m${item.seq}`} className={`chat-notice chat-${item.state}`}>
        <Text>{noticeOf(item, who)}</Text>
      </View>
    )
  }
  const names = item.mentions.map((m) => m.name)
  return (
    <View
      id={item.local ? `p${item.messageId.split(':')[2]}` : `m${item.seq}`}
      className={`chat-row ${mine ? 'mine' : 'theirs'}`}
      data-message-id={item.messageId}
    >
      {!mine ? (
        <View className="chat-avatar" style={{ background: avatarColour(item.senderId) }}>
          <Text>{avatarText(item.senderName)}</Text>
        </View>
      ) : null}
      <View className="chat-body">
        {!mine ? (
          <View className="chat-sender">
            <Text className="chat-sender-name">{item.senderName}</Text>
            {item.senderBadge ? <Text className="lz-tag warn chat-badge">{item.senderBadge}</Text> : null}
          </View>
        ) : null}
        <View className={`chat-bubble ${item.local ? 'pending' : ''}`} onClick={() => !item.local && onTap(item)}>
          {item.replyTo ? (
            <View className="chat-quote">
              <Text>
                {item.replyTo.senderName}：{item.replyTo.excerpt}
              </Text>
            </View>
          ) : null}
          {item.kind === 'image' && renderPhoto ? (
            renderPhoto(item)
          ) : item.kind === 'voice' && renderVoice ? (
            renderVoice(item)
          ) : (
            <Text className="chat-text" userSelect>
              {mentionSegments(item.text, names).map((segment, i) =>
                segment.mention ? (
                  <Text key={i} className="chat-mention">
                    {segment.text}
                  </Text>
                ) : (
                  segment.text
                ),
              )}
            </Text>
          )}
        </View>
        {item.local === 'sending' ? <Text className="chat-status">正在发送…</Text> : null}
        {item.local === 'failed' ? (
          <View className="chat-status failed" onClick={() => onRetry(item.messageId)}>
            <Text>没发出去，点这里重发</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
})
