import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { BuildingReach, ReachView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { ProgressBar } from '../../../../components/ProgressBar'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { ReachSummary } from '../../../../features/announcements/ReachSummary'
import { WechatSendSummary } from '../../../../features/announcements/WechatSendSummary'
import { PageShell } from '../../../../features/layout/PageShell'
import { useReach } from '../../../../features/announcements/useAnnouncements'
import './index.css'

export default function ReachPage() {
  return (
    <PageShell className="reach-page">
      <Gate>
        <Reach />
      </Gate>
    </PageShell>
  )
}

function Reach() {
  const id = useRouter().params.id ?? ''
  const reach = useReach(id)
  if (reach.loading && !reach.data) return <Loading />
  if (reach.error || !reach.data)
    return <ErrorState message={reach.error ?? '加载失败'} onRetry={() => void reach.reload()} />
  const data = reach.data
  const unread = data.households - data.householdsRead
  return (
    <View>
      <View className="lz-card">
        <Text className="lz-subtitle">{data.title}</Text>
        <Text className="lz-muted lz-block">
          {data.audienceName}
          {data.scope === 'part' ? '（这里只显示您负责的楼）' : ''}
        </Text>
        <ReachSummary reach={data} />
        <Text className="lz-text lz-block reach-remaining">
          {unread > 0 ? `还有 ${unread} 户没有人看过。` : '每一户都有人看过了。'}
        </Text>
        <Text className="lz-muted lz-block">同一户只要有一位认证居民打开过，就算这户已读。</Text>
        <ActionButton
          tone="plain"
          className="refresh-reach"
          loading={reach.loading}
          onClick={() => void reach.reload()}
        >
          刷新
        </ActionButton>
      </View>
      {data.wechat ? <WechatSendSummary counts={data.wechat} /> : null}
      {data.buildings.length === 1 && data.buildings[0] ? (
        <KnockList building={data.buildings[0]} />
      ) : (
        <BuildingList reach={data} />
      )}
    </View>
  )
}

/** Rooms grouped by floor, as a leader walks the stairs: 1楼 101 103 …, 2楼 … */
function byFloor(rooms: readonly string[]): Array<[floor: string, rooms: string[]]> {
  const floors = new Map<string, string[]>()
  for (const room of rooms) {
    const floor = /^\d{3,}$/.test(room) ? `${room.slice(0, -2)}楼` : '其他'
    const list = floors.get(floor) ?? []
    list.push(room)
    floors.set(floor, list)
  }
  return [...floors.entries()]
}

function KnockList({ building }: { building: BuildingReach }) {
  if (!building.unreadRooms.length) return <EmptyState title="敲门名单是空的" hint="每一户都有人看过这条公告了。" />
  const unregistered = new Set(building.unregisteredRooms)
  const notRead = building.unreadRooms.filter((room) => !unregistered.has(room))
  return (
    <View className="lz-card knock-list" data-building={building.buildingId}>
      <Text className="lz-subtitle">敲门名单：还没人看过的 {building.unreadRooms.length} 户</Text>
      <Text className="lz-muted lz-block">可以上门或打电话告诉他们。</Text>
      {notRead.length ? (
        <KnockSection
          kind="registered"
          title={`已登记、还没看：${notRead.length} 户`}
          hint="这些户有居民在本楼组，只是还没打开这条公告。"
          rooms={notRead}
        />
      ) : null}
      {building.unregisteredRooms.length ? (
        <KnockSection
          kind="unregistered"
          title={`还没人登记：${building.unregisteredRooms.length} 户`}
          hint="这些户还没有人加入楼组，收不到公告，需要上门告诉他们。"
          rooms={building.unregisteredRooms}
        />
      ) : null}
    </View>
  )
}

function KnockSection(props: { kind: 'registered' | 'unregistered'; title: string; hint: string; rooms: string[] }) {
  return (
    <View className={`knock-section knock-section-${props.kind}`}>
      <Text className="lz-text lz-block knock-section-title">{props.title}</Text>
      <Text className="lz-muted lz-block">{props.hint}</Text>
      {byFloor(props.rooms).map(([floor, rooms]) => (
        <View key={floor} className="knock-floor">
          <Text className="knock-floor-label">{floor}</Text>
          <View className="knock-rooms">
            {rooms.map((room) => (
              <Text key={room} className={`knock-room knock-room-${props.kind}`}>
                {room}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}

/** A neighbourhood-wide notice: one row per building; tap a building for its door-knock list. */
function BuildingList({ reach }: { reach: ReachView }) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <View className="lz-card reach-buildings">
      <Text className="lz-subtitle">各楼情况</Text>
      {reach.buildings.map((b) => (
        <View key={b.buildingId} className="reach-building" data-building={b.buildingId}>
          <View className="reach-building-head" onClick={() => setOpen(open === b.buildingId ? null : b.buildingId)}>
            <Text className="lz-text">{b.buildingName}</Text>
            <Text className="lz-muted">
              {b.householdsRead}/{b.households} 户 {open === b.buildingId ? '▲' : '▼'}
            </Text>
          </View>
          <ProgressBar value={b.households ? b.householdsRead / b.households : 0} />
          {open === b.buildingId ? <KnockList building={b} /> : null}
        </View>
      ))}
    </View>
  )
}
