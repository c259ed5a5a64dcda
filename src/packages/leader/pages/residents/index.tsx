import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '../../../../features/layout/PageShell'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { useManagedBuilding } from '../../../../features/account/useManagedBuilding'
import { useRemoveResident, useResidents } from '../../../../features/account/useBuildingAdmin'

export default function ResidentsPage() {
  return (
    <PageShell className="residents-page">
      <Gate>
        <Residents />
      </Gate>
    </PageShell>
  )
}

function Residents() {
  const { buildingId, setBuildingId, choices } = useManagedBuilding()
  const residents = useResidents(buildingId)
  const removing = useRemoveResident()

  /** The leader records that a household member moved away: it ends their membership, so say exactly that first. */
  async function recordMovedAway(membershipId: string, label: string) {
    const answer = await Taro.showModal({
      title: '登记搬离',
      content: `确认 ${label} 已经搬走了吗？登记后，他将退出本楼组，看不到本楼的群聊和公告。以后搬回来需要重新申请入楼。`,
      confirmText: '确认搬离',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    const outcome = await removing.run(membershipId)
    if (outcome.ok) void residents.reload()
    else void Taro.showToast({ title: outcome.failure.message, icon: 'none' })
  }

  return (
    <View>
      <BuildingPicker value={buildingId} onChange={setBuildingId} only={choices} />
      {residents.loading && !residents.data ? <Loading /> : null}
      {residents.error ? <ErrorState message={residents.error} onRetry={() => void residents.reload()} /> : null}
      {residents.data && !residents.data.residents.length ? <EmptyState title="还没有认证居民" /> : null}
      {residents.data?.residents.length ? (
        <View className="lz-card">
          <Text className="lz-muted lz-block">
            共 {residents.data.residents.length} 位认证居民。房号只有您和居委会能看到。
          </Text>
          {residents.data.residents.map((r) => (
            <View key={r.membershipId} className="lz-row resident">
              <Text className="lz-text">
                {r.room}室 · {r.nickname}
                {r.isLeader ? '（楼组长）' : ''}
              </Text>
              {!r.isLeader ? (
                <Text
                  className="lz-link record-moved-away"
                  onClick={() => void recordMovedAway(r.membershipId, `${r.room}室 ${r.nickname}`)}
                >
                  登记搬离
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
