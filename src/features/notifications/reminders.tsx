import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SubscribeTemplateKey } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { useRemote } from '../../hooks/useRemote'
import { messageOf } from '../../services/api-error'
import { usePersonalChanges } from '../account/personal-changes'
import { notificationsApi } from './api'
import { askForSubscription } from './subscribe'

/** What each kind of WeChat reminder is about, in a resident's words. */
export const REMINDER_NAMES: Record<SubscribeTemplateKey, string> = {
  announcement: '新公告',
  eventReminder: '活动开始前',
  eventUpdate: '活动有变动',
  application: '入楼申请的结果',
  healthAnswer: '医生回复了您',
  healthTip: '新的健康小贴士',
  helpUpdate: '求助有了回音',
}

/** How many WeChat reminders of each kind are left; fetched again when my notifications move. */
export function useReminders() {
  const remote = useRemote(() => notificationsApi.reminders(), [])
  usePersonalChanges(['notifications'], () => void remote.reload())
  return remote
}

/**
 * 我的 → 微信提醒: how many more times WeChat may remind me of each kind, and plainly when they
 * have run out, with one button to get more.
 */
export function RemindersCard() {
  const reminders = useReminders()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!reminders.data) return null
  const left = Object.entries(reminders.data.remaining).filter(([, n]) => n > 0) as Array<
    [SubscribeTemplateKey, number]
  >
  const more = async () => {
    setBusy(true)
    setError(null)
    try {
      await askForSubscription(['announcement'])
      await reminders.reload()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="lz-card reminders-card">
      <Text className="lz-subtitle">微信提醒</Text>
      {left.length ? (
        left.map(([key, n]) => (
          <Text key={key} className="lz-text lz-block reminders-left">
            {REMINDER_NAMES[key]}：还可以提醒您 {n} 次
          </Text>
        ))
      ) : (
        <Text className="lz-text lz-block reminders-none">微信提醒已经用完了，有新公告时不会在微信里提醒您。</Text>
      )}
      <ActionButton className="reminders-more" loading={busy} onClick={() => void more()}>
        有新公告时在微信提醒我
      </ActionButton>
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}

/**
 * Asked at a natural moment (a notice just read, a place just taken): one question, one big
 * button. Shown only while no reminder of this kind is left, so nobody is asked again and again.
 */
export function ReminderOffer({ templateKey, question }: { templateKey: SubscribeTemplateKey; question: string }) {
  const reminders = useReminders()
  const [answer, setAnswer] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!reminders.data) return null
  if (!answer && reminders.data.remaining[templateKey] > 0) return null
  const accept = async () => {
    setBusy(true)
    try {
      const waiting = await askForSubscription([templateKey])
      setAnswer(waiting === null ? '好的，这次不提醒您。' : `好的，还可以提醒您 ${waiting} 次。`)
    } catch (e) {
      setAnswer(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="lz-card reminder-offer">
      {answer ? (
        <Text className="lz-text lz-block reminder-answer">{answer}</Text>
      ) : (
        <>
          <Text className="lz-text lz-block">{question}</Text>
          <ActionButton className={`reminder-yes reminder-${templateKey}`} loading={busy} onClick={() => void accept()}>
            好的，在微信提醒我
          </ActionButton>
        </>
      )}
    </View>
  )
}
