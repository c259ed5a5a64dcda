import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { GroupSection, InterestGroupSummary } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage, ROUTES } from '../../../../features/account/navigation'
import { isCommittee } from '../../../../features/account/roles'
import { isVerified, useSession } from '../../../../features/account/session'
import { GroupCard } from '../../../../features/buddies/GroupCard'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { useMyBuddyProfile } from '../../../../features/buddies/useBuddyProfile'
import { useInterestGroups } from '../../../../features/buddies/useInterestGroups'
import '../../../../features/buddies/buddies.css'

export default function GroupsPage() {
  return (
    <PageShell className="buddy-groups-page">
      <Gate>
        <Groups />
      </Gate>
    </PageShell>
  )
}

const SECTION_TITLES: Record<GroupSection, string> = { recommended: '为您推荐', mine: '我加入的', other: '更多小组' }
const SECTIONS: GroupSection[] = ['recommended', 'mine', 'other']

function Groups() {
  const { me } = useSession()
  const router = useRouter()
  const allowed = isVerified(me) || isCommittee(me)
  const groups = useInterestGroups(allowed)
  const mine = useMyBuddyProfile(isVerified(me))

  if (!allowed)
    return (
      <EmptyState
        title="兴趣小组对本居民区已认证的居民开放"
        action={<ActionButton onClick={() => openPage(ROUTES.onboarding)}>加入我的楼组</ActionButton>}
      />
    )
  if (groups.loading && !groups.data) return <Loading />
  if (groups.error) return <ErrorState message={groups.error} onRetry={() => void groups.reload()} />
  const list = groups.data?.groups ?? []
  const signedUp = !!mine.data?.profile

  return (
    <View>
      {router.params.welcome === '1' ? (
        <View className="lz-card welcome">
          <Text className="lz-subtitle">欢迎加入网络小伙伴！</Text>
          <Text className="lz-text lz-block">下面是按您的兴趣推荐的小组，点开就能加入。</Text>
        </View>
      ) : null}
      {mine.data && !signedUp ? (
        <View className="lz-card section-note">
          <Text className="lz-text lz-block">报名成为网络小伙伴，就能加入小组，还会按兴趣为您推荐。</Text>
          <ActionButton tone="plain" onClick={() => openPage(BUDDY_ROUTES.join)}>
            加入网络小伙伴
          </ActionButton>
        </View>
      ) : null}
      {!list.length ? <EmptyState title="还没有兴趣小组" hint="可以提议成立一个。" /> : null}
      {SECTIONS.map((section) => {
        const inSection = list.filter((g: InterestGroupSummary) => g.section === section)
        if (!inSection.length) return null
        return (
          <View key={section} className={`group-section group-section-${section}`}>
            <Text className="lz-subtitle">{SECTION_TITLES[section]}</Text>
            {inSection.map((g) => (
              <GroupCard key={g.groupId} group={g} />
            ))}
          </View>
        )
      })}
      {signedUp || isCommittee(me) ? (
        <ActionButton tone="plain" className="open-propose" onClick={() => openPage(BUDDY_ROUTES.propose)}>
          {isCommittee(me) ? '创建新的兴趣小组' : '想成立新的小组？提议一个'}
        </ActionButton>
      ) : null}
    </View>
  )
}
