import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { EVENT_LIMITS, type EventDetail } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { openPage } from '../../account/navigation'
import { eventsApi, messageOf } from '../api'
import { EVENT_ROUTES } from '../routes'

/** The organiser's part of the detail page: roster, check-in code, edit, and cancelling the event. */
export function OrganiserTools({ event, onChange }: { event: EventDetail; onChange(): void }) {
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [wholeSeries, setWholeSeries] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const now = Date.now()
  const live = event.status === 'scheduled' && now < event.endAt

  async function cancelEvent() {
    setBusy(true)
    setError(null)
    try {
      const { cancelled } = await eventsApi.cancelEvent({
        eventId: event.eventId,
        reason,
        ...(wholeSeries ? { wholeSeries: true } : {}),
      })
      void Taro.showToast({
        title: cancelled.length > 1 ? `已取消 ${cancelled.length} 次活动` : '活动已取消',
        icon: 'none',
      })
      setCancelling(false)
      onChange()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="lz-card organiser-tools">
      <Text className="lz-subtitle">组织者</Text>
      <View className="lz-row open-roster" onClick={() => openPage(`${EVENT_ROUTES.roster}?id=${event.eventId}`)}>
        <Text className="lz-text">报名名单与签到（{event.confirmedPeople} 人确认）</Text>
        <Text className="lz-muted">›</Text>
      </View>
      {event.status === 'scheduled' ? (
        <View
          className="lz-row open-checkin"
          onClick={() => openPage(`${EVENT_ROUTES.checkInCode}?id=${event.eventId}`)}
        >
          <Text className="lz-text">签到二维码</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
      {live ? (
        <View className="lz-row open-edit" onClick={() => openPage(`${EVENT_ROUTES.edit}?id=${event.eventId}`)}>
          <Text className="lz-text">修改活动</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
      {live && !cancelling ? (
        <ActionButton tone="danger" className="cancel-event" onClick={() => setCancelling(true)}>
          取消这次活动
        </ActionButton>
      ) : null}
      {cancelling ? (
        <View className="cancel-form">
          <Text className="lz-text lz-block">取消原因（会通知所有已报名和候补的邻居）：</Text>
          <Input
            className="lz-input cancel-reason"
            value={reason}
            maxlength={EVENT_LIMITS.reasonMax}
            placeholder="例如：天气原因，改期另行通知"
            onInput={(e) => setReason(e.detail.value)}
          />
          {event.sessionCount > 1 ? (
            <View
              className={`choice whole-series ${wholeSeries ? 'chosen' : ''}`}
              onClick={() => setWholeSeries(!wholeSeries)}
            >
              <Text>{wholeSeries ? '✓ ' : ''}以后的每一次都取消</Text>
            </View>
          ) : null}
          <ActionButton
            tone="danger"
            className="confirm-cancel-event"
            loading={busy}
            disabled={!reason.trim()}
            onClick={() => void cancelEvent()}
          >
            确认取消活动
          </ActionButton>
          <ActionButton tone="plain" onClick={() => setCancelling(false)}>
            不取消
          </ActionButton>
        </View>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
