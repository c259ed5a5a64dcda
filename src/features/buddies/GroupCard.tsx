import { Text, View } from '@tarojs/components'
import type { InterestGroupSummary } from '../../../contracts'
import { openPage } from '../account/navigation'
import { dayAndTime } from '../../utils/time'
import { BUDDY_ROUTES } from './routes'

export function GroupCard({ group }: { group: InterestGroupSummary }) {
  return (
    <View
      className={`lz-card group-card section-${group.section}`}
      data-group={group.groupId}
      onClick={() => openPage(`${BUDDY_ROUTES.group}?id=${group.groupId}`)}
    >
      <View className="lz-row">
        <Text className="lz-subtitle group-name">{group.name}</Text>
        <Text className="lz-muted group-count">{group.memberCount} 人</Text>
      </View>
      <Text className="lz-text lz-block group-description">{group.description}</Text>
      <View className="group-tags">
        {group.interests.map((interest) => (
          <Text key={interest} className={`lz-tag ${group.matched.includes(interest) ? 'ok' : ''}`}>
            {interest}
          </Text>
        ))}
        {group.myRole ? (
          <Text className="lz-tag warn">{group.myRole === 'organiser' ? '我是组织者' : '已加入'}</Text>
        ) : null}
      </View>
      {group.matched.length && group.section === 'recommended' ? (
        <Text className="lz-muted lz-block">推荐理由：您也喜欢{group.matched.join('、')}</Text>
      ) : null}
      {group.nextEvent ? (
        <Text className="lz-muted lz-block">
          下次活动：{group.nextEvent.title} · {dayAndTime(group.nextEvent.startAt)}
        </Text>
      ) : null}
    </View>
  )
}
