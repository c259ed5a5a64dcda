import { Picker, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { ErrorState, Loading } from '../../components/States'
import { useRemote } from '../../hooks/useRemote'
import { accountApi } from './api'

interface Option {
  buildingId: string
  label: string
}

/** For the committee, who look after every building: choose which one to manage. */
export function BuildingPicker({
  value,
  onChange,
  only,
}: {
  value: string | null
  onChange(buildingId: string): void
  only?: string[]
}) {
  const remote = useRemote(() => accountApi.listBuildings(), [])
  const options: Option[] = useMemo(
    () =>
      (remote.data?.estates ?? []).flatMap((e) =>
        e.buildings
          .filter((b) => !only || only.includes(b.buildingId))
          .map((b) => ({ buildingId: b.buildingId, label: `${e.name} ${b.name}` })),
      ),
    [remote.data, only],
  )
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const index = Math.max(
    0,
    options.findIndex((o) => o.buildingId === value),
  )
  return (
    <Picker
      mode="selector"
      range={options.map((o) => o.label)}
      value={index}
      onChange={(e) => {
        const picked = options[Number(e.detail.value)]
        if (picked) onChange(picked.buildingId)
      }}
    >
      <View className="lz-card lz-row building-picker">
        <Text className="lz-text">{options.find((o) => o.buildingId === value)?.label ?? '请选择楼组'}</Text>
        <Text className="lz-link">切换 ›</Text>
      </View>
    </Picker>
  )
}
