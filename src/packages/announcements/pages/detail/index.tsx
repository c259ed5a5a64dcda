import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { AnnouncementDetail } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage, ROUTES } from '../../../../features/account/navigation'
import { byline } from '../../../../features/announcements/AnnouncementItem'
import { ReachSummary } from '../../../../features/announcements/ReachSummary'
import { PageShell } from '../../../../features/layout/PageShell'
import { dayAndTime } from '../../../../utils/time'
import { useAnnouncement, useReach, useUnpublish } from '../../../../features/announcements/useAnnouncements'
import { ReminderOffer } from '../../../../features/notifications/reminders'
import './index.css'

export default function AnnouncementPage() {
  return (
    <PageShell className="announcement-page">
      <Gate>
        <Announcement />
      </Gate>
    </PageShell>
  )
}

function Announcement() {
  const id = useRouter().params.id ?? ''
  // Opening the page is reading the notice: `get` records it (and clears its notification).
  const notice = useAnnouncement(id)
  if (notice.loading && !notice.data) return <Loading />
  if (notice.error || !notice.data)
    return <ErrorState message={notice.error ?? '加载失败'} onRetry={() => void notice.reload()} />
  return <NoticeView notice={notice.data} />
}

function NoticeView({ notice }: { notice: AnnouncementDetail }) {
  return (
    <View>
      <View className={`lz-card announcement-detail ${notice.urgent ? 'urgent' : ''}`}>
        {notice.urgent || notice.pinned || notice.expired ? (
          <View className="announcement-tags">
            {notice.urgent ? <Text className="lz-tag bad">紧急</Text> : null}
            {notice.pinned ? <Text className="lz-tag warn">置顶</Text> : null}
            {notice.expired ? <Text className="lz-tag">已过期</Text> : null}
          </View>
        ) : null}
        <Text className="lz-title announcement-detail-title">{notice.title}</Text>
        <Text className="lz-muted lz-block">{byline(notice)}</Text>
        <Text className="announcement-body" userSelect>
          {notice.body}
        </Text>
        {notice.expiresAt ? <Text className="lz-muted lz-block">有效期至 {dayAndTime(notice.expiresAt)}</Text> : null}
        {notice.editedAt ? <Text className="lz-muted lz-block">{dayAndTime(notice.editedAt)} 修改过</Text> : null}
        <Text className="lz-muted lz-block read-count">{notice.readCount} 人看过</Text>
      </View>
      {notice.canSeeReach ? <ReachCard announcementId={notice.announcementId} /> : null}
      {notice.canManage ? <ManageActions notice={notice} /> : null}
      {/* Just read a notice: the natural moment to ask about the next one. */}
      {notice.canManage ? null : (
        <ReminderOffer templateKey="announcement" question="以后有新公告，要在微信里提醒您吗？" />
      )}
    </View>
  )
}

/** For the author, the building's leader and the committee: how many households have read it. */
function ReachCard({ announcementId }: { announcementId: string }) {
  const reach = useReach(announcementId)
  return (
    <View className="lz-card reach-card" onClick={() => openPage(`${ROUTES.announcementReach}?id=${announcementId}`)}>
      <Text className="lz-subtitle">阅读情况</Text>
      {reach.loading && !reach.data ? <Loading /> : null}
      {reach.error ? <Text className="lz-error">{reach.error}</Text> : null}
      {reach.data ? <ReachSummary reach={reach.data} /> : null}
      <Text className="lz-link lz-block open-reach">看看哪些户还没看（敲门名单）›</Text>
    </View>
  )
}

function ManageActions({ notice }: { notice: AnnouncementDetail }) {
  const unpublishing = useUnpublish(notice.announcementId)

  async function withdraw() {
    const answer = await Taro.showModal({
      title: '撤回这条公告？',
      content: '撤回后邻居们就看不到了，不能恢复。',
      confirmText: '撤回',
      confirmColor: '#b3261e',
      cancelText: '不撤回',
    })
    if (!answer.confirm) return
    if (!(await unpublishing.run()).ok) return
    void Taro.showToast({ title: '已撤回', icon: 'success' })
    void Taro.navigateBack().catch(() => openPage(ROUTES.home))
  }

  return (
    <View className="lz-card manage-actions">
      <ActionButton
        tone="plain"
        className="edit-announcement"
        onClick={() => openPage(`${ROUTES.publishAnnouncement}?id=${notice.announcementId}`)}
      >
        修改公告
      </ActionButton>
      <ActionButton
        tone="plain"
        className="unpublish-announcement"
        loading={unpublishing.busy}
        onClick={() => void withdraw()}
      >
        撤回公告
      </ActionButton>
      {unpublishing.error ? <Text className="lz-error">{unpublishing.error.message}</Text> : null}
    </View>
  )
}
