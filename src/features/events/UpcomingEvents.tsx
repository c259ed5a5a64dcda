import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import type { EventSummary } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { openPage } from '../account/navigation'
import { stateTag } from './format'
import { detailUrl, EVENT_ROUTES } from './routes'
import { eventsApi } from './api'
import './events.css'

const SHOWN = 3

/**
 * 首页 · 近期活动: my next few sessions (going or waiting); if I have none, the next few I could
 * join, so the home page always says what is on.
 */
export function UpcomingEvents() {
  const remote = useRemote(async () => {
    const mine = await eventsApi.mine()
    if (mine.upcoming.length) return { mine: true, events: mine.upcoming.slice(0, SHOWN) }
    const { events } = await eventsApi.list({})
    return { mine: false, events: events.filter((e) => !e.closed).slice(0, SHOWN) }
  }, [])

  return (
    <View className="lz-card upcoming-events">
      <View className="lz-row" onClick={() => openPage(EVENT_ROUTES.list)}>
        <Text className="lz-subtitle">{remote.data?.mine ? '我的近期活动' : '近期活动'}</Text>
        <Text className="lz-link">全部 ›</Text>
      </View>
      {remote.loading && !remote.data ? <Text className="lz-muted lz-block">正在加载…</Text> : null}
      {remote.error ? <Text className="lz-error">{remote.error}</Text> : null}
      {remote.data && !remote.data.events.length ? (
        <Text className="lz-muted lz-block">最近没有活动。楼组长和居委会发布活动后会出现在这里。</Text>
      ) : null}
      {remote.data?.events.map((event: EventSummary) => {
        const tag = stateTag(event)
        return (
          <View key={event.eventId} className="upcoming-row" onClick={() => openPage(detailUrl(event.eventId))}>
            <Text className="upcoming-when">{dayjs(event.startAt).format('M月D日 HH:mm')}</Text>
            <Text className="lz-text upcoming-title">{event.title}</Text>
            {tag ? <Text className={`lz-tag ${tag.tone}`}>{tag.text}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
