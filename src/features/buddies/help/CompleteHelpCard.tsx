import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BUDDY_LIMITS } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { minutesLabel } from '../format'

const MINUTE_PICKS = [30, 60, 90, 120]

/** 帮完了吗: the minutes spent (picked or typed), then 确认已完成. */
export function CompleteHelpCard({ busy, onComplete }: { busy: boolean; onComplete(minutes: number): Promise<void> }) {
  const [minutes, setMinutes] = useState('')
  const minutesValue = Number(minutes)
  const minutesOk =
    Number.isInteger(minutesValue) && minutesValue >= BUDDY_LIMITS.minutesMin && minutesValue <= BUDDY_LIMITS.minutesMax
  return (
    <View className="lz-card complete-card">
      <Text className="lz-subtitle">帮完了吗？</Text>
      <Text className="buddy-why">确认完成后，会给小伙伴记上这次帮忙的志愿时长。</Text>
      <View className="lz-chips minute-picks">
        {MINUTE_PICKS.map((m) => (
          <View
            key={m}
            className={`lz-chip ${minutes === String(m) ? 'chosen' : ''}`}
            onClick={() => setMinutes(String(m))}
          >
            <Text>{minutesLabel(m)}</Text>
          </View>
        ))}
      </View>
      <Input
        className="lz-input minutes-input"
        type="number"
        value={minutes}
        maxlength={3}
        placeholder="或填写分钟数，例如 45"
        onInput={(e) => setMinutes(e.detail.value)}
      />
      <ActionButton
        className="complete-help"
        disabled={!minutesOk}
        loading={busy}
        onClick={() => void onComplete(minutesValue)}
      >
        确认已完成
      </ActionButton>
    </View>
  )
}
