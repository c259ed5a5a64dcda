import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import type { ChatItem } from './conversation-state'
import { VoiceBubble } from './VoiceBubble'
import { HoldToTalk } from './VoiceButton'
import { useVoicePlayback, useVoiceSend } from './useVoice'

function tell(content: string): void {
  void Taro.showModal({ title: '提示', content, showCancel: false, confirmText: '知道了' })
}

/**
 * Everything voice messages add to a chat room, as pieces the room places: the 语音/键盘 switch
 * and the 按住 说话 bar for the composer, and how a voice message renders and plays.
 */
export function useChatVoice(groupId: string, myId: string, items: readonly ChatItem[] | undefined) {
  const [voiceMode, setVoiceMode] = useState(false)
  const send = useVoiceSend(groupId, myId, tell)
  const playback = useVoicePlayback(groupId, myId, items)

  const renderVoice = useCallback(
    (item: ChatItem) => (
      <VoiceBubble
        item={item}
        mine={item.senderId === myId}
        playing={playback.playing === item.messageId}
        unplayed={!playback.played.has(item.messageId)}
        onToggle={playback.toggle}
      />
    ),
    [myId, playback.played, playback.playing, playback.toggle],
  )

  const voiceToggle = useMemo(
    () => (
      <View className="chat-voice-toggle" onClick={() => setVoiceMode((on) => !on)}>
        <Text>{voiceMode ? '键盘' : '语音'}</Text>
      </View>
    ),
    [voiceMode],
  )

  const voicePanel = voiceMode ? (
    <HoldToTalk
      state={send.state}
      sending={send.sending}
      press={send.press}
      slide={send.slide}
      release={send.release}
    />
  ) : null

  return { renderVoice, voiceToggle, voicePanel }
}
