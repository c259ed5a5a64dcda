import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AGE_BAND_NAMES, AVAILABILITY_NAMES } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { minutesLabel } from '../../../../features/buddies/format'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { fullDate } from '../../../../utils/time'
import { useMyBuddyProfile, useWithdrawBuddy } from '../../../../features/buddies/useBuddyProfile'
import '../../../../features/buddies/buddies.css'

export default function BuddyProfilePage() {
  return (
    <PageShell className="buddy-profile-page">
      <Gate>
        <Profile />
      </Gate>
    </PageShell>
  )
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="lz-row">
      <Text className="lz-muted">{label}</Text>
      <Text className="lz-text profile-value">{value || '—'}</Text>
    </View>
  )
}

function Profile() {
  const mine = useMyBuddyProfile()
  const withdrawing = useWithdrawBuddy()
  const busy = withdrawing.busy
  const error = withdrawing.error?.message

  if (mine.loading && !mine.data) return <Loading />
  if (mine.error) return <ErrorState message={mine.error} onRetry={() => void mine.reload()} />
  const profile = mine.data?.profile
  if (!profile) {
    return (
      <EmptyState
        title="您还不是网络小伙伴"
        hint="18–45 岁的年轻邻居都可以加入。"
        action={<ActionButton onClick={() => openPage(BUDDY_ROUTES.join)}>加入网络小伙伴</ActionButton>}
      />
    )
  }

  async function withdraw() {
    const answer = await Taro.showModal({
      title: '确定退出网络小伙伴吗？',
      content:
        '退出后，您的小伙伴档案会被删除，也会退出所有兴趣小组（包括小组群聊，报名的小组活动也会取消）。已记录的志愿时长会保留。',
      confirmText: '确定退出',
      confirmColor: '#b3261e',
      cancelText: '再想想',
    })
    if (!answer.confirm) return
    if (!(await withdrawing.run()).ok) return
    void Taro.showToast({ title: '已退出', icon: 'none' })
    await mine.reload()
  }

  const groups = mine.data?.groups ?? []
  return (
    <View>
      <View className="lz-card">
        <Text className="lz-title buddy-name">{profile.nickname}</Text>
        <Line label="年龄段" value={AGE_BAND_NAMES[profile.ageBand]} />
        <Line label="兴趣" value={[...profile.interests, ...profile.tags].join('、')} />
        <Line label="能帮的事" value={profile.skills.join('、')} />
        <Line label="工作单位" value={profile.workplace ?? ''} />
        <Line label="空闲时间" value={profile.availability.map((a) => AVAILABILITY_NAMES[a]).join('、')} />
        <Line label="加入时间" value={fullDate(profile.signedUpAt)} />
        <ActionButton tone="plain" className="edit-buddy" onClick={() => openPage(`${BUDDY_ROUTES.join}?edit=1`)}>
          修改档案
        </ActionButton>
      </View>

      <View className="lz-card" onClick={() => openPage(`${BUDDY_ROUTES.help}?tab=hours`)}>
        <Text className="lz-subtitle">我的志愿时长</Text>
        <Text className="big-number total-hours">{minutesLabel(mine.data?.totalMinutes ?? 0)}</Text>
        <Text className="lz-link">帮忙板 ›</Text>
      </View>

      <View className="lz-card">
        <Text className="lz-subtitle">我加入的兴趣小组</Text>
        {groups.length ? (
          groups.map((g) => (
            <View key={g.groupId} className="lz-row" onClick={() => openPage(`${BUDDY_ROUTES.group}?id=${g.groupId}`)}>
              <Text className="lz-text">
                {g.name}
                {g.role === 'organiser' ? '（组织者）' : ''}
              </Text>
              <Text className="lz-muted">›</Text>
            </View>
          ))
        ) : (
          <Text className="lz-muted lz-block">还没有加入小组。</Text>
        )}
        <View className="inline-links">
          <Text className="lz-link" onClick={() => openPage(BUDDY_ROUTES.groups)}>
            找兴趣小组 ›
          </Text>
          <Text className="lz-link" onClick={() => openPage(BUDDY_ROUTES.proposals)}>
            我提议的小组 ›
          </Text>
        </View>
      </View>

      <ActionButton tone="danger" className="withdraw-buddy" loading={busy} onClick={() => void withdraw()}>
        退出网络小伙伴
      </ActionButton>
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
