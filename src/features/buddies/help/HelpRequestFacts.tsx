import { Text, View } from '@tarojs/components'
import { HELP_STATUS_NAMES, type HelpRequestView } from '../../../../contracts'
import { dayAndTime } from '../../../utils/time'
import { helpTone, minutesLabel } from '../format'

/** What is asked, by whom, when; and the room number once the neighbour has accepted this buddy. */
export function HelpRequestFacts({ request: r }: { request: HelpRequestView }) {
  return (
    <>
      <View className="lz-card help-detail">
        <View className="lz-row help-card-head">
          <Text className="lz-title help-skill">{r.skill}</Text>
          <Text className={`lz-tag ${helpTone(r.status)} help-status`}>{HELP_STATUS_NAMES[r.status]}</Text>
        </View>
        <Text className="lz-text lz-block">时间：{r.when}</Text>
        {r.note ? <Text className="lz-text lz-block help-note">{r.note}</Text> : null}
        <Text className="lz-muted lz-block">
          {r.onBehalf ? `楼组长${r.requesterName}代邻居登记` : `求助人：${r.requesterName}`} · {r.buildingLabel}
        </Text>
        <Text className="lz-muted lz-block">发出于 {dayAndTime(r.createdAt)}</Text>
        {r.helperName ? <Text className="lz-text lz-block helper-name">帮忙的小伙伴：{r.helperName}</Text> : null}
        {r.minutes !== undefined ? <Text className="lz-text lz-block">志愿时长：{minutesLabel(r.minutes)}</Text> : null}
      </View>

      {r.room && r.mine.isHelper ? (
        <View className="lz-card room-reveal">
          <Text className="lz-subtitle">对方已确认，请按约定时间上门</Text>
          <Text className="lz-title revealed-room">
            {r.buildingLabel} {r.room}室
          </Text>
        </View>
      ) : null}
      {r.mine.isHelper && r.status === 'offered' ? (
        <Text className="lz-muted lz-block waiting-note">等对方确认后，这里会显示门牌号。</Text>
      ) : null}
      {r.room && !r.mine.isHelper ? (
        <Text className="lz-muted lz-block">门牌：{r.room}室（对方接受帮忙后才会显示给小伙伴）</Text>
      ) : null}
    </>
  )
}
