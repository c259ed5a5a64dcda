import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import { ActionButton } from '../../components/Buttons'
import { useRemote } from '../../hooks/useRemote'
import { openPage } from '../account/navigation'
import { seatsText, stateTag } from './format'
import { detailUrl, EVENT_ROUTES } from './routes'
import { eventsApi } from './api'
import './events.css'

/**
 * An interest group's page · 小组活动: the group's coming sessions for its members (who RSVP on
 * the detail page), and 发起小组活动 for its organisers.
 */
export function GroupEvents({ groupId, member, organiser }: { groupId: string; member: boolean; organiser: boolean }) {
  const remote = useRemote(
    async () =>
      (await eventsApi.list({ audience: 'groups' })).events.filter(
        (e) => e.audience.kind === 'group' && e.audience.groupId === groupId,
      ),
    [groupId],
    { enabled: member },
  )
  return (
    <View className="lz-card group-events">
      <Text className="lz-subtitle">小组活动</Text>
      {!member ? <Text className="lz-text lz-block">加入小组后，就能看到组织者发起的活动并报名。</Text> : null}
      {member && remote.loading && !remote.data ? <Text className="lz-muted lz-block">正在加载…</Text> : null}
      {remote.error ? <Text className="lz-error">{remote.error}</Text> : null}
      {remote.data && !remote.data.length ? <Text className="lz-muted lz-block">最近没有小组活动。</Text> : null}
      {remote.data?.map((event) => {
        const tag = stateTag(event)
        return (
          <View
            key={event.eventId}
            className="upcoming-row group-event"
            onClick={() => openPage(detailUrl(event.eventId))}
          >
            <Text className="upcoming-when">{dayjs(event.startAt).format('M月D日 HH:mm')}</Text>
            <View className="upcoming-title">
              <Text className="lz-text lz-block">{event.title}</Text>
              <Text className="lz-muted lz-block">{seatsText(event)}</Text>
            </View>
            {tag ? <Text className={`lz-tag ${tag.tone}`}>{tag.text}</Text> : null}
          </View>
        )
      })}
      {organiser ? (
        <ActionButton
          tone="plain"
          className="create-group-event"
          onClick={() => openPage(`${EVENT_ROUTES.edit}?groupId=${encodeURIComponent(groupId)}`)}
        >
          ＋ 发起小组活动
        </ActionButton>
      ) : null}
    </View>
  )
}
