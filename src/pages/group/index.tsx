import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { Gate } from '../../features/account/Gate'
import { ROUTES, takeTabQuery } from '../../features/account/navigation'
import { isVerified, useSession } from '../../features/account/session'
import { ChatRoom } from '../../features/chat/ChatRoom'
import { GroupList } from '../../features/chat/GroupList'
import { showChatBadge } from '../../features/chat/useChatUnread'
import { PageShell } from '../../features/layout/PageShell'
import { useRemote } from '../../hooks/useRemote'
import { call } from '../../services/api'

/**
 * 楼组 tab: my building's chat. With more than one group (interest groups, or the committee who
 * oversees every building) it starts from the list.
 */
export default function GroupPage() {
  return (
    <PageShell className='group-page'>
      <Gate>
        <Groups />
      </Gate>
    </PageShell>
  )
}

function Groups() {
  const { me } = useSession()
  const [openId, setOpenId] = useState<string | null>(() => takeTabQuery(ROUTES.group)?.groupId ?? null)
  const groups = useRemote(() => call('chat', 'listGroups'), [])
  useDidShow(() => {
    const asked = takeTabQuery(ROUTES.group)?.groupId
    if (asked) setOpenId(asked)
  })
  useEffect(() => {
    if (groups.data) showChatBadge(groups.data.unreadTotal)
  }, [groups.data])

  if (!me) return null
  if (groups.loading && !groups.data) return <Loading />
  if (groups.error && !groups.data) return <ErrorState message={groups.error} onRetry={() => void groups.reload()} />
  const list = groups.data?.groups ?? []
  if (!list.length) {
    // Not verified yet: the gate explains the one next step.
    if (!isVerified(me)) return <Gate require='verified' purpose='楼组群聊'>{null}</Gate>
    return <EmptyState title='还没有可以进入的群' hint='请稍后再试，或联系楼组长。' />
  }
  const own = list.filter((g) => g.own)
  const chosen = (openId && list.find((g) => g.groupId === openId)) || (list.length === 1 || (own.length === 1 && list.length === own.length) ? own[0] ?? list[0] : null)
  if (chosen) {
    return (
      <ChatRoom
        key={chosen.groupId}
        group={chosen}
        me={{ userId: me.userId, nickname: me.nickname }}
        onBack={list.length > 1 ? () => (setOpenId(null), void groups.reload()) : undefined}
      />
    )
  }
  return <GroupList groups={list} onOpen={setOpenId} />
}
