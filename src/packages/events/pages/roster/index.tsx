import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { EventQuestion, RosterEntry } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { EVENT_ROUTES } from '../../../../features/events/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { FILES_DOWNLOAD } from '../../../../platform/files'
import { dayAndTime } from '../../../../utils/time'
import { useRoster } from '../../../../features/events/useRoster'
import './index.css'

/** The organiser's roster: who is confirmed (tick them off as they arrive), who waits, their answers; CSV export. */
export default function RosterPage() {
  return (
    <PageShell className="roster-page">
      <Gate>
        <Roster />
      </Gate>
    </PageShell>
  )
}

function Roster() {
  const eventId = useRouter().params.id ?? ''
  const { remote, busy, error, exported, toggle, exportCsv } = useRoster(eventId)

  if (!eventId) return <EmptyState title="没有找到这个活动" />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const roster = remote.data
  if (!roster) return null

  return (
    <View>
      <View className="lz-card roster-summary">
        <Text className="lz-subtitle roster-title">{roster.title}</Text>
        <Text className="lz-muted lz-block">{dayAndTime(roster.startAt)} 开始</Text>
        <View className="roster-counts">
          <Count
            label="确认"
            value={`${roster.confirmedPeople}${roster.capacity !== null ? ` / ${roster.capacity}` : ''} 人`}
          />
          <Count label="已签到" value={`${roster.attendedPeople} 人`} className="attended-count" />
          <Count label="候补" value={`${roster.waitlist.reduce((n, e) => n + e.partySize, 0)} 人`} />
        </View>
        <ActionButton
          tone="plain"
          className="open-checkin-code"
          onClick={() => openPage(`${EVENT_ROUTES.checkInCode}?id=${eventId}`)}
        >
          显示签到二维码
        </ActionButton>
        <ActionButton tone="plain" className="export-csv" loading={busy === 'export'} onClick={() => void exportCsv()}>
          {FILES_DOWNLOAD ? '下载名单（CSV 表格）' : '复制名单（CSV，可粘贴到表格）'}
        </ActionButton>
        {exported ? (
          <Text className="lz-muted lz-block">
            名单已复制。粘贴到电脑上的文本文件，保存为 {exported} 即可用表格打开。
          </Text>
        ) : null}
        {error ? <Text className="lz-error">{error}</Text> : null}
      </View>

      <Text className="lz-title">已确认</Text>
      {!roster.confirmed.length ? <EmptyState title="还没有人报名" /> : null}
      {roster.confirmed.map((entry) => (
        <View key={entry.userId} className={`lz-card roster-entry ${entry.attendedAt !== undefined ? 'attended' : ''}`}>
          <View className="roster-entry-head">
            <View className="roster-who">
              <Text className="lz-text lz-block roster-name">
                {entry.nickname}
                {entry.partySize > 1 ? `（共 ${entry.partySize} 人）` : ''}
              </Text>
              {entry.building ? <Text className="lz-muted lz-block">{entry.building}</Text> : null}
            </View>
            <View
              className={`attend-toggle ${entry.attendedAt !== undefined ? 'on' : ''} ${busy === entry.userId ? 'busy' : ''}`}
              onClick={() => busy === null && void toggle(entry)}
            >
              <Text>{entry.attendedAt !== undefined ? '✓ 已到' : '签到'}</Text>
            </View>
          </View>
          <EntryAnswers questions={roster.questions} entry={entry} />
          {entry.attendedVia === 'code' ? <Text className="lz-muted lz-block">扫码签到</Text> : null}
        </View>
      ))}

      {roster.waitlist.length ? (
        <View>
          <Text className="lz-title">候补</Text>
          {roster.waitlist.map((entry) => (
            <View key={entry.userId} className="lz-card roster-entry waiting">
              <Text className="lz-text lz-block">
                第 {entry.position} 位：{entry.nickname}
                {entry.partySize > 1 ? `（共 ${entry.partySize} 人）` : ''}
              </Text>
              {entry.building ? <Text className="lz-muted lz-block">{entry.building}</Text> : null}
              <EntryAnswers questions={roster.questions} entry={entry} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Count({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`roster-count ${className ?? ''}`}>
      <Text className="roster-count-value lz-block">{value}</Text>
      <Text className="lz-muted lz-block">{label}</Text>
    </View>
  )
}

function EntryAnswers({ questions, entry }: { questions: EventQuestion[]; entry: RosterEntry }) {
  const given = questions.filter((q) => entry.answers[q.questionId])
  if (!given.length) return null
  return (
    <View className="roster-answers">
      {given.map((q) => (
        <Text key={q.questionId} className="lz-muted lz-block">
          {q.text}：{entry.answers[q.questionId]}
        </Text>
      ))}
    </View>
  )
}
