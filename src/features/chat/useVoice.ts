import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { VOICE_LIMITS } from '../../../contracts'
import { createVoicePlayer } from '../../platform/audio'
import { createVoiceRecorder, uploadVoice, type VoiceRecorder } from '../../platform/recorder'
import { chatApi, messageOf } from './api'
import type { ChatItem } from './conversation-state'
import { newClientId } from './useConversation'

/** How far up (px) the finger must slide, while holding, to cancel — as in WeChat. */
export const CANCEL_SLIDE_PX = 80

export type RecordingState = { phase: 'idle' } | { phase: 'recording'; startedAt: number; cancelling: boolean }

/**
 * Hold to talk: press starts recording, release sends (upload, then `chat.sendVoice`), sliding up
 * and releasing cancels; at 60 s the recording stops and is sent by itself. Returns the problem
 * to show through `onProblem`.
 */
export function useVoiceSend(groupId: string, myId: string, onProblem: (problem: string) => void) {
  // Made on the first press: a person who never records never wakes WeChat's RecorderManager.
  const made = useRef<VoiceRecorder | null>(null)
  const recorder = useCallback(() => (made.current ??= createVoiceRecorder()), [])
  const [state, setState] = useState<RecordingState>({ phase: 'idle' })
  const [sending, setSending] = useState(false)
  const stateRef = useRef(state)
  stateRef.current = state
  const limitTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const starting = useRef<Promise<void> | null>(null)

  const clearLimit = () => {
    if (limitTimer.current) clearTimeout(limitTimer.current)
    limitTimer.current = null
  }

  const finish = useCallback(
    async (send: boolean) => {
      clearLimit()
      // A release that comes before the microphone answered waits for it, then stops.
      await starting.current?.catch(() => undefined)
      if (stateRef.current.phase !== 'recording') return
      setState({ phase: 'idle' })
      if (!send) {
        recorder().cancel()
        return
      }
      const recording = await recorder().stop()
      if (!recording) return
      if (recording.durationMs < VOICE_LIMITS.minDurationMs) {
        onProblem('说话时间太短')
        return
      }
      setSending(true)
      try {
        const upload = await uploadVoice(recording, myId)
        await chatApi.sendVoice({
          groupId,
          clientId: newClientId(),
          upload,
          durationMs: Math.max(VOICE_LIMITS.minDurationMs, Math.round(recording.durationMs)),
        })
      } catch (error) {
        onProblem(messageOf(error))
      } finally {
        setSending(false)
      }
    },
    [groupId, myId, onProblem, recorder],
  )

  const press = useCallback(() => {
    if (stateRef.current.phase === 'recording' || sending) return
    const begun = recorder().start()
    starting.current = begun
    setState({ phase: 'recording', startedAt: Date.now(), cancelling: false })
    begun.then(
      () => {
        limitTimer.current = setTimeout(() => void finish(true), VOICE_LIMITS.maxDurationMs)
      },
      (error: unknown) => {
        setState({ phase: 'idle' })
        onProblem(messageOf(error))
      },
    )
  }, [finish, onProblem, recorder, sending])

  const slide = useCallback((upwardsPx: number) => {
    const current = stateRef.current
    if (current.phase !== 'recording') return
    const cancelling = upwardsPx > CANCEL_SLIDE_PX
    if (cancelling !== current.cancelling) setState({ ...current, cancelling })
  }, [])

  const release = useCallback(() => {
    const current = stateRef.current
    if (current.phase !== 'recording') return
    void finish(!current.cancelling)
  }, [finish])

  useEffect(
    () => () => {
      clearLimit()
      made.current?.cancel()
    },
    [],
  )

  return { state, sending, press, slide, release }
}

const PLAYED_KEY = 'louzu.voicePlayed'
const PLAYED_KEEP = 500

/** Voice messages I have played, on this phone (the unplayed dot, as WeChat keeps it). */
function readPlayed(myId: string): Set<string> {
  try {
    const all = (Taro.getStorageSync(PLAYED_KEY) || {}) as Record<string, string[]>
    return new Set(all[myId] ?? [])
  } catch {
    return new Set()
  }
}

function writePlayed(myId: string, played: Set<string>): void {
  try {
    const all = (Taro.getStorageSync(PLAYED_KEY) || {}) as Record<string, string[]>
    all[myId] = [...played].slice(-PLAYED_KEEP)
    Taro.setStorageSync(PLAYED_KEY, all)
  } catch {
    // Storage full or unavailable: the dot simply comes back next time.
  }
}

/** Whether I may play this voice message now: mine at once, others' once the content check passed. */
export function voicePlayable(item: ChatItem, myId: string): boolean {
  return (
    item.kind === 'voice' &&
    item.state === 'normal' &&
    !!item.voice &&
    !item.local &&
    (item.voice.review === 'passed' || item.senderId === myId)
  )
}

/**
 * Tap to play; tap again to stop. When one of others' messages finishes, the next one I have not
 * played yet follows (as in WeChat). A link is asked for when playing (checked by the server then).
 */
export function useVoicePlayback(groupId: string, myId: string, items: readonly ChatItem[] | undefined) {
  const player = useMemo(() => createVoicePlayer(), [])
  const [playing, setPlaying] = useState<string | null>(null)
  const [played, setPlayed] = useState<Set<string>>(() => readPlayed(myId))
  const itemsRef = useRef(items)
  itemsRef.current = items
  const playedRef = useRef(played)
  playedRef.current = played

  useEffect(() => () => player.stop(), [player])

  const markPlayed = useCallback(
    (messageId: string) => {
      setPlayed((current) => {
        if (current.has(messageId)) return current
        const next = new Set(current).add(messageId)
        writePlayed(myId, next)
        return next
      })
    },
    [myId],
  )

  const play = useCallback(
    async (messageId: string): Promise<void> => {
      const item = itemsRef.current?.find((i) => i.messageId === messageId)
      if (!item || !voicePlayable(item, myId)) return
      setPlaying(messageId)
      let url: string | undefined
      try {
        url = (await chatApi.mediaUrls({ groupId, messageIds: [messageId] })).items[0]?.url
      } catch {
        url = undefined
      }
      if (!url) {
        setPlaying(null)
        return
      }
      markPlayed(messageId)
      player.play(url, {
        onEnded: () => {
          setPlaying(null)
          if (item.senderId === myId) return
          const next = [...(itemsRef.current ?? [])]
            .sort((a, b) => a.seq - b.seq)
            .find(
              (i) =>
                i.seq > item.seq &&
                i.senderId !== myId &&
                voicePlayable(i, myId) &&
                !playedRef.current.has(i.messageId),
            )
          if (next) void play(next.messageId)
        },
        onError: () => setPlaying(null),
      })
    },
    [groupId, markPlayed, myId, player],
  )

  const toggle = useCallback(
    (messageId: string) => {
      if (playing === messageId) {
        player.stop()
        setPlaying(null)
        return
      }
      void play(messageId)
    },
    [play, player, playing],
  )

  return { playing, played, toggle }
}
