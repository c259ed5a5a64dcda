import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useMemo } from 'react'
import type { ChatItem } from './conversation-state'
import { PhotoBubble } from './PhotoBubble'
import { usePhotoViewer } from './PhotoViewer'
import { photoOrder, usePhotoLinks, usePhotoSend } from './usePhotos'

/**
 * Everything photos add to a chat room, as pieces the room places: the 图片 button for the
 * composer, how a photo message renders, and the full-screen viewer.
 */
export function useChatPhotos(groupId: string, myId: string, items: readonly ChatItem[] | undefined) {
  const { pickAndSend, sending } = usePhotoSend(groupId, myId)
  const links = usePhotoLinks(groupId, items, myId)
  const viewer = usePhotoViewer()

  const open = useCallback(
    (messageId: string) => viewer.show(photoOrder(items ?? [], links), messageId),
    [viewer, items, links],
  )

  const renderPhoto = useCallback(
    (item: ChatItem) => (
      <PhotoBubble item={item} mine={item.senderId === myId} link={links.get(item.messageId)} onOpen={open} />
    ),
    [links, myId, open],
  )

  const photoButton = useMemo(
    () => (
      <View
        className="chat-photo-button"
        onClick={() => {
          if (sending) return
          void pickAndSend().then((problem) => {
            if (problem)
              void Taro.showModal({ title: '提示', content: problem, showCancel: false, confirmText: '知道了' })
          })
        }}
      >
        <Text>{sending ? `${sending.done}/${sending.total}` : '图片'}</Text>
      </View>
    ),
    [pickAndSend, sending],
  )

  return { renderPhoto, photoButton, overlay: viewer.overlay }
}
