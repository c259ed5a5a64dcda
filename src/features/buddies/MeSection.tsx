import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/useRemote'
import { openPage } from '../account/navigation'
import { isCommittee } from '../account/roles'
import { isVerified, useSession } from '../account/session'
import { BUDDY_ROUTES } from './routes'
import { buddiesApi } from './api'

/** 我的's 网络小伙伴 card: my profile (or joining), my help requests, and the committee's tools. */
export function BuddiesMeSection() {
  const { me } = useSession()
  const verified = isVerified(me)
  const committee = isCommittee(me)
  const mine = useRemote(() => buddiesApi.myProfile(), [], { enabled: verified })
  if (!verified && !committee) return null
  const signedUp = !!mine.data?.profile

  return (
    <View className="lz-card buddies-me">
      <Text className="lz-subtitle">网络小伙伴</Text>
      {verified ? (
        <View className="lz-row" onClick={() => openPage(signedUp ? BUDDY_ROUTES.profile : BUDDY_ROUTES.join)}>
          <Text className="lz-text open-buddy-profile">{signedUp ? '我的小伙伴档案' : '加入网络小伙伴'}</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
      {verified ? (
        <View className="lz-row" onClick={() => openPage(BUDDY_ROUTES.help)}>
          <Text className="lz-text">{signedUp ? '帮忙板与志愿时长' : '我的求助'}</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
      <View className="lz-row" onClick={() => openPage(BUDDY_ROUTES.groups)}>
        <Text className="lz-text">兴趣小组</Text>
        <Text className="lz-muted">›</Text>
      </View>
      {committee ? (
        <View className="lz-row" onClick={() => openPage(BUDDY_ROUTES.committee)}>
          <Text className="lz-text open-buddy-committee">小伙伴名单与统计</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
      {committee ? (
        <View className="lz-row" onClick={() => openPage(BUDDY_ROUTES.proposals)}>
          <Text className="lz-text">兴趣小组申请</Text>
          <Text className="lz-muted">›</Text>
        </View>
      ) : null}
    </View>
  )
}
