import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SubscribeTemplateKey } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { messageOf } from '../../services/api-error'
import { askForSubscription } from './subscribe'

/**
 * "Tell me on WeChat next time": WeChat allows one message per tap, so after the tap it says how
 * many reminders are left — in those words, without explaining WeChat's rules.
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
          : `好的，有${what}时会在微信提醒您，还可以提醒您 ${waiting} 次。`,
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
