import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EVENT_LIMITS, type EventDetail, type EventQuestion } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { seatsText, seriesText, whenText } from '../../../../features/events/format'
import { detailUrl, EVENT_ROUTES } from '../../../../features/events/routes'
import { askForEventMessages } from '../../../../features/events/subscribe'
import { PageShell } from '../../../../features/layout/PageShell'
import { useRemote } from '../../../../hooks/useRemote'
import { CAN_SCAN } from '../../../../platform/device'
import { dayAndTime } from '../../../../utils/time'
import { ApiError, messageOf, eventsApi } from '../../../../features/events/api'
import '../../../../features/events/choices.css'
import './index.css'

export default function EventDetailPage() {
  return (
    <PageShell className='event-detail-page'>
      <Gate>
        <Detail />
      </Gate>
    </PageShell>
  )
}

/** While waiting, look again now and then: a promotion shows up without pulling to refresh. */
const WAITING_REFRESH_MS = 30_000

function Detail() {
  const eventId = useRouter().params.id ?? ''
  const remote = useRemote(() => eventsApi.get({ eventId }), [eventId], { enabled: !!eventId })
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  const waiting = remote.data?.mine?.state === 'waitlisted'
  const reload = remote.reload
  useEffect(() => {
    if (!waiting || !visible) return
    const timer = setInterval(() => void reload(), WAITING_REFRESH_MS)
    return () => clearInterval(timer)
  }, [waiting, visible, reload])
  if (!eventId) return <EmptyState title='没有找到这个活动' />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const event = remote.data
  if (!event) return null
  return (
    <View>
      <Facts event={event} />
      <MyPlace event={event} onChange={remote.setData} onStale={() => void remote.reload()} />
      {event.sessionCount > 1 ? <Sessions event={event} /> : null}
      {event.canManage ? <OrganiserTools event={event} onChange={() => void remote.reload()} /> : null}
    </View>
  )
}

function Facts({ event }: { event: EventDetail }) {
  const series = seriesText(event)
  return (
    <View className='lz-card event-facts'>
      <Text className='lz-title event-detail-title'>{event.title}</Text>
      {event.status === 'cancelled' ? (
        <View className='cancelled-banner'>
          <Text className='lz-text lz-block'>活动已取消</Text>
          {event.cancelReason ? <Text className='lz-muted lz-block'>原因：{event.cancelReason}</Text> : null}
        </View>
      ) : null}
      <Fact label='时间' value={whenText(event.startAt, event.endAt)} />
      <Fact label='地点' value={event.place} />
      <Fact label='组织者' value={event.organiserName} />
      <Fact label='面向' value={event.audienceLabel} />
      <Fact label='名额' value={event.capacity === null ? '不限名额' : `共 ${event.capacity} 人，${seatsText(event)}`} className='seats-left' />
      {event.signupDeadline !== null ? <Fact label='报名截止' value={dayAndTime(event.signupDeadline)} /> : null}
      {series ? <Fact label='重复' value={series} /> : null}
      {event.description ? <Text className='lz-text lz-block event-description'>{event.description}</Text> : null}
    </View>
  )
}

function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`fact ${className ?? ''}`}>
      <Text className='fact-label'>{label}</Text>
      <Text className='fact-value'>{value}</Text>
    </View>
  )
}

/** Check-in is open from an hour before the start to an hour after the end. */
function checkInOpen(event: EventDetail, now: number): boolean {
  return now >= event.startAt - EVENT_LIMITS.checkInMarginMs && now <= event.endAt + EVENT_LIMITS.checkInMarginMs
}

