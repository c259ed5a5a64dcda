import { Image, Text, View } from '@tarojs/components'
import type { ChatItem } from './conversation-state'
import type { PhotoLink } from './usePhotos'
import './photos.css'

interface PhotoBubbleProps {
  item: ChatItem
  mine: boolean
  link?: PhotoLink
  onOpen(messageId: string): void
}

/** A photo in the conversation: its thumbnail (tap for full screen), or 审核中 for neighbours until the check passes. */
export function PhotoBubble({ item, mine, link, onOpen }: PhotoBubbleProps) {
  const image = item.image
  if (!image) return <Text className="chat-text">{item.text}</Text>
  // The box keeps the photo's shape before it loads, so the conversation does not jump.
  const ratio = Math.min(1.6, Math.max(0.5, image.height / Math.max(1, image.width)))
  const pending = image.review === 'pending'
  if (pending && !mine) {
    return (
      <View className="photo-thumb photo-pending" style={{ paddingBottom: `${ratio * 100}%` }}>
        <Text className="photo-pending-text">图片审核中</Text>
      </View>
    )
  }
  return (
    <View>
      <View
        className="photo-thumb"
        style={{ paddingBottom: `${ratio * 100}%` }}
        onClick={(e) => {
          e.stopPropagation()
          if (link) onOpen(item.messageId)
        }}
      >
        {link ? (
          <Image className="photo-thumb-image" src={link.thumbUrl} mode="aspectFill" />
        ) : (
          <Text className="photo-pending-text">图片加载中…</Text>
        )}
      </View>
      {pending ? <Text className="photo-note">审核中，邻居暂时看不到</Text> : null}
    </View>
  )
}
