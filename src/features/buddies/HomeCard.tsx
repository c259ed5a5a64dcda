import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/Buttons'
import { useRemote } from '../../hooks/useRemote'
import { openPage } from '../account/navigation'
import { isVerified, useSession } from '../account/session'
import { minutesLabel } from './format'
import { BUDDY_ROUTES } from './routes'
import { buddiesApi } from './api'

/** 首页's 网络小伙伴 card: young neighbours join; everyone can ask for a hand. */
export function BuddiesHomeCard() {
  const { me } = useSession()
  const verified = isVerified(me)
  const mine = useRemote(() => buddiesApi.myProfile(), [], { enabled: verified })
  const profile = mine.data?.profile ?? null

  return (
    <View className="lz-card buddies-home">
      <Text className="lz-subtitle">网络小伙伴</Text>
      {!verified ? (
        <Text className="lz-muted lz-block">年轻邻居的兴趣小组和志愿帮忙。加入楼组后就能使用。</Text>
      ) : profile ? (
        <View>
          <Text className="lz-text lz-block">
            {profile.nickname}，您是网络小伙伴
            {mine.data?.totalMinutes ? `，已帮邻居 ${minutesLabel(mine.data.totalMinutes)}` : ''}。
          </Text>
          <View className="inline-links">
            <Text className="lz-link open-groups" onClick={() => openPage(BUDDY_ROUTES.groups)}>
              兴趣小组 ›
            </Text>
            <Text className="lz-link open-help-board" onClick={() => openPage(BUDDY_ROUTES.help)}>
              帮忙板 ›
            </Text>
          </View>
        </View>
      ) : (
        <View>
          <Text className="lz-text lz-block">
            18–45 岁的年轻邻居：加入读书会、摄影小组等兴趣小组，也用您的本事帮帮楼里的长辈。
          </Text>
          <ActionButton tone="plain" className="join-buddies" onClick={() => openPage(BUDDY_ROUTES.join)}>
            加入网络小伙伴
          </ActionButton>
        </View>
      )}
      {verified ? (
        <View className="lz-row ask-help-row" onClick={() => openPage(BUDDY_ROUTES.ask)}>
          <View>
            <Text className="lz-text lz-block ask-help">找小伙伴帮忙</Text>
            <Text className="lz-muted">教用手机、代买药、陪同看病……</Text>
          </View>
          <Text className="lz-link">›</Text>
        </View>
      ) : null}
    </View>
  )
}
