import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { groupTopic, isTransient, messageIdOf, type MessageView } from '../../../contracts'
import { ApiError, messageOf } from '../../services/api-error'
import { subscribe, type RealtimeEvent, type Unsubscribe } from '../../services/realtime'
import {
  initialState,
  newestSeq,
  oldestSeq,
  PAGE,
  withChange,
  withFailed,
  withNewer,
  withOlder,
  withoutItem,
  withPending,
  type ConversationState,
} from './conversation-state'
import { refreshChatBadge } from './useChatUnread'
import { chatApi } from './api'

/** A clientId per composed message: a retried send reuses it, so the server keeps one copy. */
export function newClientId(): string {
  const random = Math.random().toString(36).slice(2, 10)
  return `c${Date.now().toString(36)}${random}`.padEnd(10, '0')
}

export interface Draft {
  text: string
  replyTo?: MessageView
  mentions: string[]
}

export interface Conversation {
  state: ConversationState | null
  loading: boolean
  error: string | null
  /** The connection for live messages is down and being re-established. */
  offline: boolean
  /** Why the conversation closed on the person: they no longer belong to the group, or their sign-in ran out. */
  revoked: 'notMember' | 'signedOut' | null
  loadingOlder: boolean
  reload(): Promise<void>
  loadOlder(): Promise<boolean>
  loadNewer(): Promise<void>
  jumpToLatest(): Promise<void>
  /** Sends; resolves to the refusal to show (the draft should be kept), or null. */
  send(draft: Draft): Promise<ApiError | null>
  retry(messageId: string): Promise<void>
  /** Tell the conversation whether the bottom is on screen (to count new messages and mark read). */
  setLooking(looking: boolean): void
}

/**
 * One group's conversation: a window of history, live changes from `subscribe`, my sends (shown
 * at once, confirmed or marked failed), and the read mark that follows what is on screen.
 */
