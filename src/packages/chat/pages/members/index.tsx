import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { MUTE_CHOICES, type MemberView } from '../../../../../contracts'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { useSession } from '../../../../features/account/session'
import { avatarColour, avatarText, chatTime } from '../../../../features/chat/format'
import { PageShell } from '../../../../features/layout/PageShell'
import { useGroupMembers } from '../../../../features/chat/useModeration'
import './index.css'

/** Who is in the group; moderators can also mute and unmute here. */
export default function MembersPage() {
  return (
    <PageShell className="chat-members-page">
      <Gate>
        <Members />
      </Gate>
    </PageShell>
  )
}

function Members() {
  const groupId = useRouter().params.groupId ?? ''
  const { me } = useSession()
  const moderation = useGroupMembers(groupId)
  const { members, error } = moderation
  const moderator =
    !!members.data?.members.some((m) => m.userId === me?.userId && m.moderator) ||
    !!me?.roles.some((r) => r.role === 'admin')

  async function mute(member: MemberView) {
    moderation.clearError()
    let choice: number
    try {
      choice = (await Taro.showActionSheet({ itemList: MUTE_CHOICES.map((c) => `禁言 ${c.label}`) })).tapIndex
    } catch {
      return // the sheet was cancelled
    }
    const picked = MUTE_CHOICES[choice]
    if (picked) await moderation.mute(member.userId, picked.minutes)
  }
  const unmute = (member: MemberView) => moderation.unmute(member.userId)

  if (!groupId) return <EmptyState title="请从群聊页面打开" />
  if (members.loading && !members.data) return <Loading />
  if (members.error) return <ErrorState message={members.error} onRetry={() => void members.reload()} />
  const list = members.data?.members ?? []
  return (
    <View>
      <Text className="lz-muted lz-block members-count">共 {list.length} 位成员</Text>
      {error ? <Text className="lz-error">{error}</Text> : null}
      <View className="lz-card">
        {list.map((member) => (
          <View key={member.userId} className="lz-row member-row">
            <View className="member-who">
              <View className="member-avatar" style={{ background: avatarColour(member.userId) }}>
                <Text>{avatarText(member.name)}</Text>
              </View>
              <Text className="lz-text">{member.name}</Text>
              {member.badge ? <Text className="lz-tag warn">{member.badge}</Text> : null}
            </View>
            {member.mutedUntil ? (
              <View className="member-actions">
                <Text className="lz-muted">禁言到 {chatTime(member.mutedUntil)}</Text>
                {moderator ? (
                  <View className="member-button" onClick={() => void unmute(member)}>
                    <Text>解除</Text>
                  </View>
                ) : null}
              </View>
            ) : moderator && !member.moderator && member.userId !== me?.userId ? (
              <View className="member-button" onClick={() => void mute(member)}>
                <Text>禁言</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  )
}