function MyPlace({ event, onChange, onStale }: { event: EventDetail; onChange(event: EventDetail): void; onStale(): void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)
  const mine = event.mine

  async function cancel() {
    const waiting = mine?.state === 'waitlisted'
    const answer = await Taro.showModal({
      title: waiting ? '取消候补？' : '取消报名？',
      content: waiting ? '取消后您会离开候补名单，再报名要重新排队。' : '取消后名额会让给候补的邻居。',
      confirmText: '确定取消',
      cancelText: '不取消',
    })
    if (!answer.confirm) return
    setBusy(true)
    setError(null)
    try {
      onChange((await eventsApi.cancelRsvp({ eventId: event.eventId })).event)
      void Taro.showToast({ title: '已取消', icon: 'none' })
    } catch (e) {
      setError({ message: messageOf(e) })
      onStale()
    } finally {
      setBusy(false)
    }
  }

  if (mine && mine.state !== 'cancelled') {
    const confirmed = mine.state === 'confirmed'
    const now = Date.now()
    return (
      <View className={`lz-card my-place ${confirmed ? 'confirmed' : 'waiting'}`}>
        <Text className={`lz-tag ${confirmed ? 'ok' : 'warn'} my-state`}>{confirmed ? '已确认' : '候补中'}</Text>
        {confirmed ? (
          <Text className='lz-text lz-block my-summary'>
            您已报名{mine.partySize > 1 ? `（共 ${mine.partySize} 人）` : ''}，请按时参加。活动前一天和开始前 2 小时会提醒您。
          </Text>
        ) : (
          <View>
            <Text className='my-position lz-block'>候补第 {mine.position} 位</Text>
            <Text className='lz-muted lz-block'>有人取消时按报名先后递补，递补成功会马上通知您。</Text>
          </View>
        )}
        <Answers questions={event.questions} answers={mine.answers} />
        {confirmed && mine.attendedAt ? <Text className='lz-tag ok attended-tag'>已签到 ✓</Text> : null}
        {confirmed && !mine.attendedAt && event.status === 'scheduled' && checkInOpen(event, now) ? (
          <ActionButton className='open-scan' onClick={() => openPage(`${EVENT_ROUTES.scan}?e=${event.eventId}`)}>
            {CAN_SCAN ? '扫码签到' : '输入签到码签到'}
          </ActionButton>
        ) : null}
        {event.status === 'scheduled' && now < event.startAt ? (
          <ActionButton tone='plain' className='cancel-rsvp' loading={busy} onClick={() => void cancel()}>
            {confirmed ? '取消报名' : '取消候补'}
          </ActionButton>
        ) : null}
        {error ? <Text className='lz-error'>{error.message}</Text> : null}
      </View>
    )
  }

  if (event.closed) {
    return (
      <View className='lz-card my-place'>
        <Text className='lz-text'>{event.status === 'cancelled' ? '这场活动已取消。' : '报名已截止。'}</Text>
      </View>
    )
  }
  return <SignUp event={event} onChange={onChange} onStale={onStale} />
}

function Answers({ questions, answers }: { questions: EventQuestion[]; answers: Record<string, string> }) {
  const given = questions.filter((q) => answers[q.questionId])
  if (!given.length) return null
  return (
    <View className='my-answers'>
      {given.map((q) => (
        <Text key={q.questionId} className='lz-muted lz-block'>
          {q.text}：{answers[q.questionId]}
        </Text>
      ))}
    </View>
  )
}

