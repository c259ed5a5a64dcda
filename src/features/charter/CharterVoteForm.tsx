import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import { useState } from 'react'
import { ActionButton } from '../../components/Buttons'
import './charter.css'

const DAYS = [3, 7, 14] as const
const QUORUMS = [0, 50, 67] as const
const QUORUM_NAMES: Record<(typeof QUORUMS)[number], string> = { 0: '不限', 50: '一半的户', 67: '三分之二的户' }

function Choice({
  chosen,
  label,
  onClick,
  className,
}: {
  chosen: boolean
  label: string
  onClick(): void
  className?: string
}) {
  return (
    <View role="button" className={`charter-choice ${chosen ? 'chosen' : ''} ${className ?? ''}`} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  )
}

/**
 * The leader puts the draft to the building. The threshold is not a choice: a charter passes only
 * with two thirds of the households that vote. Closing time, quorum and secrecy are the leader's.
 */
export function CharterVoteForm({
  busy,
  onOpen,
}: {
  busy: boolean
  onOpen(input: { closesAt: number; quorumPercent: number; secret: boolean }): void
}) {
  const [days, setDays] = useState<number>(7)
  const [quorumPercent, setQuorum] = useState<number>(50)
  const [secret, setSecret] = useState(true)
  const closesAt = dayjs().add(days, 'day').hour(20).minute(0).second(0).millisecond(0).valueOf()
  return (
    <View className="lz-card charter-vote-form">
      <Text className="lz-subtitle lz-block">交全楼表决</Text>
      <Text className="lz-text lz-block">参加表决的户中三分之二以上同意，这一版才通过，并在截止时生效。</Text>
      <Text className="charter-label">投票多久</Text>
      <View className="charter-choices vote-days">
        {DAYS.map((d) => (
          <Choice key={d} chosen={d === days} label={`${d} 天`} onClick={() => setDays(d)} />
        ))}
      </View>
      <Text className="charter-label">多少户参加才算数</Text>
      <View className="charter-choices vote-quorum">
        {QUORUMS.map((q) => (
          <Choice key={q} chosen={q === quorumPercent} label={QUORUM_NAMES[q]} onClick={() => setQuorum(q)} />
        ))}
      </View>
      <Text className="charter-label">记名还是不记名</Text>
      <View className="charter-choices vote-secret">
        <Choice chosen={secret} label="不记名" onClick={() => setSecret(true)} />
        <Choice chosen={!secret} label="记名" onClick={() => setSecret(false)} />
      </View>
      <Text className="lz-text lz-block charter-closes">{dayjs(closesAt).format('M月D日 HH:mm')} 截止</Text>
      <Text className="lz-muted lz-block">发起后草案不能再改，表决不能延期或提前结束。</Text>
      <ActionButton
        className="open-charter-vote"
        loading={busy}
        onClick={() => onOpen({ closesAt, quorumPercent, secret })}
      >
        发起表决
      </ActionButton>
    </View>
  )
}
