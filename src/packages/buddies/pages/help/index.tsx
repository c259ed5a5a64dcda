import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { managedBuildingIds } from '../../../../features/account/roles'
import { isVerified, useSession } from '../../../../features/account/session'
import { minutesLabel } from '../../../../features/buddies/format'
import { HelpCard } from '../../../../features/buddies/HelpCard'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { fullDate } from '../../../../utils/time'
import { useMyBuddyProfile } from '../../../../features/buddies/useBuddyProfile'
import { useHelpRequests, useMyHours } from '../../../../features/buddies/useHelpRequests'
import '../../../../features/buddies/buddies.css'

export default function HelpBoardPage() {
  return (
    <PageShell className="buddy-help-page">
      <Gate>
        <HelpBoard />
      </Gate>
    </PageShell>
  )
}

type Tab = 'open' | 'helping' | 'mine' | 'building' | 'hours'
const TAB_NAMES: Record<Tab, string> = {
  open: '可以帮的',
  helping: '我在帮的',
  mine: '我的求助',
  building: '本楼求助',
  hours: '志愿时长',
}

function HelpBoard() {
  const { me } = useSession()
  const params = useRouter().params
  const verified = isVerified(me)
  const led = managedBuildingIds(me)
  const mine = useMyBuddyProfile(verified)
  const buddy = !!mine.data?.profile
  const tabs: Tab[] = [
    ...(buddy ? (['open', 'helping'] as Tab[]) : []),
    'mine',
    ...(led.length ? (['building'] as Tab[]) : []),
    ...(buddy ? (['hours'] as Tab[]) : []),
  ]
  const [chosen, setChosen] = useState<Tab | null>((params.tab as Tab) || null)

  if (verified && mine.loading && !mine.data) return <Loading />
  if (mine.error) return <ErrorState message={mine.error} onRetry={() => void mine.reload()} />
  const tab: Tab = chosen && tabs.includes(chosen) ? chosen : (tabs[0] ?? 'mine')

  return (
    <View>
      <View className="tabs">
        {tabs.map((t) => (
          <View key={t} className={`tab tab-${t} ${t === tab ? 'active' : ''}`} onClick={() => setChosen(t)}>
            <Text>{TAB_NAMES[t]}</Text>
          </View>
        ))}
      </View>
      {/* Asking is the one thing to do on 我的求助 / 本楼求助; on a buddy's tabs, helping is. */}
      {(tab === 'mine' && verified) || tab === 'building' ? (
        <ActionButton
          className="open-ask"
          onClick={() => openPage(tab === 'building' ? `${BUDDY_ROUTES.ask}?for=neighbour` : BUDDY_ROUTES.ask)}
        >
          {tab === 'building' ? '替本楼邻居登记求助' : '找小伙伴帮忙'}
        </ActionButton>
      ) : null}
      {verified && !buddy ? (
        <View className="lz-card section-note">
          <Text className="lz-text lz-block">18–45 岁的年轻邻居，报名成为网络小伙伴，就能在这里接长辈们的求助。</Text>
          <ActionButton tone="plain" onClick={() => openPage(BUDDY_ROUTES.join)}>
            加入网络小伙伴
          </ActionButton>
        </View>
      ) : null}
      <View className="tab-body">
        {tab === 'hours' ? <Hours /> : <RequestList key={tab} tab={tab} buildingId={led[0]} />}
      </View>
    </View>
  )
}

const EMPTY: Record<Exclude<Tab, 'hours'>, { title: string; hint: string }> = {
  open: { title: '现在没有需要您的求助', hint: '同小区的邻居需要您会的本事时，会出现在这里，也会通知您。' },
  helping: { title: '您还没有接过求助', hint: '在“可以帮的”里点一个，就能帮上忙。' },
  mine: { title: '您还没有求助过', hint: '教用手机、代买药、陪同看病……点上面的按钮就能找小伙伴帮忙。' },
  building: { title: '本楼还没有求助', hint: '可以替不会用手机的邻居登记求助。' },
}

function RequestList({ tab, buildingId }: { tab: Exclude<Tab, 'hours'>; buildingId?: string }) {
  const remote = useHelpRequests(tab, buildingId)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const requests = remote.data?.requests ?? []
  if (!requests.length) return <EmptyState title={EMPTY[tab].title} hint={EMPTY[tab].hint} />
  return (
    <View className={`help-list help-list-${tab}`}>
      {requests.map((r) => (
        <HelpCard key={r.requestId} request={r} />
      ))}
    </View>
  )
}

function Hours() {
  const remote = useMyHours()
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const hours = remote.data
  return (
    <View>
      <View className="lz-card">
        <Text className="lz-subtitle">累计志愿时长</Text>
        <Text className="big-number hours-total">{minutesLabel(hours?.totalMinutes ?? 0)}</Text>
        <Text className="lz-muted lz-block">每次帮忙由求助的邻居或楼组长确认完成后记入。</Text>
      </View>
      {hours?.entries.length ? (
        <View className="lz-card hours-entries">
          {hours.entries.map((e) => (
            <View
              key={e.requestId}
              className="lz-row hours-entry"
              onClick={() => openPage(`${BUDDY_ROUTES.helpDetail}?id=${e.requestId}`)}
            >
              <Text className="lz-text">
                {e.skill} · {fullDate(e.confirmedAt)}
              </Text>
              <Text className="lz-text">{minutesLabel(e.minutes)}</Text>
            </View>
          ))}
        </View>
      ) : (
        <EmptyState title="还没有记录" hint="帮邻居一次，确认后就会记在这里。" />
      )}
    </View>
  )
}
