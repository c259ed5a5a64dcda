import { ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Fragment, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { MUTE_CHOICES, RECALL_WINDOW_MS, REPORT_REASONS, type GroupSummary, type MessageView } from '../../../contracts'
import { ErrorState, Loading } from '../../components/States'
import { messageOf } from '../../services/api-error'
import { openPage, ROUTES } from '../account/navigation'
import { useSession } from '../account/session'
import { Composer } from './Composer'
import type { ChatItem } from './conversation-state'
import { chatTime, needsDivider } from './format'
import { MessageRow } from './MessageRow'
import { useChatPhotos } from './useChatPhotos'
import { useChatVoice } from './useChatVoice'
import { useConversation } from './useConversation'
import { chatApi } from './api'
import './chat.css'

interface ChatRoomProps {
  group: GroupSummary
  me: { userId: string; nickname: string }
  /** Back to the list of groups, when there is more than one (or to the page that opened this chat). */
  onBack?: () => void
  /** What the back chip says; 全部群 unless the chat was opened from elsewhere (an interest group's page). */
  backLabel?: string
  /** A line under the header (the building chat's way to the building's page). */
  below?: ReactNode
}

/** How close to the bottom still counts as "reading the newest messages". */
const BOTTOM_ZONE_PX = 80

function tell(content: string): void {
  void Taro.showModal({ title: '提示', content, showCancel: false, confirmText: '知道了' })
}

async function choose(itemList: string[]): Promise<number | null> {
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList })
    return tapIndex
  } catch {
    return null // cancelled
  }
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const { confirm: ok } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return ok
}

