import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { EventFacts } from '../../../../features/events/detail/EventFacts'
import { EventSessions } from '../../../../features/events/detail/EventSessions'
import { MyPlace } from '../../../../features/events/detail/MyPlace'
import { OrganiserTools } from '../../../../features/events/detail/OrganiserTools'
import { useEvent } from '../../../../features/events/useEvent'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/events/choices.css'
import './index.css'

export default function EventDetailPage() {
  return (
    <PageShell className="event-detail-page">
      <Gate>
        <Detail />
      </Gate>
    </PageShell>
  )
}

function Detail() {
  const eventId = useRouter().params.id ?? ''
  const remote = useEvent(eventId)
  if (!eventId) return <EmptyState title="没有找到这个活动" />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const event = remote.data
  if (!event) return null
  return (
    <View>
      <EventFacts event={event} />
      <MyPlace event={event} onChange={remote.setData} onStale={() => void remote.reload()} />
      {event.sessionCount > 1 ? <EventSessions event={event} /> : null}
      {event.canManage ? <OrganiserTools event={event} onChange={() => void remote.reload()} /> : null}
    </View>
  )
}
