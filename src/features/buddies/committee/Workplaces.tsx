import { Text, View } from '@tarojs/components'
import { ErrorState, Loading } from '../../../components/States'
import { useWorkplacePairs } from '../useBuddyCommittee'

/** 双楼共建: for each workplace, how many buddies work there and which buildings they live in. */
export function Workplaces() {
  const workplaces = useWorkplacePairs()
  return (
    <View className="lz-card workplaces">
      <Text className="lz-subtitle">双楼共建：工作单位</Text>
      <Text className="buddy-why">同一单位的小伙伴住在哪些楼，方便单位和楼组结对。</Text>
      {workplaces.loading && !workplaces.data ? <Loading /> : null}
      {workplaces.error ? <ErrorState message={workplaces.error} onRetry={() => void workplaces.reload()} /> : null}
      {workplaces.data?.workplaces.map((w) => (
        <View key={w.workplace} className="workplace">
          <View className="lz-row">
            <Text className="lz-text">{w.workplace}</Text>
            <Text className="lz-text">{w.count} 人</Text>
          </View>
          <Text className="lz-muted lz-block">{w.buildings.map((b) => `${b.label} ${b.count} 人`).join('；')}</Text>
        </View>
      ))}
      {workplaces.data ? (
        <Text className="lz-muted lz-block">未填写工作单位：{workplaces.data.withoutWorkplace} 人</Text>
      ) : null}
    </View>
  )
}
