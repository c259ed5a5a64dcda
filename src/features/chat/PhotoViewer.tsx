import { Image, Text, View, type ITouchEvent } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { showInSystemViewer } from '../../platform/photos'
import type { PhotoLink } from './usePhotos'

type Photo = { messageId: string } & PhotoLink

/**
 * Full screen with swiping between the conversation's photos. In WeChat: the system viewer
 * (Taro.previewImage: pinch to zoom, long-press to save, as people know it). In the browser: an
 * overlay with the same swipe, plus big 上一张 / 下一张 / 关闭 buttons for those who do not swipe.
 */
export function usePhotoViewer() {
  const [open, setOpen] = useState<{ photos: Photo[]; index: number } | null>(null)

  const show = useCallback((photos: Photo[], messageId: string) => {
    const index = Math.max(
      0,
      photos.findIndex((p) => p.messageId === messageId),
    )
    if (!photos.length) return
    if (
      showInSystemViewer(
        photos.map((p) => p.url),
        photos[index]?.url ?? '',
      )
    )
      return
    // The tab bar sits above the page: hidden while the viewer is open (not a tab page: nothing to hide).
    Taro.hideTabBar({ animation: false }).catch(() => undefined)
    setOpen({ photos, index })
  }, [])

  const close = useCallback(() => {
    Taro.showTabBar({ animation: false }).catch(() => undefined)
    setOpen(null)
  }, [])

  const overlay = open ? (
    <PhotoOverlay
      photos={open.photos}
      index={open.index}
      onIndex={(index) => setOpen({ ...open, index })}
      onClose={close}
    />
  ) : null
  return { show, overlay }
}

function PhotoOverlay({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: Photo[]
  index: number
  onIndex(index: number): void
  onClose(): void
}) {
  const startX = useRef<number | null>(null)
  const go = (step: number) => {
    const next = index + step
    if (next >= 0 && next < photos.length) onIndex(next)
  }
  const photo = photos[index]
  if (!photo) return null
  return (
    <View
      className="photo-overlay"
      onTouchStart={(e) => {
        startX.current = (e as unknown as ITouchEvent).touches[0]?.clientX ?? null
      }}
      onTouchEnd={(e) => {
        const start = startX.current
        const end = (e as unknown as ITouchEvent).changedTouches[0]?.clientX
        startX.current = null
        if (start === null || end === undefined || Math.abs(end - start) < 40) return
        go(end < start ? 1 : -1)
      }}
    >
      <View className="photo-overlay-bar">
        <Text className="photo-overlay-count">
          {index + 1} / {photos.length}
        </Text>
        <View className="chat-chip photo-overlay-close" onClick={onClose}>
          <Text>关闭</Text>
        </View>
      </View>
      <View className="photo-overlay-stage" onClick={onClose}>
        <Image className="photo-overlay-image" src={photo.url} mode="aspectFit" />
      </View>
      {photos.length > 1 ? (
        <View className="photo-overlay-nav">
          <View className={`chat-chip photo-overlay-prev ${index === 0 ? 'disabled' : ''}`} onClick={() => go(-1)}>
            <Text>‹ 上一张</Text>
          </View>
          <View
            className={`chat-chip photo-overlay-next ${index === photos.length - 1 ? 'disabled' : ''}`}
            onClick={() => go(1)}
          >
            <Text>下一张 ›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
