import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/Buttons'
import { ErrorState, Loading } from '../../components/States'
import { useRemote } from '../../hooks/useRemote'
import { openPage, ROUTES } from '../account/navigation'
import { isCommittee, managedBuildingIds } from '../account/roles'
import { isVerified, useSession } from '../account/session'
import { SubscribeButton } from '../notifications/SubscribeButton'
import { AnnouncementItem } from './AnnouncementItem'
import { announcementsApi } from './api'
import './announcements.css'

/** How many ordinary notices 首页 shows under the urgent and pinned ones. */
const RECENT_ON_HOME = 3

/**
 * 首页's notice board: urgent notices not yet read, then pinned, then the latest few; how many are
 * unread; and for leaders and the committee, the way to publish.
 */
export function HomeAnnouncements() {
  const { me } = useSession()
  const mayPublish = isCommittee(me) || managedBuildingIds(me).length > 0
  const mayRead = isVerified(me) || mayPublish
  const feed = useRemote(() => announcementsApi.list({ limit: RECENT_ON_HOME }), [], { enabled: mayRead })

  if (!mayRead) {
    return (
      <View className="lz-card home-announcements">
        <Text className="lz-subtitle">楼组公告</Text>
        <Text className="lz-muted lz-block">加入楼组并通过认证后，这里会显示楼组长和居委会的公告。</Text>
      </View>
    )
  }
  const unread = feed.data?.unread ?? 0
  return (
    <View className="lz-card home-announcements">
      <View className="announcements-head">
        <Text className="lz-subtitle">楼组公告</Text>
        {unread > 0 ? <Text className="lz-tag bad announcements-unread-count">{unread} 条未读</Text> : null}
      </View>
      {feed.loading && !feed.data ? <Loading /> : null}
      {feed.error ? <ErrorState message={feed.error} onRetry={() => void feed.reload()} /> : null}
      {feed.data && !feed.data.items.length ? (
        <Text className="lz-muted lz-block">还没有公告。楼组长和居委会发布的通知会显示在这里。</Text>
      ) : null}
      {feed.data?.items.map((item) => (
        <AnnouncementItem key={item.announcementId} item={item} />
      ))}
      {feed.data?.items.length ? (
        <Text className="lz-link announcements-more" onClick={() => openPage(ROUTES.announcements)}>
          查看全部公告 ›
        </Text>
      ) : null}
      {mayPublish ? (
        <Text
          className="lz-link announcements-more manage-announcements"
          onClick={() => openPage(`${ROUTES.announcements}?manage=1`)}
        >
          公告管理（含已过期的）›
        </Text>
      ) : null}
      {mayPublish ? (
        <ActionButton className="open-publish" onClick={() => openPage(ROUTES.publishAnnouncement)}>
          发布公告
        </ActionButton>
      ) : (
        <SubscribeButton templateKey="announcement" label="有新公告时微信提醒我" what="新公告" />
      )}
    </View>
  )
}
