import { useStoredDraft } from '../../hooks/useStoredDraft'
import { draftKey } from '../account/useDraft'
import { Text, Textarea, View } from '@tarojs/components'
import { useMemo, useState, type ReactNode } from 'react'
import { MESSAGE_MAX_CHARS, type MemberView, type MessageView } from '../../../contracts'
import { messageOf } from '../../services/api-error'
import { chatTime } from './format'
import type { Draft } from './useConversation'
import { chatApi } from './api'

interface ComposerProps {
  groupId: string
  myId: string
  replyTo: MessageView | null
  onCancelReply(): void
  /** People who spoke recently, newest first: the first to offer for @. */
  recentSpeakers: Array<{ userId: string; name: string }>
  mutedUntil?: number
  /** Resolves to an error to show (the text is kept) or null when sent. */
  onSend(draft: Draft): Promise<string | null>
  /** A person picked from a message's actions, to be @-mentioned. */
  mentionRequest: { userId: string; name: string; n: number } | null
  /** 图片: pick and send photos; absent where photos are not offered. */
  photoButton?: ReactNode
  /** 语音/键盘: switches to hold-to-talk; absent where voice is not offered. */
  voiceToggle?: ReactNode
  /** In voice mode, the 按住 说话 bar that takes the text field's place. */
  voicePanel?: ReactNode
}

/** Near the limit, how much room is left; over it, how much to take out (发送 is greyed out until then). */
function lengthHint(count: number): string {
  return count > MESSAGE_MAX_CHARS
    ? `超出 ${count - MESSAGE_MAX_CHARS} 字，请删减后再发送`
    : `已写 ${count} 字，还能写 ${MESSAGE_MAX_CHARS - count} 字`
}

/**
 * The send box: a roomy text field, a big 发送 button, @ to mention someone, and the reply being written.
 * The field grows with the text up to about five lines, then scrolls inside (chat.css), so what is
 * being written and the cursor stay in view above the tab bar and the keyboard.
 */
export function Composer({
  groupId,
  myId,
  replyTo,
  onCancelReply,
  recentSpeakers,
  mutedUntil,
  onSend,
  mentionRequest,
  photoButton,
  voiceToggle,
  voicePanel,
}: ComposerProps) {
  // Unsent words survive a refresh or leaving the chat (per person, per group).
  const [text, setText, clearText] = useStoredDraft(draftKey(myId, `chat:${groupId}`), '')
  const [mentions, setMentions] = useState<Map<string, string>>(new Map())
  const [error, setError] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  const [members, setMembers] = useState<MemberView[] | null>(null)
  const [sending, setSending] = useState(false)
  const [handled, setHandled] = useState(0)

  const addMention = (person: { userId: string; name: string }) => {
    setMentions((m) => new Map(m).set(person.userId, person.name))
    setText((t) => `${t}${t && !t.endsWith(' ') ? ' ' : ''}@${person.name} `)
    setPicking(false)
  }
  if (mentionRequest && mentionRequest.n !== handled) {
    setHandled(mentionRequest.n)
    addMention(mentionRequest)
  }

  const openPicker = async () => {
    setPicking(true)
    if (!members) {
      try {
        setMembers((await chatApi.listMembers({ groupId })).members)
      } catch (e) {
        setError(messageOf(e))
      }
    }
  }

  const people = useMemo(() => {
    const seen = new Set<string>([myId])
    const list: Array<{ userId: string; name: string; recent: boolean }> = []
    const add = (userId: string, name: string, recent: boolean) => {
      if (seen.has(userId)) return
      seen.add(userId)
      list.push({ userId, name, recent })
    }
    for (const p of recentSpeakers) add(p.userId, p.name, true)
    for (const m of members ?? []) add(m.userId, m.name, false)
    return list
  }, [recentSpeakers, members, myId])

  const count = [...text].length
  const canSend = text.trim().length > 0 && count <= MESSAGE_MAX_CHARS && !sending

  const send = async () => {
    if (!canSend) return
    setSending(true)
    setError(null)
    // Only people whose @name is still in the text are mentioned.
    const mentioned = [...mentions].filter(([, name]) => text.includes(`@${name}`)).map(([userId]) => userId)
    const problem = await onSend({ text, ...(replyTo ? { replyTo } : {}), mentions: mentioned })
    setSending(false)
    if (problem) {
      setError(problem)
      return
    }
    clearText()
    setMentions(new Map())
    onCancelReply()
  }

  if (mutedUntil && mutedUntil > Date.now()) {
    return (
      <View className="chat-composer">
        <View className="chat-muted">
          <Text>您暂时不能在群里发言，{chatTime(mutedUntil)} 后恢复。可以继续看大家的消息。</Text>
        </View>
      </View>
    )
  }

  return (
    <View className="chat-composer">
      {picking ? (
        <View className="chat-picker">
          <View className="chat-picker-head">
            <Text className="lz-text">想提到谁？</Text>
            <View className="chat-chip" onClick={() => setPicking(false)}>
              <Text>关闭</Text>
            </View>
          </View>
          {!people.length ? (
            <Text className="lz-muted lz-block">{members ? '群里还没有别人' : '正在加载…'}</Text>
          ) : null}
          <View className="chat-picker-list">
            {people.map((p) => (
              <View key={p.userId} className="chat-picker-item" onClick={() => addMention(p)}>
                <Text>{p.name}</Text>
                {p.recent ? <Text className="lz-muted"> · 刚说过话</Text> : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {replyTo ? (
        <View className="chat-replying">
          <Text className="chat-replying-text">
            回复 {replyTo.senderName}：{replyTo.text}
          </Text>
          <View className="chat-chip chat-replying-cancel" onClick={onCancelReply}>
            <Text>不回复了</Text>
          </View>
        </View>
      ) : null}
      {error ? <Text className="lz-error chat-error">{error}</Text> : null}
      {voicePanel ? (
        <View className="chat-compose-row">
          {voiceToggle}
          {voicePanel}
        </View>
      ) : (
        <View className="chat-compose-row">
          {voiceToggle}
          <View className="chat-at" onClick={() => void openPicker()}>
            <Text>@</Text>
          </View>
          {photoButton}
          <Textarea
            className="chat-input"
            value={text}
            autoHeight
            maxlength={MESSAGE_MAX_CHARS + 50}
            placeholder="说点什么…"
            cursorSpacing={20}
            onInput={(e) => setText(e.detail.value)}
          />
          <View className={`chat-send ${canSend ? '' : 'disabled'}`} onClick={() => void send()}>
            <Text>{sending ? '发送中' : '发送'}</Text>
          </View>
        </View>
      )}
      {count > MESSAGE_MAX_CHARS - 100 ? (
        <Text className={`lz-block chat-count ${count > MESSAGE_MAX_CHARS ? 'over' : 'lz-muted'}`}>
          {lengthHint(count)}
        </Text>
      ) : null}
    </View>
  )
}
