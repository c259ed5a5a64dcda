import { Text, View } from '@tarojs/components'
import { AGE_BAND_NAMES, AGE_BANDS, INTERESTS, SKILLS } from '../../../../contracts'
import { SingleChips } from '../../../components/Chips'
import { BuildingPicker } from '../../account/BuildingPicker'
import type { MemberFilters as Filters } from '../useBuddyCommittee'

/** 筛选名单: building, age band, interest, skill. */
export function MemberFilters({ filters, onChange }: { filters: Filters; onChange(patch: Partial<Filters>): void }) {
  const set = onChange
  return (
    <View className="lz-card filters">
      <Text className="lz-subtitle">筛选名单</Text>
      <BuildingPicker value={filters.buildingId ?? null} onChange={(buildingId) => set({ buildingId })} />
      {filters.buildingId ? (
        <Text className="lz-link lz-block" onClick={() => set({ buildingId: undefined })}>
          看全部楼组
        </Text>
      ) : null}
      <Text className="buddy-why">年龄段</Text>
      <SingleChips
        options={AGE_BANDS}
        labels={AGE_BAND_NAMES}
        value={filters.ageBand ?? null}
        onChange={(v) => set({ ageBand: v ?? undefined })}
        allowNone
      />
      <Text className="buddy-why">兴趣</Text>
      <SingleChips
        className="filter-interest"
        options={INTERESTS}
        value={filters.interest ?? null}
        onChange={(v) => set({ interest: v ?? undefined })}
        allowNone
      />
      <Text className="buddy-why">技能</Text>
      <SingleChips
        className="filter-skill"
        options={SKILLS}
        value={filters.skill ?? null}
        onChange={(v) => set({ skill: v ?? undefined })}
        allowNone
      />
    </View>
  )
}
