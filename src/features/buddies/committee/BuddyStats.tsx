import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BarChart } from '../../../components/BarChart'
import { ErrorState, Loading } from '../../../components/States'
import { openPage } from '../../account/navigation'
import { minutesLabel } from '../format'
import { BUDDY_ROUTES } from '../routes'
import { useBuddyStats } from '../useBuddyCommittee'

/** The building chart starts with the ten with most sign-ups; the rest are one tap away. */
const BUILDINGS_SHOWN = 10

/** 报名人数, volunteer time, and the charts by building, interest and age band. */
export function BuddyStats() {
  const stats = useBuddyStats()
  const [allBuildings, setAllBuildings] = useState(false)
  return (
    <>
      {stats.loading && !stats.data ? <Loading /> : null}
      {stats.error ? <ErrorState message={stats.error} onRetry={() => void stats.reload()} /> : null}
      {stats.data ? (
        <View>
          <View className="lz-card">
            <View className="lz-row">
              <Text className="lz-text">报名人数</Text>
              <Text className="big-number buddy-total">{stats.data.total}</Text>
            </View>
            <View className="lz-row">
              <Text className="lz-text">累计志愿时长</Text>
              <Text className="lz-text">{minutesLabel(stats.data.totalMinutes)}</Text>
            </View>
            <Text className="lz-link lz-block" onClick={() => openPage(BUDDY_ROUTES.proposals)}>
              兴趣小组申请 ›
            </Text>
          </View>
          <View className="lz-card chart-buildings">
            <Text className="lz-subtitle">各楼报名人数</Text>
            <BarChart
              rows={stats.data.byBuilding
                .slice(0, allBuildings ? undefined : BUILDINGS_SHOWN)
                .map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
            {stats.data.byBuilding.length > BUILDINGS_SHOWN ? (
              <Text className="lz-link lz-block show-all-buildings" onClick={() => setAllBuildings(!allBuildings)}>
                {allBuildings ? '只看前 10 栋' : `显示全部 ${stats.data.byBuilding.length} 栋 ›`}
              </Text>
            ) : null}
          </View>
          <View className="lz-card chart-interests">
            <Text className="lz-subtitle">兴趣分布</Text>
            <BarChart
              rows={stats.data.byInterest
                .filter((r) => r.count > 0)
                .map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
          </View>
          <View className="lz-card chart-ages">
            <Text className="lz-subtitle">年龄段</Text>
            <BarChart
              rows={stats.data.byAgeBand.map((r) => ({ key: r.key, label: r.label, value: r.count }))}
              unit=" 人"
            />
          </View>
        </View>
      ) : null}
    </>
  )
}
