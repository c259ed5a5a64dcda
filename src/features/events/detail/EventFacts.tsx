import { Text, View } from '@tarojs/components'
import type { EventDetail } from '../../../../contracts'
import { dayAndTime } from '../../../utils/time'
import { seatsText, seriesText, whenText } from '../format'

/** What the event is: title, a cancelled banner, time, place, organiser, audience, seats, series, description. */
export function EventFacts({ event }: { event: EventDetail }) {
  const series = seriesText(event)
  return (
    <View className="lz-card event-facts">
      <Text className="lz-title event-detail-title">{event.title}</Text>
      {event.status === 'cancelled' ? (
        <View className="cancelled-banner">
          <Text className="lz-text lz-block">活动已取消</Text>
          {event.cancelReason ? <Text className="lz-muted lz-block">原因：{event.cancelReason}</Text> : null}
        </View>
      ) : null}
      <Fact label="时间" value={whenText(event.startAt, event.endAt)} />
      <Fact label="地点" value={event.place} />
      <Fact label="组织者" value={event.organiserName} />
      <Fact label="面向" value={event.audienceLabel} />
      <Fact
        label="名额"
        value={event.capacity === null ? '不限名额' : `共 ${event.capacity} 人，${seatsText(event)}`}
        className="seats-left"
      />
      {event.signupDeadline !== null ? <Fact label="报名截止" value={dayAndTime(event.signupDeadline)} /> : null}
      {series ? <Fact label="重复" value={series} /> : null}
      {event.description ? <Text className="lz-text lz-block event-description">{event.description}</Text> : null}
    </View>
  )
}

function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`fact ${className ?? ''}`}>
      <Text className="fact-label">{label}</Text>
      <Text className="fact-value">{value}</Text>
    </View>
  )
}