/** One group's chat: the windowed history, live messages, the send box, and what each message allows. */
export function ChatRoom({ group, me, onBack, backLabel = '全部群', below }: ChatRoomProps) {
  const conversation = useConversation(group.groupId, me)
  const session = useSession()
  const photos = useChatPhotos(group.groupId, me.userId, conversation.state?.items)
  const voice = useChatVoice(group.groupId, me.userId, conversation.state?.items)
  const { state } = conversation
  const [replyTo, setReplyTo] = useState<MessageView | null>(null)
  const [mentionRequest, setMentionRequest] = useState<{ userId: string; name: string; n: number } | null>(null)
  const [mutedUntil, setMutedUntil] = useState<number | undefined>(group.mutedUntil)
  const [scroll, setScroll] = useState<{ top?: number; into?: string }>({})
  const nudge = useRef(0)
  const atBottom = useRef(true)
  const previous = useRef<{ first?: string; last?: string; count: number }>({ count: 0 })
  const moderator = group.standing === 'moderator'

  const toBottom = useCallback(() => setScroll({ top: 1_000_000 + (++nudge.current % 2) }), [])

  useEffect(() => setMutedUntil(group.mutedUntil), [group.mutedUntil])

  // Keep the view where the person is: at the bottom for new messages (if they were there),
  // and on the same message when older ones are added above.
  useEffect(() => {
    if (!state) return
    const items = state.items
    const first = items[0]?.messageId
    const last = items[items.length - 1]?.messageId
    const before = previous.current
    if (!before.count) toBottom()
    else if (first !== before.first && last === before.last) {
      const anchor = items.find((m) => m.messageId === before.first)
      if (anchor) setScroll({ into: `m${anchor.seq}` })
    } else if (last !== before.last && atBottom.current) toBottom()
    previous.current = { first, last, count: items.length }
  }, [state, toBottom])

  const setLooking = useCallback(
    (bottom: boolean) => {
      if (bottom === atBottom.current) return
      atBottom.current = bottom
      conversation.setLooking(bottom)
    },
    [conversation],
  )
  // Scrolling up means reading older messages; reaching the bottom zone (scrolltolower) means
  // reading the newest again. No layout measuring needed, the same on both platforms.
  const lastTop = useRef(0)
  const onScroll = useCallback(
    (e: { detail: { scrollTop: number } }) => {
      const { scrollTop } = e.detail
      if (scrollTop < lastTop.current - 4) setLooking(false)
      lastTop.current = scrollTop
    },
    [setLooking],
  )

  const recentSpeakers = useMemo(() => {
    const seen = new Map<string, string>()
    for (const m of [...(state?.items ?? [])].reverse()) {
      if (m.state === 'normal' && !m.local && !m.senderDeleted && !seen.has(m.senderId))
        seen.set(m.senderId, m.senderName)
      if (seen.size >= 8) break
    }
    return [...seen].map(([userId, name]) => ({ userId, name }))
  }, [state?.items])

  const onTap = useCallback(
    async (item: ChatItem) => {
      const mine = item.senderId === me.userId
      const actions: Array<[string, () => Promise<void> | void]> = [['回复', () => setReplyTo(item)]]
      if (!mine)
        actions.push([
          `提到${item.senderName}`,
          () => setMentionRequest({ userId: item.senderId, name: item.senderName, n: Date.now() }),
        ])
      if ((mine && Date.now() - item.sentAt <= RECALL_WINDOW_MS) || moderator) {
        actions.push([
          '撤回',
          async () => {
            if (!(await confirm('撤回这条消息？', '撤回后大家都看不到这条消息了。', '撤回'))) return
            await chatApi.recall({ messageId: item.messageId })
          },
        ])
      }
      if (!mine) {
        actions.push([
          '举报',
          async () => {
            const reason = REPORT_REASONS[(await choose([...REPORT_REASONS])) ?? -1]
            if (reason === undefined) return
            await chatApi.report({ messageId: item.messageId, reason })
            tell('已举报，楼组长会尽快查看处理。谢谢您帮助维护楼组群。')
          },
        ])
      }
      if (moderator && !mine && !item.senderBadge) {
        actions.push([
          `禁言${item.senderName}`,
          async () => {
            const choice = MUTE_CHOICES[(await choose(MUTE_CHOICES.map((c) => c.label))) ?? -1]
            if (!choice) return
            const { label, minutes } = choice
            if (
              !(await confirm(
                `禁言${item.senderName}${label}？`,
                '禁言期间对方仍能看消息，但不能发言，到时自动恢复。',
                '禁言',
              ))
            )
              return
            await chatApi.mute({ groupId: group.groupId, userId: item.senderId, minutes })
            tell(`已禁言${item.senderName}${label}。可以在“成员”里提前解除。`)
          },
        ])
      }
      const action = actions[(await choose(actions.map(([label]) => label))) ?? -1]
      if (!action) return
      try {
        await action[1]()
      } catch (e) {
        tell(messageOf(e))
      }
    },
    [me.userId, moderator, group.groupId],
  )

  const onSend = useCallback(
    async (draft: Parameters<typeof conversation.send>[0]) => {
      atBottom.current = true
      const problem = await conversation.send(draft)
      if (problem?.code === 'CHAT.MUTED' && problem.until) setMutedUntil(problem.until)
      return problem ? problem.message : null
    },
    [conversation],
  )

  let body
  if (conversation.loading && !state) body = <Loading label="正在打开群聊…" />
  else if (conversation.revoked === 'signedOut')
    body = <ErrorState message="登录已过期，请重新登录。" onRetry={() => void session.refresh()} />
  else if (conversation.revoked) body = <ErrorState message="您已经不在这个群里了。如果搬家了，请重新加入楼组。" />
  else if (!state)
    body = <ErrorState message={conversation.error ?? '打开失败'} onRetry={() => void conversation.reload()} />
  else {
    let previousAt: number | undefined
    body = (
      <ScrollView
        className="chat-scroll"
        scrollY
        scrollTop={scroll.top}
        scrollIntoView={scroll.into}
        upperThreshold={40}
        lowerThreshold={BOTTOM_ZONE_PX}
        onScrollToUpper={() => void conversation.loadOlder()}
        scrollIntoViewAlignment="start"
        onScrollToLower={() => {
          setLooking(true)
          void conversation.loadNewer()
        }}
        onScroll={onScroll}
      >
        <View className="chat-hint">
          <Text>点一下消息，可以回复、提到对方、撤回或举报</Text>
        </View>
        {state.hasOlder ? (
          <View className="chat-older" onClick={() => void conversation.loadOlder()}>
            <Text>{conversation.loadingOlder ? '正在加载…' : '查看更早的消息'}</Text>
          </View>
        ) : (
          <View className="chat-start">
            <Text>{state.items.length ? '— 以上是全部消息 —' : '还没有人说话，来打个招呼吧'}</Text>
          </View>
        )}
        {state.items.map((item) => {
          const divider = needsDivider(previousAt, item.sentAt)
          previousAt = item.sentAt
          return (
            <Fragment key={item.messageId}>
              {divider ? (
                <View className="chat-time">
                  <Text>{chatTime(item.sentAt)}</Text>
                </View>
              ) : null}
              <MessageRow
                item={item}
                mine={item.senderId === me.userId}
                onTap={onTap}
                onRetry={conversation.retry}
                renderPhoto={photos.renderPhoto}
                renderVoice={voice.renderVoice}
              />
            </Fragment>
          )
        })}
        {state.hasNewer ? (
          <View className="chat-older" onClick={() => void conversation.loadNewer()}>
            <Text>加载更新的消息</Text>
          </View>
        ) : null}
        <View className="chat-end" />
      </ScrollView>
    )
  }

  return (
    <View className={`chat-room ${onBack ? 'with-back' : ''}`}>
      <View className="chat-header">
        {onBack ? (
          <View className="chat-chip chat-back" onClick={onBack}>
            <Text>‹ {backLabel}</Text>
          </View>
        ) : null}
        <Text className="chat-title">{group.name}</Text>
        <View className="chat-header-actions">
          <View
            className="chat-chip chat-members-link"
            onClick={() => openPage(`${ROUTES.chatMembers}?groupId=${group.groupId}`)}
          >
            <Text>成员</Text>
          </View>
          {moderator ? (
            <View
              className={`chat-chip chat-reports-link ${group.openReports ? 'alert' : ''}`}
              onClick={() => openPage(`${ROUTES.chatReports}?groupId=${group.groupId}`)}
            >
              <Text>举报{group.openReports ? ` ${group.openReports}` : ''}</Text>
            </View>
          ) : null}
        </View>
      </View>
      {below}
      {conversation.offline ? (
        <View className="chat-banner">
          <Text>网络不太好，正在重新连接…</Text>
        </View>
      ) : null}
      {body}
      {state && state.unseen > 0 ? (
        <View
          className="chat-unseen"
          onClick={() => {
            atBottom.current = true
            void conversation.jumpToLatest().then(toBottom)
          }}
        >
          <Text>有 {state.unseen} 条新消息，点这里查看 ↓</Text>
        </View>
      ) : null}
      {state && !conversation.revoked ? (
        <Composer
          groupId={group.groupId}
          myId={me.userId}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          recentSpeakers={recentSpeakers}
          mutedUntil={mutedUntil}
          onSend={onSend}
          mentionRequest={mentionRequest}
          photoButton={photos.photoButton}
          voiceToggle={voice.voiceToggle}
          voicePanel={voice.voicePanel}
        />
      ) : null}
      {photos.overlay}
    </View>
  )
}
