import { Text, View } from '@tarojs/components'
import { AGE_BAND_NAMES, AVAILABILITY_NAMES } from '../../../../contracts'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { fullDate } from '../../../utils/time'
import { minutesLabel } from '../format'
import { useBuddyMembers, type MemberFilters } from '../useBuddyCommittee'

/** The buddies who match the filters, one card each. */
export function MemberList({ filters }: { filters: MemberFilters }) {
  const members = useBuddyMembers(filters)
  return (
    <>
      {members.loading && !members.data ? <Loading /> : null}
      {members.error ? <ErrorState message={members.error} onRetry={() => void members.reload()} /> : null}
      {members.data ? (
        <View className="member-list">
          <Text className="lz-subtitle member-total">共 {members.data.total} 人</Text>
          {!members.data.members.length ? <EmptyState title="没有符合条件的小伙伴" /> : null}
          {members.data.members.map((m) => (
            <View key={m.userId} className="lz-card member-card">
              <View className="lz-row">
                <Text className="lz-text">
                  {m.nickname} · {AGE_BAND_NAMES[m.ageBand]}
                </Text>
                <Text className="lz-muted">{m.buildingLabel}</Text>
              </View>
              <Text className="lz-muted lz-block">兴趣：{[...m.interests, ...m.tags].join('、')}</Text>
              {m.skills.length ? <Text className="lz-muted lz-block">能帮：{m.skills.join('、')}</Text> : null}
              {m.workplace ? <Text className="lz-muted lz-block">工作单位：{m.workplace}</Text> : null}
              <Text className="lz-muted lz-block">
                空闲：{m.availability.map((a) => AVAILABILITY_NAMES[a]).join('、')} · {m.groupCount} 个小组 · 志愿{' '}
                {minutesLabel(m.totalMinutes)} · {fullDate(m.signedUpAt)}报名
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  )
}
