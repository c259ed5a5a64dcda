import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { closesLabel, rulesLine } from '../../../../features/council/format'
import { useVote } from '../../../../features/council/useCouncil'
import { charterVersionUrl } from '../../../../features/charter/routes'
import { paperUrl } from '../../../../features/council/routes'
import { VoteButtons } from '../../../../features/council/VoteButtons'
import { PageShell } from '../../../../features/layout/PageShell'
import { ActionButton } from '../../../../components/Buttons'
import '../../../../features/council/council.css'

/** One page, big buttons: the question, the choices, what my household chose and who cast it; the result in one sentence when it closes. */
export default function VotePage() {
  return (
    <PageShell className="vote-page">
      <Gate>
        <Vote />
      </Gate>
    </PageShell>
  )
}

function Vote() {
  const voteId = useRouter().params.id ?? ''
  const { remote, cast, casting, error } = useVote(voteId)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const vote = remote.data
  const mine = vote.myHousehold
  return (
    <View>
      <View className="lz-card">
        <Text className="lz-muted lz-block">{vote.buildingName} · 每户一票</Text>
        <Text className="lz-title lz-block vote-title">{vote.title}</Text>
        <Text className="lz-text lz-block vote-text">{vote.text}</Text>
        {vote.charterVersionId ? (
          <Text
            className="lz-link lz-block vote-charter-link"
            onClick={() => openPage(charterVersionUrl(vote.charterVersionId ?? ''))}
          >
            读公约草案全文、看改了什么 ›
          </Text>
        ) : null}
        <Text className="lz-muted lz-block vote-rules">{rulesLine(vote)}</Text>
        <Text className="lz-muted lz-block">
          {vote.status === 'open'
            ? closesLabel(vote.closesAt)
            : `已于 ${dayjs(vote.closesAt).format('M月D日 HH:mm')} 截止`}
        </Text>
      </View>

      {vote.result ? (
        <View className="lz-card vote-result">
          <Text className="result-sentence lz-block">{vote.result.sentence}</Text>
          {vote.options.map((option, i) => (
            <View key={option} className="lz-row">
              <Text className="lz-text">{option}</Text>
              <Text className="lz-text">{vote.result?.counts[i] ?? 0} 户</Text>
            </View>
          ))}
        </View>
      ) : (
        <View className="lz-card">
          <Text className="lz-text lz-block vote-turnout">
            已有 {vote.turnout} 户投票（共 {vote.householdCount} 户）
          </Text>
          {vote.status === 'open' && !vote.canVote ? (
            <Text className="lz-muted lz-block">结果在截止后公布。</Text>
          ) : null}
        </View>
      )}

      {mine ? (
        <View className="lz-card my-ballot">
          <Text className="lz-text lz-block">
            我家：<Text className="my-choice">{mine.choiceLabel}</Text>
          </Text>
          <Text className="lz-muted lz-block">
            {mine.via === 'paper' ? `纸质选票，由 ${mine.recordedByName ?? ''} 登记` : `${mine.castByName} 投的`} ·{' '}
            {dayjs(mine.castAt).format('M月D日 HH:mm')}
          </Text>
        </View>
      ) : null}

      {vote.canVote ? (
        <View>
          <Text className="lz-subtitle lz-block">{mine ? '要改票，点另一个：' : '请选择：'}</Text>
          <VoteButtons
            options={vote.options}
            chosen={vote.secret ? null : (mine?.choiceLabel ?? null)}
            busy={casting}
            onChoose={(i) => void cast(i)}
          />
          {error ? <Text className="lz-error lz-block">{error}</Text> : null}
          <Text className="lz-muted lz-block">
            家里任何一位已认证的成员都可以投，截止前可以改，以最后一次为准。
            {vote.secret ? '不记名：谁也看不到您家投了什么。' : ''}
          </Text>
        </View>
      ) : null}

      {vote.canManage && vote.status === 'open' ? (
        <ActionButton tone="plain" className="open-paper" onClick={() => openPage(paperUrl(vote.voteId))}>
          代投纸质选票 · 看谁还没投
        </ActionButton>
      ) : null}
    </View>
  )
}
