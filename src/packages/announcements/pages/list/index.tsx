import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { openPage, ROUTES } from '../../../../features/account/navigation'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { useManagedBuilding } from '../../../../features/account/useManagedBuilding'
import { AnnouncementItem } from '../../../../features/announcements/AnnouncementItem'
import { PageShell } from '../../../../features/layout/PageShell'
import { SubscribeButton } from '../../../../features/notifications/SubscribeButton'
import { useAnnouncementFeed } from '../../../../features/announcements/useAnnouncements'

/** `?manage=1`: a leader's (or the committee's) view of one building's notices, expired ones included. */
export default function AnnouncementsPage() {
  const manage = useRouter().params.manage === '1'
  return (
    <PageShell className="announcements-page">
      <Gate>{manage ? <ManageList /> : <Feed />}</Gate>
    </PageShell>
  )
}

function Feed() {
  return (
    <View>
      <Paged query={{}} empty="还没有公告" />
      <SubscribeButton templateKey="announcement" label="有新公告时微信提醒我" what="新公告" />
    </View>
  )
}

function ManageList() {
  const { me } = useSession()
  const { buildingId, setBuildingId, choices } = useManagedBuilding()
  if (!buildingId && !isCommittee(me)) return <EmptyState title="只有楼组长和居委会可以管理公告" />
  return (
    <View>
      <BuildingPicker value={buildingId} onChange={setBuildingId} only={choices} />
      <ActionButton
        className="open-publish"
        onClick={() => openPage(`${ROUTES.publishAnnouncement}${buildingId ? `?buildingId=${buildingId}` : ''}`)}
      >
        发布公告
      </ActionButton>
      {buildingId ? (
        <Paged key={buildingId} query={{ buildingId, includeExpired: true }} empty="这栋楼还没有公告" />
      ) : (
        <EmptyState title="请选择要管理的楼组" />
      )}
    </View>
  )
}

/** The first page (urgent, pinned, latest), then older ones on request. */
function Paged({ query, empty }: { query: { buildingId?: string; includeExpired?: boolean }; empty: string }) {
  const { first, older, nextBefore, more, loadingMore, moreError } = useAnnouncementFeed(query)

  if (first.loading && !first.data) return <Loading />
  if (first.error || !first.data)
    return <ErrorState message={first.error ?? '加载失败'} onRetry={() => void first.reload()} />
  const items = [...first.data.items, ...older]
  if (!items.length) return <EmptyState title={empty} hint="楼组长和居委会发布的通知会显示在这里。" />
  return (
    <View>
      <View className="lz-card announcement-list">
        {first.data.unread > 0 ? <Text className="lz-tag bad">{first.data.unread} 条未读</Text> : null}
        {items.map((item) => (
          <AnnouncementItem key={item.announcementId} item={item} />
        ))}
      </View>
      {nextBefore ? (
        <ActionButton tone="plain" className="more-announcements" loading={loadingMore} onClick={() => void more()}>
          查看更早的公告
        </ActionButton>
      ) : null}
      {moreError ? <Text className="lz-error">{moreError}</Text> : null}
    </View>
  )
}
