import { Text, View } from '@tarojs/components'
import type { EventSummary } from '../../../contracts'
import { openPage } from '../account/navigation'
import { seatsText, stateTag, timeRange } from './format'
import { detailUrl } from './routes'
import './events.css'

/** One session in a list: time, title, place, who it is for, seats, and my state. Tapping opens it. */
export function EventCard({ event, showDate }: { event: EventSummary; showDate?: string }) {
  const tag = stateTag(event)
  const full = event.capacity !== null && event.seatsLeft === 0
  return (
    <View
      className={`lz-card event-card ${event.status === 'cancelled' ? 'cancelled' : ''}`}
      data-event-id={event.eventId}
      onClick={() => openPage(detailUrl(event.eventId))}
    >
      <View className="event-card-head">
        <Text className="event-time">
          {showDate ? `${showDate} ` : ''}
          {timeRange(event.startAt, event.endAt)}
        </Text>
        {tag ? <Text className={`lz-tag ${tag.tone} event-state`}>{tag.text}</Text> : null}
      </View>
      <Text className="event-title lz-block">{event.title}</Text>
      <Text className="lz-muted lz-block">
        {event.place} · {event.audienceLabel}
      </Text>
      {event.status !== 'cancelled' ? (
        <Text className={`event-seats lz-block ${full ? 'full' : ''}`}>{seatsText(event)}</Text>
      ) : null}
    </View>
  )
}