export function useConversation(groupId: string, me: { userId: string; nickname: string }): Conversation {
  const [state, setState] = useState<ConversationState | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [offline, setOffline] = useState(false)
  const [revoked, setRevoked] = useState<'notMember' | 'signedOut' | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const stateRef = useRef<ConversationState | null>(null)
  const looking = useRef(true)
  const unsubscribe = useRef<Unsubscribe | null>(null)
  const drafts = useRef(new Map<string, Draft & { clientId: string }>())
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const readUpTo = useRef(0)

  const update = useCallback((change: (s: ConversationState) => ConversationState) => {
    setState((current) => {
      const next = current ? change(current) : current
      stateRef.current = next
      return next
    })
  }, [])

  const markReadSoon = useCallback(() => {
    clearTimeout(readTimer.current)
    readTimer.current = setTimeout(() => {
      const current = stateRef.current
      if (!current || current.hasNewer || !looking.current) return
      const upTo = newestSeq(current)
      if (upTo <= readUpTo.current) return
      readUpTo.current = upTo
      void chatApi
        .markRead({ groupId, upTo })
        .then(() => refreshChatBadge())
        .catch(() => undefined)
    }, 800)
  }, [groupId])

  const onEvent = useCallback(
    (event: RealtimeEvent) => {
      if (event.type === 'offline') return setOffline(true)
      if (event.type === 'online') return setOffline(false)
      if (event.type === 'revoked') {
        setRevoked(event.signedOut ? 'signedOut' : 'notMember')
        return
      }
      if (event.type === 'reset') {
        void reloadRef.current()
        return
      }
      if (event.type === 'changed') return // only on a person's own topic, never on a group's
      setOffline(false)
      update((s) => withChange(s, event.message, event.cursor, looking.current))
      markReadSoon()
    },
    [update, markReadSoon],
  )

  const follow = useCallback(() => {
    unsubscribe.current?.()
    const current = stateRef.current
    unsubscribe.current = current ? subscribe(groupTopic(groupId), onEvent, { after: current.cursor }) : null
  }, [groupId, onEvent])

  const reload = useCallback(async () => {
    setLoading(true)
    try {
      const page = await chatApi.history({ groupId, limit: PAGE })
      const next = initialState(page)
      stateRef.current = next
      readUpTo.current = page.readUpTo
      setState(next)
      setError(null)
      setRevoked(null)
      follow()
      markReadSoon()
    } catch (e) {
      setError(messageOf(e))
      if (e instanceof ApiError && e.code === 'CHAT.NOT_MEMBER') setRevoked('notMember')
    } finally {
      setLoading(false)
    }
  }, [groupId, follow, markReadSoon])
  const reloadRef = useRef(reload)
  reloadRef.current = reload

  useEffect(() => {
    setState(null)
    stateRef.current = null
    void reload()
    return () => {
      unsubscribe.current?.()
      unsubscribe.current = null
      clearTimeout(readTimer.current)
    }
  }, [reload])

  // Follow only while the page is on screen (WeChat charges for watches; browsers hold connections).
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
    unsubscribe.current?.()
    unsubscribe.current = null
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    follow()
  })

  const loadOlder = useCallback(async () => {
    const current = stateRef.current
    const before = current ? oldestSeq(current) : undefined
    if (!current || !current.hasOlder || before === undefined || loadingOlder) return false
    setLoadingOlder(true)
    try {
      const page = await chatApi.history({ groupId, before, limit: PAGE })
      update((s) => withOlder(s, page))
      return true
    } catch {
      return false
    } finally {
      setLoadingOlder(false)
    }
  }, [groupId, loadingOlder, update])

  const loadNewer = useCallback(async () => {
    const current = stateRef.current
    if (!current || !current.hasNewer) return
    const page = await chatApi.history({ groupId, after: newestSeq(current), limit: PAGE }).catch(() => null)
    if (page) {
      update((s) => withNewer(s, page))
      markReadSoon()
    }
  }, [groupId, update, markReadSoon])

  const jumpToLatest = useCallback(async () => {
    const current = stateRef.current
    if (current?.hasNewer) await reload()
    else update((s) => ({ ...s, unseen: 0 }))
    looking.current = true
    markReadSoon()
  }, [reload, update, markReadSoon])

  const deliver = useCallback(
    async (draft: Draft & { clientId: string }): Promise<ApiError | null> => {
      const messageId = messageIdOf(groupId, me.userId, draft.clientId)
      try {
        const sent = await chatApi.send({
          groupId,
          clientId: draft.clientId,
          text: draft.text,
          ...(draft.replyTo ? { replyTo: draft.replyTo.messageId } : {}),
          ...(draft.mentions.length ? { mentions: draft.mentions } : {}),
        })
        drafts.current.delete(messageId)
        update((s) => withChange(s, sent, s.cursor, true))
        markReadSoon()
        return null
      } catch (e) {
        // Refused for a reason the person can act on (muted, too fast, wording): take it back and say why.
        if (e instanceof ApiError && !isTransient(e.code)) {
          drafts.current.delete(messageId)
          update((s) => withoutItem(s, messageId))
          return e
        }
        // The network: keep it on screen as failed; retrying reuses the clientId, so no duplicate.
        update((s) => withFailed(s, messageId))
        return null
      }
    },
    [groupId, me.userId, update, markReadSoon],
  )

  const send = useCallback(
    async (draft: Draft) => {
      const clientId = newClientId()
      const messageId = messageIdOf(groupId, me.userId, clientId)
      const full = { ...draft, clientId }
      drafts.current.set(messageId, full)
      if (stateRef.current?.hasNewer) await reload()
      update((s) =>
        withPending(s, {
          messageId,
          groupId,
          senderId: me.userId,
          senderName: me.nickname,
          kind: 'text',
          text: draft.text.trim(),
          state: 'normal',
          sentAt: Date.now(),
          mentions: [],
          ...(draft.replyTo
            ? {
                replyTo: {
                  messageId: draft.replyTo.messageId,
                  senderName: draft.replyTo.senderName,
                  excerpt: draft.replyTo.text.slice(0, 40),
                },
              }
            : {}),
        }),
      )
      return deliver(full)
    },
    [groupId, me.userId, me.nickname, update, deliver, reload],
  )

  const retry = useCallback(
    async (messageId: string) => {
      const draft = drafts.current.get(messageId)
      if (!draft) return
      update((s) => ({
        ...s,
        items: s.items.map((m) => (m.messageId === messageId ? { ...m, local: 'sending' as const } : m)),
      }))
      await deliver(draft)
    },
    [deliver, update],
  )

  const setLooking = useCallback(
    (next: boolean) => {
      looking.current = next
      if (next) {
        update((s) => (s.unseen && !s.hasNewer ? { ...s, unseen: 0 } : s))
        markReadSoon()
      }
    },
    [update, markReadSoon],
  )

  return {
    state,
    loading,
    error,
    offline,
    revoked,
    loadingOlder,
    reload,
    loadOlder,
    loadNewer,
    jumpToLatest,
    send,
    retry,
    setLooking,
  }
}
