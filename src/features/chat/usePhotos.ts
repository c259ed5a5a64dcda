import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { IMAGE_LIMITS, type MessageView } from '../../../contracts'
import { uploadPhoto } from '../../platform/photos'
import { chatApi, messageOf } from './api'
import type { ChatItem } from './conversation-state'
import { newClientId } from './useConversation'

export interface PhotoLink {
  thumbUrl: string
  url: string
}

/** Whether I may look at this photo now: mine at once, others' once the content check passed. */
export function photoVisibleTo(
  item: Pick<ChatItem, 'kind' | 'state' | 'image' | 'senderId' | 'local'>,
  myId: string,
): boolean {
  return (
    item.kind === 'image' &&
    item.state === 'normal' &&
    !!item.image &&
    !item.local &&
    (item.image.review === 'passed' || item.senderId === myId)
  )
}

/**
 * 图片: pick up to nine from the album or the camera; each is compressed on the phone, uploaded
 * and sent as its own message, in order (as WeChat does). The conversation shows each one when
 * the realtime stream brings it back. Returns the first problem to show, or null.
 */
export function usePhotoSend(groupId: string, myId: string) {
  const [sending, setSending] = useState<{ done: number; total: number } | null>(null)

  const pickAndSend = useCallback(async (): Promise<string | null> => {
    let paths: string[]
    try {
      const picked = await Taro.chooseImage({
        count: IMAGE_LIMITS.maxPerPick,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      })
      paths = picked.tempFilePaths.slice(0, IMAGE_LIMITS.maxPerPick)
    } catch {
      return null // cancelled
    }
    if (!paths.length) return null
    let problem: string | null = null
    setSending({ done: 0, total: paths.length })
    for (const [i, path] of paths.entries()) {
      try {
        const upload = await uploadPhoto(path, myId)
        await chatApi.sendImage({ groupId, clientId: newClientId(), upload })
      } catch (error) {
        problem ??= paths.length > 1 ? `第 ${i + 1} 张没发出去：${messageOf(error)}` : messageOf(error)
      }
      setSending({ done: i + 1, total: paths.length })
    }
    setSending(null)
    return problem
  }, [groupId, myId])

  return { pickAndSend, sending }
}

/**
 * Short-lived links to the photos on screen, asked for in batches (the server checks membership
 * and the content check) and asked again shortly before they expire.
 */
export function usePhotoLinks(
  groupId: string,
  items: readonly ChatItem[] | undefined,
  myId: string,
): Map<string, PhotoLink> {
  const [links, setLinks] = useState<Map<string, PhotoLink & { expiresAt: number }>>(new Map())
  const asking = useRef(new Set<string>())

  useEffect(() => {
    const now = Date.now()
    const wanted = (items ?? [])
      .filter((item) => photoVisibleTo(item, myId))
      .map((item) => item.messageId)
      .filter((id) => !asking.current.has(id) && !((links.get(id)?.expiresAt ?? 0) > now + 60_000))
      .slice(0, 50)
    if (!wanted.length) return
    for (const id of wanted) asking.current.add(id)
    chatApi
      .mediaUrls({ groupId, messageIds: wanted })
      .then(({ items: answered, expiresAt }) => {
        setLinks((current) => {
          const next = new Map(current)
          for (const link of answered)
            next.set(link.messageId, { thumbUrl: link.thumbUrl ?? link.url, url: link.url, expiresAt })
          return next
        })
      })
      .catch(() => undefined)
      .finally(() => {
        for (const id of wanted) asking.current.delete(id)
      })
  }, [groupId, items, myId, links])

  return links
}

/** The photo messages among the items, in conversation order (for swiping full screen). */
export function photoOrder(
  items: readonly MessageView[],
  links: Map<string, PhotoLink>,
): Array<{ messageId: string } & PhotoLink> {
  return [...items]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((item) => {
      const link = links.get(item.messageId)
      return link ? [{ messageId: item.messageId, ...link }] : []
    })
}