function SignUp({ event, onChange, onStale }: { event: EventDetail; onChange(event: EventDetail): void; onStale(): void }) {
  const [partySize, setPartySize] = useState(1)
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)
  const maxParty = Math.min(EVENT_LIMITS.partySizeMax, event.capacity ?? EVENT_LIMITS.partySizeMax)
  const fits = event.seatsLeft === null || event.seatsLeft >= partySize

  async function signUp() {
    setBusy(true)
    setError(null)
    // WeChat shows its subscribe prompt only from a tap: ask first, then sign up whatever the answer.
    await askForEventMessages()
    try {
      const filled = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim()))
      const result = await eventsApi.rsvp({ eventId: event.eventId, partySize, ...(event.questions.length ? { answers: filled } : {}) })
      onChange(result.event)
      void Taro.showToast({ title: result.state === 'confirmed' ? '报名成功' : `已加入候补，第 ${result.position} 位`, icon: 'none' })
    } catch (e) {
      setError({ message: messageOf(e), field: e instanceof ApiError ? e.field : undefined })
      if (e instanceof ApiError && (e.code === 'EVENT.ALREADY_RSVPED' || e.code === 'EVENT.CLOSED' || e.code === 'EVENT.CANCELLED' || e.code === 'CONFLICT')) onStale()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lz-card sign-up'>
      <Text className='lz-subtitle'>报名</Text>
      {event.questions.map((q, i) => (
        <View key={q.questionId} className={`question ${error?.field === `answers.${q.questionId}` ? 'has-error' : ''}`}>
          <Text className='lz-text lz-block question-text'>
            {i + 1}. {q.text}
            {q.required ? '' : '（可不填）'}
          </Text>
          {q.kind === 'choice' ? (
            <View className='choices'>
              {(q.options ?? []).map((option) => (
                <View
                  key={option}
                  className={`choice ${answers[q.questionId] === option ? 'chosen' : ''}`}
                  onClick={() => setAnswers({ ...answers, [q.questionId]: option })}
                >
                  <Text>{option}</Text>
                </View>
              ))}
            </View>
          ) : (
            <Input
              className={`lz-input answer-input answer-${q.questionId}`}
              value={answers[q.questionId] ?? ''}
              maxlength={EVENT_LIMITS.answerMax}
              placeholder='请填写'
              onInput={(e) => setAnswers({ ...answers, [q.questionId]: e.detail.value })}
            />
          )}
        </View>
      ))}
      {maxParty > 1 ? (
        <View className='party'>
          <Text className='lz-text lz-block'>几个人参加？</Text>
          <View className='choices'>
            {Array.from({ length: maxParty }, (_, i) => i + 1).map((n) => (
              <View key={n} className={`choice party-${n} ${partySize === n ? 'chosen' : ''}`} onClick={() => setPartySize(n)}>
                <Text>{n === 1 ? '就我一个' : `${n} 人`}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {!fits ? (
        <Text className='lz-muted lz-block full-hint'>
          名额已满{event.waitingParties > 0 ? `，前面有 ${event.waitingParties} 位在候补` : ''}。加入候补后，有人取消会按先后递补。
        </Text>
      ) : null}
      {error ? <Text className='lz-error'>{error.message}</Text> : null}
      <ActionButton className='rsvp-button' loading={busy} onClick={() => void signUp()}>
        {fits ? '报名参加' : '已满，加入候补'}
      </ActionButton>
    </View>
  )
}

function Sessions({ event }: { event: EventDetail }) {
  return (
    <View className='lz-card sessions'>
      <Text className='lz-subtitle'>每一次活动</Text>
      <Text className='lz-muted lz-block'>每次单独报名。</Text>
      {event.sessions.map((s) => (
        <View
          key={s.eventId}
          className={`lz-row session ${s.eventId === event.eventId ? 'current' : ''}`}
          onClick={() => (s.eventId === event.eventId ? undefined : void Taro.redirectTo({ url: detailUrl(s.eventId) }))}
        >
          <Text className='lz-text'>
            第 {s.sessionIndex} 次 · {dayAndTime(s.startAt)}
          </Text>
          <Text className='lz-muted'>{s.status === 'cancelled' ? '已取消' : s.eventId === event.eventId ? '当前' : '›'}</Text>
        </View>
      ))}
    </View>
  )
}

function OrganiserTools({ event, onChange }: { event: EventDetail; onChange(): void }) {
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [wholeSeries, setWholeSeries] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const now = Date.now()
  const live = event.status === 'scheduled' && now < event.endAt

  async function cancelEvent() {
    setBusy(true)
    setError(null)
    try {
      const { cancelled } = await eventsApi.cancelEvent({ eventId: event.eventId, reason, ...(wholeSeries ? { wholeSeries: true } : {}) })
      void Taro.showToast({ title: cancelled.length > 1 ? `已取消 ${cancelled.length} 次活动` : '活动已取消', icon: 'none' })
      setCancelling(false)
      onChange()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lz-card organiser-tools'>
      <Text className='lz-subtitle'>组织者</Text>
      <View className='lz-row open-roster' onClick={() => openPage(`${EVENT_ROUTES.roster}?id=${event.eventId}`)}>
        <Text className='lz-text'>报名名单与签到（{event.confirmedPeople} 人确认）</Text>
        <Text className='lz-muted'>›</Text>
      </View>
      {event.status === 'scheduled' ? (
        <View className='lz-row open-checkin' onClick={() => openPage(`${EVENT_ROUTES.checkInCode}?id=${event.eventId}`)}>
          <Text className='lz-text'>签到二维码</Text>
          <Text className='lz-muted'>›</Text>
        </View>
      ) : null}
      {live ? (
        <View className='lz-row open-edit' onClick={() => openPage(`${EVENT_ROUTES.edit}?id=${event.eventId}`)}>
          <Text className='lz-text'>修改活动</Text>
          <Text className='lz-muted'>›</Text>
        </View>
      ) : null}
      {live && !cancelling ? (
        <ActionButton tone='danger' className='cancel-event' onClick={() => setCancelling(true)}>
          取消这次活动
        </ActionButton>
      ) : null}
      {cancelling ? (
        <View className='cancel-form'>
          <Text className='lz-text lz-block'>取消原因（会通知所有已报名和候补的邻居）：</Text>
          <Input className='lz-input cancel-reason' value={reason} maxlength={EVENT_LIMITS.reasonMax} placeholder='例如：天气原因，改期另行通知' onInput={(e) => setReason(e.detail.value)} />
          {event.sessionCount > 1 ? (
            <View className={`choice whole-series ${wholeSeries ? 'chosen' : ''}`} onClick={() => setWholeSeries(!wholeSeries)}>
              <Text>{wholeSeries ? '✓ ' : ''}以后的每一次都取消</Text>
            </View>
          ) : null}
          <ActionButton tone='danger' className='confirm-cancel-event' loading={busy} disabled={!reason.trim()} onClick={() => void cancelEvent()}>
            确认取消活动
          </ActionButton>
          <ActionButton tone='plain' onClick={() => setCancelling(false)}>
            不取消
          </ActionButton>
        </View>
      ) : null}
      {error ? <Text className='lz-error'>{error}</Text> : null}
    </View>
  )
}
