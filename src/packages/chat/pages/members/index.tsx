import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { MUTE_CHOICES, type MemberView } from '../../../../../contracts'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { useSession } from '../../../../features/account/session'
import { avatarColour, avatarText, chatTime } from '../../../../features/chat/format'
import { PageShell } from '../../../../features/layout/PageShell'
import { useRemote } from '../../../../hooks/useRemote'
import { chatApi, messageOf } from '../../../../features/chat/api'
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
  const members = useRemote(() => chatApi.listMembers({ groupId }), [groupId], { enabled: !!groupId })
  const [error, setError] = useState<string | null>(null)
  const moderator =
    !!members.data?.members.some((m) => m.userId === me?.userId && m.moderator) ||
    !!me?.roles.some((r) => r.role === 'admin')

  async function mute(member: MemberView) {
    setError(null)
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: MUTE_CHOICES.map((c) => `禁言 ${c.label}`) })
      const choice = MUTE_CHOICES[tapIndex]
      if (!choice) return
      await chatApi.mute({ groupId, userId: member.userId, minutes: choice.minutes })
      void members.reload()
    } catch (e) {
      if (e && typeof e === 'object' && 'errMsg' in e) return // the sheet was cancelled
      setError(messageOf(e))
    }
  }
  async function unmute(member: MemberView) {
    setError(null)
    try {
      await chatApi.unmute({ groupId, userId: member.userId })
      void members.reload()
    } catch (e) {
      setError(messageOf(e))
    }
  }

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
