import { Text, View } from '@tarojs/components'
import { HELP_STATUS_NAMES, type HelpRequestView } from '../../../contracts'
import { openPage } from '../account/navigation'
import { fromNow } from '../../utils/time'
import { helpTone, minutesLabel } from './format'
import { BUDDY_ROUTES } from './routes'

/** One help request in a list; tap for the details and what can be done. */
export function HelpCard({ request }: { request: HelpRequestView }) {
  return (
    <View
      className="lz-card help-card"
      data-request={request.requestId}
      onClick={() => openPage(`${BUDDY_ROUTES.helpDetail}?id=${request.requestId}`)}
    >
      <View className="lz-row help-card-head">
        <Text className="lz-subtitle help-skill">{request.skill}</Text>
        <Text className={`lz-tag ${helpTone(request.status)} help-status`}>{HELP_STATUS_NAMES[request.status]}</Text>
      </View>
      <Text className="lz-text lz-block">时间：{request.when}</Text>
      {request.note ? <Text className="lz-text lz-block help-note">{request.note}</Text> : null}
      <Text className="lz-muted lz-block">
        {request.buildingLabel}
        {request.room ? ` ${request.room}室` : ''} ·{' '}
        {request.onBehalf ? `楼组长${request.requesterName}代邻居登记` : request.requesterName} ·{' '}
        {fromNow(request.createdAt)}
      </Text>
      {request.helperName ? <Text className="lz-muted lz-block">帮忙的小伙伴：{request.helperName}</Text> : null}
      {request.minutes !== undefined ? (
        <Text className="lz-muted lz-block">志愿时长：{minutesLabel(request.minutes)}</Text>
      ) : null}
      <Text className="lz-link lz-block">查看详情 ›</Text>
    </View>
  )
}
