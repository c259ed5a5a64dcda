import { Text, View } from '@tarojs/components'
import { MEMBERSHIP_STATUS_NAMES } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { Gate } from '../../features/account/Gate'
import { HomeAnnouncements } from '../../features/announcements/HomeAnnouncements'
import { HealthHomeCard } from '../../features/health/HealthHomeCard'
import { openPage, ROUTES } from '../../features/account/navigation'
import { isCommittee, managedBuildingIds } from '../../features/account/roles'
import { isVerified, useSession } from '../../features/account/session'
import { BuddiesHomeCard } from '../../features/buddies/HomeCard'
import { CouncilHomeCard } from '../../features/council/CouncilHomeCard'
import { CharterHomeCard } from '../../features/charter/CharterHomeCard'
import { useUnreadNotifications } from '../../features/notifications/useUnread'
import { ChatUnreadCard } from '../../features/chat/ChatUnreadCard'
import { UpcomingEvents } from '../../features/events/UpcomingEvents'
import { usePendingApplications } from '../../features/account/useBuildingAdmin'
import { RejectedNotice } from '../../features/account/RejectedNotice'
import './index.css'

function greeting(now: Date): string {
  const hour = now.getHours()
  if (hour < 11) return '早上好'
  if (hour < 13) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}

export default function HomePage() {
  return (
    <PageShell className="home-page">
      <Gate>
        <Home />
      </Gate>
    </PageShell>
  )
}

function Home() {
  const { me } = useSession()
  const unread = useUnreadNotifications()
  const led = managedBuildingIds(me)
  const pending = usePendingApplications(led)
  if (!me) return null
  const membership = me.membership
  // Committee staff run the neighbourhood; unless they live in a building here, 首页 does not ask them to join one.
  const staffOnly = !membership && isCommittee(me)

  return (
    <View>
      <Text className="lz-title greeting">
        {me.nickname}，{greeting(new Date())}
      </Text>
      {staffOnly ? (
        <View className="lz-card building-card staff-card" onClick={() => openPage(ROUTES.roles)}>
          <Text className="lz-subtitle">居委会工作人员</Text>
          <Text className="lz-text lz-block">各楼组的通知、活动和入楼申请都可以在这里管理。</Text>
        </View>
      ) : (
        <View
          className="lz-card building-card"
          onClick={() => openPage(membership?.status === 'verified' ? ROUTES.group : ROUTES.onboarding)}
        >
          {membership ? (
            <>
              <Text className="lz-subtitle">
                {membership.estateName} {membership.buildingName}
              </Text>
              <Text
                className={`lz-tag ${membership.status === 'verified' ? 'ok' : membership.status === 'pending' ? 'warn' : 'bad'} membership-tag`}
              >
                {MEMBERSHIP_STATUS_NAMES[membership.status]}
              </Text>
              {membership.status === 'pending' ? (
                <Text className="lz-muted lz-block">楼组长核实后就能加入楼组群，请耐心等待。</Text>
              ) : null}
              <RejectedNotice membership={membership} />
              {membership.status === 'rejected' || membership.status === 'ended' ? (
                <Text className="lz-link lz-block">重新申请加入楼组 ›</Text>
              ) : null}
            </>
          ) : (
            <>
              <Text className="lz-subtitle">还没有加入楼组</Text>
              <Text className="lz-text lz-block">加入您住的楼，就能看到本楼通知、和邻居聊天、报名活动。</Text>
              <ActionButton className="join-building">加入我的楼组</ActionButton>
            </>
          )}
        </View>
      )}

      {led.length > 0 && (pending.data ?? 0) > 0 ? (
        <View className="lz-card leader-alert" onClick={() => openPage(`${ROUTES.applications}?buildingId=${led[0]}`)}>
          <Text className="lz-text">有 {pending.data} 份入楼申请等您处理 ›</Text>
        </View>
      ) : null}

      {/* Notices first: an urgent or pinned announcement is the most important thing on the page. */}
      <HomeAnnouncements />

      <ChatUnreadCard />

      <UpcomingEvents />

      <View className="lz-card" onClick={() => openPage(ROUTES.notifications)}>
        <View className="lz-row">
          <Text className="lz-text">消息通知</Text>
          <Text className={unread > 0 ? 'lz-tag bad unread-count' : 'lz-muted unread-count'}>
            {unread > 0 ? `${unread} 条未读` : '没有未读'}
          </Text>
        </View>
      </View>

      <HealthHomeCard />

      <BuddiesHomeCard />

      {isVerified(me) || managedBuildingIds(me).length ? <CouncilHomeCard /> : null}

      {isVerified(me) || managedBuildingIds(me).length || isCommittee(me) ? (
        <CharterHomeCard committee={isCommittee(me) && !isVerified(me) && !managedBuildingIds(me).length} />
      ) : null}

      {isCommittee(me) ? (
        <View className="lz-card" onClick={() => openPage(ROUTES.roles)}>
          <Text className="lz-text">居委会管理：楼组长与专栏作者 ›</Text>
        </View>
      ) : null}
    </View>
  )
}
