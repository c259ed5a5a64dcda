import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { usePaperBallots } from '../../../../features/council/useCouncil'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/council/council.css'

/** The leader's page for one vote: record a household's paper ballot (代投), and the rooms still to knock on. */
export default function PaperBallotPage() {
  return (
    <PageShell className="paper-page">
      <Gate>
        <PaperBallots />
      </Gate>
    </PageShell>
  )
}

function PaperBallots() {
  const voteId = useRouter().params.id ?? ''
  const { vote, missing, record, busy, error, done } = usePaperBallots(voteId)
  const [room, setRoom] = useState('')
  const [choice, setChoice] = useState<number | null>(null)
  if ((vote.loading && !vote.data) || (missing.loading && !missing.data)) return <Loading />
  if (vote.error || !vote.data)
    return <ErrorState message={vote.error ?? '加载失败'} onRetry={() => void vote.reload()} />
  if (missing.error || !missing.data)
    return <ErrorState message={missing.error ?? '加载失败'} onRetry={() => void missing.reload()} />
  const v = vote.data
  const list = missing.data

  async function submit() {
    if (choice === null) return
    if (await record(room.trim(), choice)) {
      setRoom('')
      setChoice(null)
    }
  }

  return (
    <View>
      <View className="lz-card paper-form">
        <Text className="lz-subtitle lz-block">{v.title}</Text>
        <Text className="lz-muted lz-block">
          没有智能手机的人家，把纸质选票交给您；在这里登记，会记下是您登记的和登记时间，这户人家会收到通知。
        </Text>
        <Text className="council-label">房号</Text>
        <Input
          className="lz-input paper-room"
          value={room}
          maxlength={10}
          placeholder="例如 302"
          onInput={(e) => setRoom(e.detail.value)}
        />
        <Text className="council-label">纸上选的是</Text>
        <View className="council-choices paper-choices">
          {v.options.map((option, i) => (
            <View
              key={option}
              role="button"
              className={`council-choice paper-choice-${i} ${choice === i ? 'chosen' : ''}`}
              onClick={() => setChoice(i)}
            >
              <Text>{option}</Text>
            </View>
          ))}
        </View>
        {error ? <Text className="lz-error lz-block">{error}</Text> : null}
        {done ? <Text className="lz-tag ok lz-block paper-done">{done}</Text> : null}
        <ActionButton
          className="submit-paper"
          loading={busy}
          disabled={!room.trim() || choice === null}
          onClick={() => void submit()}
        >
          登记纸质选票
        </ActionButton>
      </View>

      <View className="lz-card knock-list">
        <Text className="lz-subtitle lz-block">
          还没投的 <Text className="knock-count">{list.rooms.length}</Text> 户（已投 {list.turnout} /{' '}
          {list.householdCount} 户）
        </Text>
        <Text className="lz-muted lz-block">只看得到谁还没投，看不到谁投了什么。</Text>
        <View className="knock-rooms">
          {list.rooms.map((r) => (
            <Text key={r} className="knock-room">
              {r}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}
