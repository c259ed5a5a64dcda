import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_NAMES, type Role } from '../../../../../contracts'
import { PageShell } from '../../../../features/layout/PageShell'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { AuditLog } from '../../../../features/account/AuditLog'
import { Gate } from '../../../../features/account/Gate'
import { SignInCodeMaker } from '../../../../features/account/SignInCodeMaker'
import { useChangeRole, useResidents, useStaff } from '../../../../features/account/useBuildingAdmin'
import { StorageUseCard } from '../../../../features/chat/StorageUseCard'
import './index.css'

export default function RolesPage() {
  return (
    <PageShell className="roles-page">
      <Gate>
        <Roles />
      </Gate>
    </PageShell>
  )
}

function Roles() {
  const staff = useStaff()
  const changing = useChangeRole()
  const [buildingId, setBuildingId] = useState<string | null>(null)
  // Each change is a new audit entry: the log below loads again.
  const [changes, setChanges] = useState(0)
  const residents = useResidents(buildingId)

  async function change(kind: 'assign' | 'revoke', userId: string, role: Role, label: string, forBuilding?: string) {
    const answer = await Taro.showModal({
      title: kind === 'assign' ? `设为${ROLE_NAMES[role]}？` : `撤销${ROLE_NAMES[role]}？`,
      content: label,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    const outcome = await changing.run(kind, userId, role, forBuilding)
    if (!outcome.ok) {
      void Taro.showToast({ title: outcome.failure.message, icon: 'none' })
      return
    }
    void staff.reload()
    void residents.reload()
    setChanges((n) => n + 1)
  }

  return (
    <View>
      <Text className="lz-subtitle">现有角色</Text>
      {staff.loading && !staff.data ? <Loading /> : null}
      {staff.error ? <ErrorState message={staff.error} onRetry={() => void staff.reload()} /> : null}
      {staff.data ? (
        <View className="lz-card">
          {staff.data.staff.map((s) => (
            <View key={`${s.userId}-${s.role}-${s.buildingId ?? ''}`} className="lz-row staff">
              <Text className="lz-text">
                {ROLE_NAMES[s.role]}
                {s.buildingName ? `（${s.buildingName}）` : ''}：{s.nickname}
              </Text>
              <Text
                className="lz-link"
                onClick={() =>
                  void change(
                    'revoke',
                    s.userId,
                    s.role,
                    `${s.nickname}${s.buildingName ? ` · ${s.buildingName}` : ''}`,
                    s.buildingId,
                  )
                }
              >
                撤销
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <Text className="lz-subtitle">从楼组居民中指定</Text>
      <BuildingPicker value={buildingId} onChange={setBuildingId} />
      {residents.loading && buildingId && !residents.data ? <Loading /> : null}
      {residents.data && !residents.data.residents.length ? <EmptyState title="这栋楼还没有认证居民" /> : null}
      {residents.data?.residents.map((r) => (
        <View key={r.membershipId} className="lz-card resident">
          <Text className="lz-text lz-block">
            {r.room}室 · {r.nickname}
            {r.isLeader ? '（楼组长）' : ''}
          </Text>
          <View className="role-actions">
            {!r.isLeader ? (
              <Text
                className="lz-link"
                onClick={() =>
                  void change('assign', r.userId, 'leader', `${r.room}室 ${r.nickname}`, buildingId ?? undefined)
                }
              >
                设为楼组长
              </Text>
            ) : null}
            <Text
              className="lz-link"
              onClick={() => void change('assign', r.userId, 'columnist', `${r.room}室 ${r.nickname}`)}
            >
              设为专栏作者
            </Text>
            <Text
              className="lz-link"
              onClick={() => void change('assign', r.userId, 'admin', `${r.room}室 ${r.nickname}`)}
            >
              设为居委会
            </Text>
          </View>
        </View>
      ))}

      <SignInCodeMaker onMade={() => setChanges((n) => n + 1)} />

      <AuditLog key={changes} />
      <StorageUseCard />
    </View>
  )
}
