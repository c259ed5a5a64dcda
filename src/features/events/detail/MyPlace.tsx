import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EVENT_LIMITS, type EventDetail, type EventQuestion } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { CAN_SCAN } from '../../../platform/device'
import { openPage } from '../../account/navigation'
import { EVENT_ROUTES } from '../routes'
import { useRsvp } from '../useRsvp'
import { ReminderOffer } from '../../notifications/reminders'
import { SignUpForm } from './SignUpForm'

/** Check-in is open from an hour before the start to an hour after the end. */
function checkInOpen(event: EventDetail, now: number): boolean {
  return now >= event.startAt - EVENT_LIMITS.checkInMarginMs && now <= event.endAt + EVENT_LIMITS.checkInMarginMs
}

export function MyPlace({
  event,
  onChange,
  onStale,
}: {
  event: EventDetail
  onChange(event: EventDetail): void
  onStale(): void
}) {
  const { cancel } = useRsvp(event, onChange, onStale)
  const error = cancel.error
  const mine = event.mine

  async function confirmCancel() {
    const waiting = mine?.state === 'waitlisted'
    const answer = await Taro.showModal({
      title: waiting ? '取消候补？' : '取消报名？',
      content: waiting ? '取消后您会离开候补名单，再报名要重新排队。' : '取消后名额会让给候补的邻居。',
      confirmText: '确定取消',
      cancelText: '不取消',
    })
    if (!answer.confirm) return
    if (await cancel.run()) void Taro.showToast({ title: '已取消', icon: 'none' })
  }

  if (mine && mine.state !== 'cancelled') {
    const confirmed = mine.state === 'confirmed'
    const now = Date.now()
    return (
      <>
        <View className={`lz-card my-place ${confirmed ? 'confirmed' : 'waiting'}`}>
          <Text className={`lz-tag ${confirmed ? 'ok' : 'warn'} my-state`}>{confirmed ? '已确认' : '候补中'}</Text>
          {confirmed ? (
            <Text className="lz-text lz-block my-summary">
              您已报名{mine.partySize > 1 ? `（共 ${mine.partySize} 人）` : ''}，请按时参加。活动前一天和开始前 2
              小时会提醒您。
            </Text>
          ) : (
            <View>
              <Text className="my-position lz-block">候补第 {mine.position} 位</Text>
              <Text className="lz-muted lz-block">有人取消时按报名先后递补，递补成功会马上通知您。</Text>
            </View>
          )}
          <Answers questions={event.questions} answers={mine.answers} />
          {confirmed && mine.attendedAt ? <Text className="lz-tag ok attended-tag">已签到 ✓</Text> : null}
          {confirmed && !mine.attendedAt && event.status === 'scheduled' && checkInOpen(event, now) ? (
            <ActionButton className="open-scan" onClick={() => openPage(`${EVENT_ROUTES.scan}?e=${event.eventId}`)}>
              {CAN_SCAN ? '扫码签到' : '输入签到码签到'}
            </ActionButton>
          ) : null}
          {event.status === 'scheduled' && now < event.startAt ? (
            <ActionButton
              tone="plain"
              className="cancel-rsvp"
              loading={cancel.busy}
              onClick={() => void confirmCancel()}
            >
              {confirmed ? '取消报名' : '取消候补'}
            </ActionButton>
          ) : null}
          {error ? <Text className="lz-error">{error.message}</Text> : null}
        </View>
        {/* A place just taken: the natural moment to ask about a WeChat reminder before it starts. */}
        {event.status === 'scheduled' && now < event.startAt ? (
          <ReminderOffer templateKey="eventReminder" question="活动开始前，要在微信里提醒您吗？" />
        ) : null}
      </>
    )
  }

  if (event.closed) {
    return (
      <View className="lz-card my-place">
        <Text className="lz-text">{event.status === 'cancelled' ? '这场活动已取消。' : '报名已截止。'}</Text>
      </View>
    )
  }
  return <SignUpForm event={event} onChange={onChange} onStale={onStale} />
}

function Answers({ questions, answers }: { questions: EventQuestion[]; answers: Record<string, string> }) {
  const given = questions.filter((q) => answers[q.questionId])
  if (!given.length) return null
  return (
    <View className="my-answers">
      {given.map((q) => (
        <Text key={q.questionId} className="lz-muted lz-block">
          {q.text}：{answers[q.questionId]}
        </Text>
      ))}
    </View>
  )
}
