import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SubscribeTemplateKey } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { messageOf } from '../../services/api-error'
import { askForSubscription } from './subscribe'

/**
 * "Tell me on WeChat next time": WeChat allows one message per tap, so the button says what a tap
 * buys and how many reminders are waiting after it.
 */
export function SubscribeButton({
  templateKey,
  label,
  what,
}: {
  templateKey: SubscribeTemplateKey
  label: string
  what: string
}) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function subscribe() {
    setBusy(true)
    setError(null)
    try {
      const waiting = await askForSubscription([templateKey])
      setNote(
        waiting === null
          ? '您没有允许，微信提醒未开启。'
          : `好的，接下来 ${waiting} 条${what}会发微信提醒您。每点一次可多收一条。`,
      )
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="lz-subscribe">
      <ActionButton tone="plain" className={`subscribe-${templateKey}`} loading={busy} onClick={() => void subscribe()}>
        {label}
      </ActionButton>
      {note ? <Text className="lz-muted lz-block subscribe-note">{note}</Text> : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
