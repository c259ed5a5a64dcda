import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { useSession } from '../../../../features/account/session'
import { ProfileForm, type ProfileDraft } from '../../../../features/buddies/ProfileForm'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { useMyBuddyProfile, useSaveBuddyProfile } from '../../../../features/buddies/useBuddyProfile'
import '../../../../features/buddies/buddies.css'

export default function JoinPage() {
  return (
    <PageShell className="buddy-join-page">
      <Gate require="verified" purpose="网络小伙伴">
        <Join />
      </Gate>
    </PageShell>
  )
}

function Join() {
  const { me } = useSession()
  const router = useRouter()
  const editing = router.params.edit === '1'
  const mine = useMyBuddyProfile()
  const saving = useSaveBuddyProfile(!!mine.data?.profile)
  const { busy, error } = saving

  if (mine.loading && !mine.data) return <Loading />
  if (mine.error) return <ErrorState message={mine.error} onRetry={() => void mine.reload()} />
  const profile = mine.data?.profile ?? null

  if (profile && !editing) {
    return (
      <View className="lz-card">
        <Text className="lz-subtitle">您已经是网络小伙伴了</Text>
        <ActionButton onClick={() => openPage(BUDDY_ROUTES.groups)}>看看兴趣小组</ActionButton>
        <ActionButton tone="plain" onClick={() => openPage(BUDDY_ROUTES.profile)}>
          我的小伙伴档案
        </ActionButton>
      </View>
    )
  }

  async function submit(draft: ProfileDraft) {
    if (!(await saving.run(draft)).ok) return
    if (profile) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack().catch(() => openPage(BUDDY_ROUTES.profile))
    } else {
      void Taro.showToast({ title: '欢迎加入！', icon: 'success' })
      // Straight to the groups we recommend for what they just told us.
      void Taro.redirectTo({ url: `${BUDDY_ROUTES.groups}?welcome=1` })
    }
  }

  return (
    <View>
      {profile ? (
        <Text className="lz-title">修改我的小伙伴档案</Text>
      ) : (
        <View>
          <Text className="lz-title">加入网络小伙伴</Text>
          <Text className="lz-text lz-block intro">
            网络小伙伴是住在我们居民区的年轻邻居：找到兴趣相投的小组一起活动，也用自己的本事帮帮楼里的长辈。填写只要一分钟。
          </Text>
        </View>
      )}
      <ProfileForm
        initial={profile}
        defaultNickname={me?.nickname ?? ''}
        mode={profile ? 'edit' : 'signUp'}
        busy={busy}
        error={error}
        onSubmit={(d) => void submit(d)}
      />
    </View>
  )
}
