import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { InterestGroupDetail } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { isVerified, useSession } from '../../../../features/account/session'
import { GroupChatCard } from '../../../../features/buddies/GroupChatCard'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { GroupEvents } from '../../../../features/events/GroupEvents'
import { PageShell } from '../../../../features/layout/PageShell'
import { dayAndTime } from '../../../../utils/time'
import { useMyBuddyProfile } from '../../../../features/buddies/useBuddyProfile'
import { useInterestGroup } from '../../../../features/buddies/useInterestGroups'
import '../../../../features/buddies/buddies.css'

export default function GroupPage() {
  return (
    <PageShell className="buddy-group-page">
      <Gate>
        <Group />
      </Gate>
    </PageShell>
  )
}

function Group() {
  const { me } = useSession()
  const groupId = useRouter().params.id ?? ''
  const membership = useInterestGroup(groupId)
  const { remote, busy, error } = membership
  const mine = useMyBuddyProfile(isVerified(me))

  if (!groupId) return <EmptyState title="没有找到这个小组" />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const group = remote.data as InterestGroupDetail

  async function leave() {
    const answer = await Taro.showModal({
      title: `退出「${group.name}」？`,
      content: '退出后就不在小组群聊里了；您报名的小组活动也会一并取消，名额让给其他组员。',
      confirmText: '退出',
      cancelText: '再想想',
    })
    if (answer.confirm) await membership.leave()
  }

  const organiserToggle = membership.toggleOrganiser

  const member = !!group.myRole
  return (
    <View>
      <View className="lz-card group-about">
        <Text className="lz-title group-title">{group.name}</Text>
        <View className="group-tags">
          {group.interests.map((i) => (
            <Text key={i} className={`lz-tag ${group.matched.includes(i) ? 'ok' : ''}`}>
              {i}
            </Text>
          ))}
        </View>
        <Text className="lz-text lz-block group-description">{group.description}</Text>
        <Text className="lz-muted lz-block member-count">{group.memberCount} 位成员</Text>
        <Text className="lz-muted lz-block">
          组织者：{group.organisers.length ? group.organisers.map((o) => o.nickname).join('、') : '暂无，由居委会负责'}
        </Text>
        {group.nextEvent ? (
          <Text className="lz-muted lz-block">
            下次活动：{group.nextEvent.title} · {dayAndTime(group.nextEvent.startAt)}
          </Text>
        ) : null}

        {member ? (
          <View>
            <Text className="lz-tag ok my-role">{group.myRole === 'organiser' ? '我是组织者' : '我已加入'}</Text>
            <ActionButton tone="plain" className="leave-group" loading={busy === 'leave'} onClick={() => void leave()}>
              退出小组
            </ActionButton>
          </View>
        ) : group.canJoin ? (
          <ActionButton className="join-group" loading={busy === 'join'} onClick={() => void membership.join()}>
            加入小组
          </ActionButton>
        ) : mine.data && !mine.data.profile ? (
          <View>
            <Text className="lz-muted lz-block">兴趣小组由网络小伙伴组成，报名后就能加入。</Text>
            <ActionButton tone="plain" onClick={() => openPage(BUDDY_ROUTES.join)}>
              先报名网络小伙伴
            </ActionButton>
          </View>
        ) : null}
        {error ? <Text className="lz-error">{error}</Text> : null}
      </View>

      {/* The chat feature: the group's chat follows membership (group_members), at once both ways. */}
      <GroupChatCard
        groupId={groupId}
        member={member}
        hint={
          mine.data && !mine.data.profile && !group.canManage
            ? '报名网络小伙伴、加入小组后，就能在群里和组员聊天、约活动。'
            : '组员在群里聊天、约活动。加入小组后就能一起聊。'
        }
      />

      {/* The events feature: this group's sessions; members RSVP, organisers publish. */}
      <GroupEvents groupId={groupId} member={member} organiser={group.myRole === 'organiser'} />

      {group.members ? (
        <View className="lz-card group-members">
          <Text className="lz-subtitle">成员（{group.members.length}）</Text>
          {group.members.map((m) => (
            <View key={m.userId} className="lz-row member">
              <Text className="lz-text">
                {m.nickname}
                {m.role === 'organiser' ? '（组织者）' : ''}
              </Text>
              {group.canManage ? (
                <Text className="lz-link set-organiser" onClick={() => void organiserToggle(m)}>
                  {busy === m.userId ? '请稍候…' : m.role === 'organiser' ? '取消组织者' : '设为组织者'}
                </Text>
              ) : null}
            </View>
          ))}
          {!group.members.length ? <Text className="lz-muted">还没有成员。</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
