import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { EVENT_LIMITS, type AudienceOption, type EventDetail, type QuestionKind } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { useDraft } from '../account/useDraft'
import { ApiError, eventsApi, messageOf } from './api'
import { detailUrl } from './routes'

/** The form that creates an event (for one of my audiences) or edits one I organise. */

interface QuestionDraft {
  kind: QuestionKind
  text: string
  options: string[]
  required: boolean
}

interface Draft {
  title: string
  description: string
  place: string
  date: string
  startTime: string
  endTime: string
  unlimited: boolean
  capacity: string
  deadlineOn: boolean
  deadlineDate: string
  deadlineTime: string
  repeat: 'none' | 'week' | 'month'
  count: number
  questions: QuestionDraft[]
}

function blankDraft(): Draft {
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD')
  return {
    title: '',
    description: '',
    place: '',
    date: tomorrow,
    startTime: '09:00',
    endTime: '10:30',
    unlimited: false,
    capacity: '20',
    deadlineOn: false,
    deadlineDate: tomorrow,
    deadlineTime: '08:00',
    repeat: 'none',
    count: 4,
    questions: [],
  }
}

function draftOf(event: EventDetail): Draft {
  const deadline =
    event.signupDeadline !== null ? dayjs(event.signupDeadline) : dayjs(event.startAt).subtract(1, 'hour')
  return {
    title: event.title,
    description: event.description,
    place: event.place,
    date: dayjs(event.startAt).format('YYYY-MM-DD'),
    startTime: dayjs(event.startAt).format('HH:mm'),
    endTime: dayjs(event.endAt).format('HH:mm'),
    unlimited: event.capacity === null,
    capacity: String(event.capacity ?? 20),
    deadlineOn: event.signupDeadline !== null,
    deadlineDate: deadline.format('YYYY-MM-DD'),
    deadlineTime: deadline.format('HH:mm'),
    repeat: 'none',
    count: 4,
    questions: event.questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      options: q.options ?? [],
      required: q.required,
    })),
  }
}

const at = (date: string, time: string) => dayjs(`${date} ${time}`).valueOf()

/** The fields both create and update send. An end before the start means the next day (an evening that runs late). */
function editableInput(d: Draft) {
  const startAt = at(d.date, d.startTime)
  let endAt = at(d.date, d.endTime)
  if (endAt <= startAt && d.endTime < d.startTime) endAt = dayjs(endAt).add(1, 'day').valueOf()
  return {
    title: d.title,
    ...(d.description.trim() ? { description: d.description } : {}),
    place: d.place,
    startAt,
    endAt,
    capacity: d.unlimited ? null : Number(d.capacity),
    ...(d.deadlineOn ? { signupDeadline: at(d.deadlineDate, d.deadlineTime) } : {}),
    questions: d.questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      ...(q.kind === 'choice' ? { options: q.options } : {}),
      required: q.required,
    })),
  }
}

