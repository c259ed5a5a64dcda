import { Text, View } from '@tarojs/components'
import { MEMBERSHIP_STATUS_NAMES, type MeView } from '../../../contracts'
import { openPage, ROUTES } from './navigation'
import { isCommittee, managedBuildingIds } from './roles'

/** 我的楼组: where I live and whether it is verified; tapping it opens onboarding. */
export function MyBuildingCard({ membership }: { membership: MeView['membership'] }) {
  return (
    <View className="lz-card my-building" onClick={() => openPage(ROUTES.onboarding)}>
      <Text className="lz-subtitle">我的楼组</Text>
      {membership ? (
        <View className="lz-row">
          <Text className="lz-text">
            {membership.estateName} {membership.buildingName} {membership.room}室
          </Text>
          <Text
            className={`lz-tag ${membership.status === 'verified' ? 'ok' : membership.status === 'pending' ? 'warn' : 'bad'} membership-status`}
          >
            {MEMBERSHIP_STATUS_NAMES[membership.status]}
          </Text>
        </View>
      ) : (
        <Text className="lz-link">还没有加入楼组，去加入 ›</Text>
      )}
    </View>
  )
}

/** The leader's (and committee's) tools for each building they manage. */
export function LeaderTools({ me }: { me: MeView }) {
  const led = managedBuildingIds(me)
  return (
    <>
      {led.length || isCommittee(me) ? (
        <View className="lz-card leader-tools">
          <Text className="lz-subtitle">{isCommittee(me) ? '管理' : '楼组长工具'}</Text>
          {(led.length ? led : ['']).map((buildingId) => (
            <View key={buildingId || 'committee'}>
              <View className="lz-row" onClick={() => openPage(`${ROUTES.applications}?buildingId=${buildingId}`)}>
                <Text className="lz-text open-applications">入楼申请</Text>
                <Text className="lz-muted">›</Text>
              </View>
              <View className="lz-row" onClick={() => openPage(`${ROUTES.residents}?buildingId=${buildingId}`)}>
                <Text className="lz-text">本楼居民</Text>
                <Text className="lz-muted">›</Text>
              </View>
              <View
                className="lz-row"
                onClick={() => openPage(`${ROUTES.announcements}?manage=1&buildingId=${buildingId}`)}
              >
                <Text className="lz-text open-manage-announcements">公告管理</Text>
                <Text className="lz-muted">›</Text>
              </View>
              <View className="lz-row" onClick={() => openPage(`${ROUTES.poster}?buildingId=${buildingId}`)}>
                <Text className="lz-text open-poster">大堂海报（入楼码）</Text>
                <Text className="lz-muted">›</Text>
              </View>
            </View>
          ))}
          {isCommittee(me) ? (
            <View className="lz-row" onClick={() => openPage(ROUTES.roles)}>
              <Text className="lz-text">楼组长与专栏作者</Text>
              <Text className="lz-muted">›</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </>
  )
}
