import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { Gate } from '../../features/account/Gate'
import { BuildingBanner } from '../../features/building/BuildingBanner'
import '../../features/building/building.css'
import { enteredFromAnotherTab, openPage, ROUTES, takeTabQuery } from '../../features/account/navigation'
import { isVerified, useSession } from '../../features/account/session'
import { ChatRoom } from '../../features/chat/ChatRoom'
import { GroupList } from '../../features/chat/GroupList'
import { showChatBadge } from '../../features/chat/useChatUnread'
import { PageShell } from '../../features/layout/PageShell'
import { useChatGroups } from '../../features/chat/useModeration'

/**
 * 楼组 tab: my building's chat, straight away — that is what the tab is called. Someone in more
 * groups (interest groups) gets a back button to the list; the committee, who oversee every
 * building and have none of their own, start from the list. A page that opens a group's chat here
 * (an interest group's page: `?groupId=…&back=<its url>`) gets the back button instead. Entered
 * from another tab, it is the building's chat again, whichever group was open before — the tab's
 * badge counts the building's messages; coming back from a page the chat opened keeps the group.
 */
export default function GroupPage() {
  return (
    <PageShell className="group-page">
      <Gate>
        <Groups />
      </Gate>
    </PageShell>
  )
}

/** Where the back button returns to: only our own pages (the query comes from openPage). */
function backTarget(query: Record<string, string> | undefined): string | null {
  const back = query?.back
  return back && /^\/(pages|packages)\//.test(back) ? back : null
}

function Groups() {
  const { me } = useSession()
  // null: not chosen yet (open my building's group); '': the person asked for the list.
  const [target, setTarget] = useState<{ openId: string | null; back: string | null }>(() => {
    const query = takeTabQuery(ROUTES.group)
    return { openId: query?.groupId ?? null, back: backTarget(query) }
  })
  const { openId, back } = target
  const setOpenId = (id: string) => setTarget({ openId: id, back: null })
  const groups = useChatGroups()
  useDidShow(() => {
    const query = takeTabQuery(ROUTES.group)
    if (query?.groupId) setTarget({ openId: query.groupId, back: backTarget(query) })
    else if (enteredFromAnotherTab(ROUTES.group)) setTarget({ openId: null, back: null })
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
    if (!isVerified(me))
      return (
        <Gate require="verified" purpose="楼组群聊">
          {null}
        </Gate>
      )
    return <EmptyState title="还没有可以进入的群" hint="请稍后再试，或联系楼组长。" />
  }
  const own = list.filter((g) => g.own)
  const home =
    me.membership?.status === 'verified'
      ? list.find((g) => g.kind === 'building' && g.buildingId === me.membership?.buildingId)
      : undefined
  const byDefault = list.length === 1 ? list[0] : (home ?? (own.length === 1 ? own[0] : null))
  const chosen = openId === '' ? null : (openId && list.find((g) => g.groupId === openId)) || byDefault
  if (chosen) {
    // Opened from a page (an interest group's): back goes there, and the tab returns to its usual group.
    const returnTo = back && chosen.groupId === openId ? back : null
    return (
      <ChatRoom
        key={chosen.groupId}
        group={chosen}
        me={{ userId: me.userId, nickname: me.nickname }}
        backLabel={returnTo ? '返回小组' : undefined}
        below={
          chosen.kind === 'building' && chosen.buildingId ? <BuildingBanner buildingId={chosen.buildingId} /> : null
        }
        onBack={
          returnTo
            ? () => {
                setTarget({ openId: null, back: null })
                openPage(returnTo)
              }
            : list.length > 1
              ? () => (setOpenId(''), void groups.reload())
              : undefined
        }
      />
    )
  }
  return <GroupList groups={list} onOpen={setOpenId} />
}
