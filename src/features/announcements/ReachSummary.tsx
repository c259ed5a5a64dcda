import { Text, View } from '@tarojs/components'
import type { ReachView } from '../../../contracts'
import { ProgressBar } from '../../components/ProgressBar'
import './announcements.css'

/** 已读 12 / 36 户 with a bar: the number a leader cares about first. */
export function ReachSummary({ reach }: { reach: Pick<ReachView, 'households' | 'householdsRead'> }) {
  const share = reach.households ? reach.householdsRead / reach.households : 0
  return (
    <View className="reach-summary-block">
      <View className="reach-summary">
        <Text className="lz-text">
          已读 <Text className="reach-number reach-read">{reach.householdsRead}</Text> /{' '}
          <Text className="reach-total">{reach.households}</Text> 户
        </Text>
        <Text className="lz-muted">{Math.round(share * 100)}%</Text>
      </View>
      <ProgressBar value={share} className="reach-bar" />
    </View>
  )
}
