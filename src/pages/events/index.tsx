import { PageShell } from '../../features/layout/PageShell'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { EventSummary } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { Gate } from '../../features/account/Gate'
import { openPage } from '../../features/account/navigation'
import { isVerified, useSession } from '../../features/account/session'
import { EventCard } from '../../features/events/EventCard'
import { groupByDay, type DayGroup } from '../../features/events/format'
import { EVENT_ROUTES } from '../../features/events/routes'
import { useEventList, usePublishableAudiences } from '../../features/events/useEvents'
import './index.css'

type Scope = 'all' | 'building' | 'groups'

const SCOPES: Array<{ scope: Scope; label: string }> = [
  { scope: 'all', label: '全部' },
  { scope: 'building', label: '我的楼' },
  { scope: 'groups', label: '我的小组' },
]

/** 活动 tab: what is on this week and later, by day, with seats left or the waitlist. */
export default function EventsPage() {
  return (
    <PageShell className="events-page">
      <Gate>
        <Events />
      </Gate>
    </PageShell>
  )
}

function Events() {
  const { me } = useSession()
  const [scope, setScope] = useState<Scope>('all')
  const list = useEventList(scope)
  const publishable = usePublishableAudiences()
  const canPublish = (publishable.data?.options.length ?? 0) > 0
  const now = Date.now()
  const sections = list.data ? groupByDay(list.data.events, now) : null

  return (
    <View>
      <View className="events-top">
        <View className="lz-card events-mine" onClick={() => openPage(EVENT_ROUTES.mine)}>
          <Text className="lz-text">我的活动 ›</Text>
        </View>
        {canPublish ? (
          <View className="lz-card events-create" onClick={() => openPage(EVENT_ROUTES.edit)}>
            <Text className="lz-text">＋ 发起活动</Text>
          </View>
        ) : null}
      </View>
      <View className="scope-tabs" role="tablist">
        {SCOPES.map((s) => (
          <View
            key={s.scope}
            className={`scope-tab ${scope === s.scope ? 'active' : ''}`}
            role="tab"
            aria-selected={scope === s.scope}
            onClick={() => setScope(s.scope)}
          >
            <Text>{s.label}</Text>
          </View>
        ))}
      </View>

      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState message={list.error} onRetry={() => void list.reload()} /> : null}
      {sections && !list.data?.events.length ? (
        <EmptyState
          title={scope === 'groups' ? '您的兴趣小组最近没有活动' : '最近没有活动'}
          hint={
            isVerified(me) || canPublish
              ? '楼组长、兴趣小组和居委会发布活动后，会出现在这里。'
              : '加入您住的楼组后，就能看到本楼和居民区的活动。'
          }
          action={
            !isVerified(me) && !canPublish ? (
              <ActionButton onClick={() => openPage('/pages/onboarding/index')}>加入我的楼组</ActionButton>
            ) : undefined
          }
        />
      ) : null}
      {sections?.thisWeek.length ? <Section title="本周" groups={sections.thisWeek} /> : null}
      {sections?.later.length ? <Section title="以后" groups={sections.later} /> : null}
    </View>
  )
}

function Section({ title, groups }: { title: string; groups: DayGroup<EventSummary>[] }) {
  return (
    <View className="events-section">
      <Text className="lz-title section-title">{title}</Text>
      {groups.map((group) => (
        <View key={group.key} className="day-group">
          <Text className="day-label">{group.label}</Text>
          {group.events.map((event) => (
            <EventCard key={event.eventId} event={event} />
          ))}
        </View>
      ))}
    </View>
  )
}
