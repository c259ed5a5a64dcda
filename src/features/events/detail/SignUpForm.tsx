import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { EVENT_LIMITS, type EventDetail } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { useRsvp } from '../useRsvp'

/** Sign up: the organiser's questions, how many people come, and 报名 (or join the waitlist when full). */
export function SignUpForm({
  event,
  onChange,
  onStale,
}: {
  event: EventDetail
  onChange(event: EventDetail): void
  onStale(): void
}) {
  const [partySize, setPartySize] = useState(1)
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const { signUp } = useRsvp(event, onChange, onStale)
  const error = signUp.error
  const maxParty = Math.min(EVENT_LIMITS.partySizeMax, event.capacity ?? EVENT_LIMITS.partySizeMax)
  const fits = event.seatsLeft === null || event.seatsLeft >= partySize

  async function send() {
    const outcome = await signUp.run({ partySize, answers })
    if (!outcome.ok) return
    const result = outcome.value
    void Taro.showToast({
      title: result.state === 'confirmed' ? '报名成功' : `已加入候补，第 ${result.position} 位`,
      icon: 'none',
    })
  }

  return (
    <View className="lz-card sign-up">
      <Text className="lz-subtitle">报名</Text>
      {event.questions.map((q, i) => (
        <View
          key={q.questionId}
          className={`question ${error?.field === `answers.${q.questionId}` ? 'has-error' : ''}`}
        >
          <Text className="lz-text lz-block question-text">
            {i + 1}. {q.text}
            {q.required ? '' : '（可不填）'}
          </Text>
          {q.kind === 'choice' ? (
            <View className="choices">
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
              placeholder="请填写"
              onInput={(e) => setAnswers({ ...answers, [q.questionId]: e.detail.value })}
            />
          )}
        </View>
      ))}
      {maxParty > 1 ? (
        <View className="party">
          <Text className="lz-text lz-block">几个人参加？</Text>
          <View className="choices">
            {Array.from({ length: maxParty }, (_, i) => i + 1).map((n) => (
              <View
                key={n}
                className={`choice party-${n} ${partySize === n ? 'chosen' : ''}`}
                onClick={() => setPartySize(n)}
              >
                <Text>{n === 1 ? '就我一个' : `${n} 人`}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {!fits ? (
        <Text className="lz-muted lz-block full-hint">
          名额已满{event.waitingParties > 0 ? `，前面有 ${event.waitingParties} 位在候补` : ''}
          。加入候补后，有人取消会按先后递补。
        </Text>
      ) : null}
      {error ? <Text className="lz-error">{error.message}</Text> : null}
      <ActionButton className="rsvp-button" loading={signUp.busy} onClick={() => void send()}>
        {fits ? '报名参加' : '已满，加入候补'}
      </ActionButton>
    </View>
  )
}
