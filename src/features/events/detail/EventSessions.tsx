import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EventDetail } from '../../../../contracts'
import { dayAndTime } from '../../../utils/time'
import { detailUrl } from '../routes'

/** Every session of a recurring event; tapping another one opens it in place. */
export function EventSessions({ event }: { event: EventDetail }) {
  return (
    <View className="lz-card sessions">
      <Text className="lz-subtitle">每一次活动</Text>
      <Text className="lz-muted lz-block">每次单独报名。</Text>
      {event.sessions.map((s) => (
        <View
          key={s.eventId}
          className={`lz-row session ${s.eventId === event.eventId ? 'current' : ''}`}
          onClick={() =>
            s.eventId === event.eventId ? undefined : void Taro.redirectTo({ url: detailUrl(s.eventId) })
          }
        >
          <Text className="lz-text">
            第 {s.sessionIndex} 次 · {dayAndTime(s.startAt)}
          </Text>
          <Text className="lz-muted">
            {s.status === 'cancelled' ? '已取消' : s.eventId === event.eventId ? '当前' : '›'}
          </Text>
        </View>
      ))}
    </View>
  )
}
