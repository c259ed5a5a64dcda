import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import { COUNCIL_LIMITS, YES_NO_OPTIONS, type VoteThreshold } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { Gate } from '../../../../features/account/Gate'
import { rulesLine } from '../../../../features/council/format'
import { useOpenVote } from '../../../../features/council/useCouncil'
import { voteUrl } from '../../../../features/council/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/council/council.css'

/** The leader's form: how the building decides this matter. Fixed once opened: no editing, no extending, no closing early. */
export default function OpenVotePage() {
  return (
    <PageShell className="open-vote-page">
      <Gate>
        <OpenVoteForm />
      </Gate>
    </PageShell>
  )
}

const QUORUMS = [0, 50, 67] as const
const DURATIONS = [
  { label: '3 天', days: 3 },
  { label: '7 天', days: 7 },
  { label: '14 天', days: 14 },
] as const

function Choices<T>({
  items,
  value,
  label,
  onChange,
  className,
}: {
  items: readonly T[]
  value: T
  label(item: T): string
  onChange(item: T): void
  className?: string
}) {
  return (
    <View className={`council-choices ${className ?? ''}`}>
      {items.map((item) => (
        <View
          key={label(item)}
          role="button"
          className={`council-choice ${item === value ? 'chosen' : ''}`}
          onClick={() => onChange(item)}
        >
          <Text>{label(item)}</Text>
        </View>
      ))}
    </View>
  )
}

function OpenVoteForm() {
  const matterId = useRouter().params.matterId ?? ''
  const { open, busy, error } = useOpenVote()
  const [kind, setKind] = useState<'yesNo' | 'choice'>('yesNo')
  const [options, setOptions] = useState<string[]>(['', ''])
  const [secret, setSecret] = useState(true)
  const [quorumPercent, setQuorum] = useState<number>(50)
  const [threshold, setThreshold] = useState<VoteThreshold>('majority')
  const [days, setDays] = useState<number>(7)
  const [closeDate, setCloseDate] = useState<string | null>(null)
  const closesAt = closeDate
    ? dayjs(closeDate).hour(20).minute(0).second(0).millisecond(0).valueOf()
    : dayjs().add(days, 'day').hour(20).minute(0).second(0).millisecond(0).valueOf()

  async function submit() {
    const vote = await open({
      matterId,
      kind,
      secret,
      closesAt,
      quorumPercent,
      threshold,
      ...(kind === 'choice' ? { options: options.map((o) => o.trim()).filter(Boolean) } : {}),
    })
    if (vote) {
      void Taro.showToast({ title: '已发起', icon: 'success' })
      void Taro.redirectTo({ url: voteUrl(vote.voteId) })
    }
  }

  return (
    <View className="lz-card open-vote-form">
      <Text className="council-label">怎么投</Text>
      <Choices
        className="vote-kind"
        items={['yesNo', 'choice'] as const}
        value={kind}
        label={(k) => (k === 'yesNo' ? YES_NO_OPTIONS.join(' / ') : '几个选项选一个')}
        onChange={setKind}
      />
      {kind === 'choice' ? (
        <View>
          {options.map((option, i) => (
            <Input
              key={i}
              className={`lz-input vote-option-input option-${i}`}
              value={option}
              maxlength={COUNCIL_LIMITS.optionTextMax}
              placeholder={`选项 ${i + 1}`}
              onInput={(e) => setOptions(options.map((o, j) => (j === i ? e.detail.value : o)))}
            />
          ))}
          {options.length < COUNCIL_LIMITS.optionsMax ? (
            <Text className="lz-link lz-block" onClick={() => setOptions([...options, ''])}>
              + 再加一个选项
            </Text>
          ) : null}
        </View>
      ) : null}

      <Text className="council-label">记名还是不记名</Text>
      <Choices
        className="vote-secret"
        items={[true, false] as const}
        value={secret}
        label={(s) => (s ? '不记名（谁也看不到各户投了什么）' : '记名')}
        onChange={setSecret}
      />

      <Text className="council-label">多少户参加才算数</Text>
      <Choices
        className="vote-quorum"
        items={QUORUMS}
        value={quorumPercent as (typeof QUORUMS)[number]}
        label={(q) => (q === 0 ? '不限' : q === 50 ? '一半的户' : '三分之二的户')}
        onChange={setQuorum}
      />

      <Text className="council-label">多少同意才通过</Text>
      <Choices
        className="vote-threshold"
        items={['majority', 'twoThirds'] as const}
        value={threshold}
        label={(t) => (t === 'majority' ? '参加户的过半数' : '参加户的三分之二（改公约用）')}
        onChange={setThreshold}
      />

      <Text className="council-label">投票多久</Text>
      <Choices
        className="vote-duration"
        items={DURATIONS.map((d) => d.days)}
        value={closeDate ? -1 : days}
        label={(d) => DURATIONS.find((x) => x.days === d)?.label ?? ''}
        onChange={(d) => (setDays(d), setCloseDate(null))}
      />
      <Picker
        mode="date"
        value={dayjs(closesAt).format('YYYY-MM-DD')}
        start={dayjs().add(1, 'day').format('YYYY-MM-DD')}
        onChange={(e) => setCloseDate(e.detail.value)}
      >
        <Text className="lz-link lz-block">或选一个日期 ›</Text>
      </Picker>
      <Text className="lz-text lz-block vote-closes">{dayjs(closesAt).format('M月D日 HH:mm')} 截止</Text>

      <Text className="lz-muted lz-block">
        {rulesLine({ secret, quorumPercent, threshold, kind })}
        。发起后不能修改、延期或提前结束，截止后自动计票并发公告。
      </Text>
      {error ? <Text className="lz-error lz-block">{error}</Text> : null}
      <ActionButton className="submit-vote" loading={busy} disabled={!matterId} onClick={() => void submit()}>
        发起表决
      </ActionButton>
    </View>
  )
}
