import { Text, View } from '@tarojs/components'
import type { ChatItem } from './conversation-state'
import './voice.css'

interface VoiceBubbleProps {
  item: ChatItem
  mine: boolean
  playing: boolean
  unplayed: boolean
  onToggle(messageId: string): void
}

/** Whole seconds, as WeChat shows them: 1″ to 60″. */
export function voiceSeconds(durationMs: number): number {
  return Math.max(1, Math.min(60, Math.round(durationMs / 1000)))
}

/**
 * A voice message: its length (the bar grows with it), a dot until I have played it, and a tap
 * to play or stop. Neighbours see 语音审核中 until the content check passes.
 */
export function VoiceBubble({ item, mine, playing, unplayed, onToggle }: VoiceBubbleProps) {
  const voice = item.voice
  if (!voice) return <Text className="chat-text">{item.text}</Text>
  const seconds = voiceSeconds(voice.durationMs)
  const pending = voice.review === 'pending'
  if (pending && !mine) {
    return (
      <View className="voice-bar voice-pending">
        <Text>语音审核中</Text>
      </View>
    )
  }
  return (
    <View>
      <View
        className={`voice-bar ${mine ? 'mine' : ''} ${playing ? 'playing' : ''}`}
        style={{ minWidth: `${Math.round(4 + (seconds / 60) * 6)}em` }}
        data-voice={item.messageId}
        onClick={(e) => {
          e.stopPropagation()
          onToggle(item.messageId)
        }}
      >
        <Text className="voice-icon">{playing ? '■' : '▶'}</Text>
        <Text className="voice-seconds">{seconds}″</Text>
        {playing ? <Text className="voice-state">正在播放</Text> : null}
      </View>
      {unplayed && !mine ? <View className="voice-unplayed" aria-label="未听" /> : null}
      {pending ? <Text className="photo-note">审核中，邻居暂时听不到</Text> : null}
    </View>
  )
}
