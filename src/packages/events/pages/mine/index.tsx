import { PageShell } from '../../../../features/layout/PageShell'
import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import type { EventSummary } from '../../../../../contracts'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { ActionButton } from '../../../../components/Buttons'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { EventCard } from '../../../../features/events/EventCard'
import { detailUrl, EVENT_ROUTES } from '../../../../features/events/routes'
import { useMyEvents } from '../../../../features/events/useEvents'
import './index.css'

/** 我的活动: going or waiting, organising, and what I went to (with attendance). */
export default function MyEventsPage() {
  return (
    <PageShell className="my-events-page">
      <Gate>
        <MyEvents />
      </Gate>
    </PageShell>
  )
}

function MyEvents() {
  const remote = useMyEvents()
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const mine = remote.data
  if (!mine) return null
  const nothing = !mine.upcoming.length && !mine.past.length && !mine.organising.length
  if (nothing) {
    return (
      <EmptyState
        title="您还没有报名活动"
        hint="在“活动”里挑一个喜欢的，点“报名参加”就行。"
        action={<ActionButton onClick={() => openPage(EVENT_ROUTES.list)}>去看看活动</ActionButton>}
      />
    )
  }
  const day = (e: EventSummary) => dayjs(e.startAt).format('M月D日 dddd')
  return (
    <View>
      <Text className="lz-title">我报名的</Text>
      {mine.upcoming.length ? (
        mine.upcoming.map((event) => <EventCard key={event.eventId} event={event} showDate={day(event)} />)
      ) : (
        <Text className="lz-muted lz-block">没有还没开始的报名。</Text>
      )}

      {mine.organising.length ? (
        <View className="organising">
          <Text className="lz-title">我组织的</Text>
          {mine.organising.map((event) => (
            <EventCard key={event.eventId} event={event} showDate={day(event)} />
          ))}
        </View>
      ) : null}

      {mine.past.length ? (
        <View className="past">
          <Text className="lz-title">参加过的</Text>
          <View className="lz-card">
            {mine.past.map((event) => (
              <View
                key={event.eventId}
                className="lz-row past-event"
                onClick={() => openPage(detailUrl(event.eventId))}
              >
                <View className="past-what">
                  <Text className="lz-text lz-block">{event.title}</Text>
                  <Text className="lz-muted lz-block">{day(event)}</Text>
                </View>
                <Text className={`lz-tag ${event.mine?.attendedAt ? 'ok' : ''}`}>
                  {event.mine?.attendedAt ? '已签到' : '未签到'}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