export function EventForm({
  event,
  options,
  preselect,
}: {
  event?: EventDetail
  options?: AudienceOption[]
  preselect?: string
}) {
  // A new event's form is kept on the device until it is published (an edit starts from the event).
  const [draft, setDraft, clearDraft] = useDraft<Draft>(event ? null : 'event', event ? draftOf(event) : blankDraft())
  const [audienceIndex, setAudienceIndex] = useState(() =>
    Math.max(
      0,
      (options ?? []).findIndex((o) => o.audience.kind === 'group' && o.audience.groupId === preselect),
    ),
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)
  const questionsLocked = !!event && (event.confirmedPeople > 0 || event.waitingParties > 0)
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const setQuestion = (i: number, change: Partial<QuestionDraft>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...change } : q)) }))
  const audienceLabels = useMemo(() => (options ?? []).map((o) => o.label), [options])
  const bad = (field: string) => (error?.field === field || error?.field?.startsWith(`${field}.`) ? 'has-error' : '')

  async function save() {
    setBusy(true)
    setError(null)
    try {
      if (event) {
        const updated = await eventsApi.update({ eventId: event.eventId, ...editableInput(draft) })
        void Taro.showToast({ title: '已保存', icon: 'success' })
        void Taro.redirectTo({ url: detailUrl(updated.eventId) })
      } else {
        const option = options?.[audienceIndex]
        if (!option) {
          setError({ message: '请选择活动面向谁', field: 'audience' })
          return
        }
        const audience =
          option.audience.kind === 'neighbourhood'
            ? ('neighbourhood' as const)
            : option.audience.kind === 'building'
              ? { buildingId: option.audience.buildingId }
              : { groupId: option.audience.groupId }
        const { eventIds } = await eventsApi.create({
          ...editableInput(draft),
          audience,
          ...(draft.repeat !== 'none' ? { recurrence: { every: draft.repeat, count: draft.count } } : {}),
        })
        clearDraft()
        void Taro.showToast({
          title: eventIds.length > 1 ? `已发布 ${eventIds.length} 次活动` : '已发布',
          icon: 'success',
        })
        const [first] = eventIds
        if (first) void Taro.redirectTo({ url: detailUrl(first) })
      }
    } catch (e) {
      setError({ message: messageOf(e), field: e instanceof ApiError ? e.field : undefined })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="event-form">
      {options ? (
        <View className={`lz-card form-block ${bad('audience')}`}>
          <Text className="form-label">面向谁</Text>
          <Picker
            mode="selector"
            range={audienceLabels}
            value={audienceIndex}
            onChange={(e) => setAudienceIndex(Number(e.detail.value))}
          >
            <View className="lz-row picker-row audience-picker">
              <Text className="lz-text">{audienceLabels[audienceIndex]}</Text>
              <Text className="lz-link">更改 ›</Text>
            </View>
          </Picker>
        </View>
      ) : null}

      <View className="lz-card form-block">
        <Text className={`form-label ${bad('title')}`}>活动名称</Text>
        <Input
          className="lz-input title-input"
          value={draft.title}
          maxlength={EVENT_LIMITS.titleMax}
          placeholder="例如：读书会 · 好书分享"
          onInput={(e) => set('title', e.detail.value)}
        />
        <Text className={`form-label ${bad('place')}`}>地点</Text>
        <Input
          className="lz-input place-input"
          value={draft.place}
          maxlength={EVENT_LIMITS.placeMax}
          placeholder="例如：5号楼一楼活动室"
          onInput={(e) => set('place', e.detail.value)}
        />
        <Text className={`form-label ${bad('description')}`}>介绍（可不填）</Text>
        <Textarea
          className="lz-input description-input"
          value={draft.description}
          maxlength={EVENT_LIMITS.descriptionMax}
          placeholder="活动内容、要带什么、注意事项"
          onInput={(e) => set('description', e.detail.value)}
        />
      </View>

      <View className="lz-card form-block">
        <Text className={`form-label ${bad('startAt')}`}>日期</Text>
        <Picker
          mode="date"
          value={draft.date}
          start={dayjs().format('YYYY-MM-DD')}
          onChange={(e) => set('date', e.detail.value)}
        >
          <View className="lz-row picker-row date-picker">
            <Text className="lz-text">{dayjs(draft.date).format('YYYY年M月D日 dddd')}</Text>
            <Text className="lz-link">更改 ›</Text>
          </View>
        </Picker>
        <View className="time-pair">
          <Picker mode="time" value={draft.startTime} onChange={(e) => set('startTime', e.detail.value)}>
            <View className="lz-row picker-row">
              <Text className="lz-text">开始 {draft.startTime}</Text>
            </View>
          </Picker>
          <Picker mode="time" value={draft.endTime} onChange={(e) => set('endTime', e.detail.value)}>
            <View className={`lz-row picker-row ${bad('endAt')}`}>
              <Text className="lz-text">结束 {draft.endTime}</Text>
            </View>
          </Picker>
        </View>
        {options ? (
          <View>
            <Text className="form-label">重复</Text>
            <View className="choices">
              {(['none', 'week', 'month'] as const).map((r) => (
                <View
                  key={r}
                  className={`choice repeat-${r} ${draft.repeat === r ? 'chosen' : ''}`}
                  onClick={() => set('repeat', r)}
                >
                  <Text>{r === 'none' ? '只办一次' : r === 'week' ? '每周' : '每月'}</Text>
                </View>
              ))}
            </View>
            {draft.repeat !== 'none' ? (
              <Picker
                mode="selector"
                range={Array.from({ length: EVENT_LIMITS.sessionsMax - 1 }, (_, i) => `共 ${i + 2} 次`)}
                value={draft.count - 2}
                onChange={(e) => set('count', Number(e.detail.value) + 2)}
              >
                <View className="lz-row picker-row">
                  <Text className="lz-text">共 {draft.count} 次（每次单独报名）</Text>
                  <Text className="lz-link">更改 ›</Text>
                </View>
              </Picker>
            ) : null}
          </View>
        ) : null}
      </View>

      <View className="lz-card form-block">
        <Text className={`form-label ${bad('capacity')}`}>名额</Text>
        <View className="choices">
          <View className={`choice ${!draft.unlimited ? 'chosen' : ''}`} onClick={() => set('unlimited', false)}>
            <Text>限定人数</Text>
          </View>
          <View
            className={`choice unlimited ${draft.unlimited ? 'chosen' : ''}`}
            onClick={() => set('unlimited', true)}
          >
            <Text>不限名额</Text>
          </View>
        </View>
        {!draft.unlimited ? (
          <Input
            className="lz-input capacity-input"
            type="number"
            value={draft.capacity}
            maxlength={3}
            placeholder="人数，1 到 500"
            onInput={(e) => set('capacity', e.detail.value)}
          />
        ) : null}
        <Text className={`form-label ${bad('signupDeadline')}`}>报名截止</Text>
        <View className="choices">
          <View className={`choice ${!draft.deadlineOn ? 'chosen' : ''}`} onClick={() => set('deadlineOn', false)}>
            <Text>开始前都能报</Text>
          </View>
          <View className={`choice ${draft.deadlineOn ? 'chosen' : ''}`} onClick={() => set('deadlineOn', true)}>
            <Text>设截止时间</Text>
          </View>
        </View>
        {draft.deadlineOn ? (
          <View className="time-pair">
            <Picker mode="date" value={draft.deadlineDate} onChange={(e) => set('deadlineDate', e.detail.value)}>
              <View className="lz-row picker-row">
                <Text className="lz-text">{dayjs(draft.deadlineDate).format('M月D日')}</Text>
              </View>
            </Picker>
            <Picker mode="time" value={draft.deadlineTime} onChange={(e) => set('deadlineTime', e.detail.value)}>
              <View className="lz-row picker-row">
                <Text className="lz-text">{draft.deadlineTime}</Text>
              </View>
            </Picker>
          </View>
        ) : null}
      </View>

      <View className={`lz-card form-block ${bad('questions')}`}>
        <Text className="form-label">报名时要问的问题（可不填，最多 {EVENT_LIMITS.questionsMax} 个）</Text>
        <Text className="lz-muted lz-block">为保护邻居隐私，不要询问身份证号、手机号等个人信息。</Text>
        {questionsLocked ? <Text className="lz-muted lz-block">已经有人报名，报名问题不能再修改。</Text> : null}
        {draft.questions.map((q, i) => (
          <View key={i} className={`question-draft ${bad(`questions.${i}`)}`}>
            <View className="lz-row">
              <Text className="lz-text">问题 {i + 1}</Text>
              {!questionsLocked ? (
                <Text
                  className="lz-link remove-question"
                  onClick={() => setDraft((d) => ({ ...d, questions: d.questions.filter((_, j) => j !== i) }))}
                >
                  删除
                </Text>
              ) : null}
            </View>
            <View className="choices">
              {(['choice', 'text'] as const).map((kind) => (
                <View
                  key={kind}
                  className={`choice ${q.kind === kind ? 'chosen' : ''}`}
                  onClick={() =>
                    !questionsLocked &&
                    setQuestion(i, { kind, options: kind === 'choice' && q.options.length < 2 ? ['', ''] : q.options })
                  }
                >
                  <Text>{kind === 'choice' ? '选择题' : '填空题'}</Text>
                </View>
              ))}
            </View>
            <Input
              className="lz-input question-input"
              disabled={questionsLocked}
              value={q.text}
              maxlength={EVENT_LIMITS.questionTextMax}
              placeholder="问题，例如：是否需要借书"
              onInput={(e) => setQuestion(i, { text: e.detail.value })}
            />
            {q.kind === 'choice'
              ? q.options.map((option, k) => (
                  <View key={k} className="option-row">
                    <Input
                      className="lz-input option-input"
                      disabled={questionsLocked}
                      value={option}
                      maxlength={EVENT_LIMITS.optionTextMax}
                      placeholder={`选项 ${k + 1}`}
                      onInput={(e) =>
                        setQuestion(i, { options: q.options.map((o, m) => (m === k ? e.detail.value : o)) })
                      }
                    />
                    {!questionsLocked && q.options.length > EVENT_LIMITS.optionsMin ? (
                      <Text
                        className="lz-link remove-option"
                        onClick={() => setQuestion(i, { options: q.options.filter((_, m) => m !== k) })}
                      >
                        删除
                      </Text>
                    ) : null}
                  </View>
                ))
              : null}
            {q.kind === 'choice' && !questionsLocked && q.options.length < EVENT_LIMITS.optionsMax ? (
              <Text
                className="lz-link lz-block add-option"
                onClick={() => setQuestion(i, { options: [...q.options, ''] })}
              >
                ＋ 添加选项
              </Text>
            ) : null}
            <View
              className={`choice required-toggle ${q.required ? 'chosen' : ''}`}
              onClick={() => !questionsLocked && setQuestion(i, { required: !q.required })}
            >
              <Text>{q.required ? '✓ 必须回答' : '可以不回答'}</Text>
            </View>
          </View>
        ))}
        {!questionsLocked && draft.questions.length < EVENT_LIMITS.questionsMax ? (
          <ActionButton
            tone="plain"
            className="add-question"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                questions: [...d.questions, { kind: 'choice', text: '', options: ['', ''], required: true }],
              }))
            }
          >
            ＋ 添加报名问题
          </ActionButton>
        ) : null}
      </View>

      {error ? <Text className="lz-error form-error">{error.message}</Text> : null}
      <ActionButton
        className="save-event"
        loading={busy}
        disabled={!draft.title.trim() || !draft.place.trim()}
        onClick={() => void save()}
      >
        {event ? '保存修改' : '发布活动'}
      </ActionButton>
    </View>
  )
}
