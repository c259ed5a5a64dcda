import { Input, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import { COUNCIL_LIMITS, type MatterSummary } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { closesLabel } from '../../../../features/council/format'
import { useCouncil } from '../../../../features/council/useCouncil'
import { charterUrl } from '../../../../features/charter/routes'
import { openVoteUrl, voteUrl } from '../../../../features/council/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/council/council.css'

/** 楼组议事: the building's open votes on top (big), then its matters; residents raise new ones here. */
export default function CouncilPage() {
  return (
    <PageShell className="council-page">
      <Gate>
        <Council />
      </Gate>
    </PageShell>
  )
}

const STATUS: Record<MatterSummary['status'], string> = { open: '待议', voting: '表决中', decided: '已表决' }

function Council() {
  const buildingId = useRouter().params.buildingId || undefined
  const { remote, raise, busy, error } = useCouncil(buildingId)
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [writing, setWriting] = useState(false)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const council = remote.data

  async function submit() {
    if (await raise(title, text)) {
      setTitle('')
      setText('')
      setWriting(false)
    }
  }

  return (
    <View>
      <Text className="lz-title lz-block">{council.buildingName}</Text>
      <View className="lz-card council-charter-link" onClick={() => openPage(charterUrl(council.buildingId))}>
        <View className="lz-row">
          <Text className="lz-text">本楼自治公约</Text>
          <Text className="lz-link">看公约、签约 ›</Text>
        </View>
      </View>
      {council.openVotes.map((vote) => (
        <View key={vote.voteId} className="lz-card open-vote" onClick={() => openPage(voteUrl(vote.voteId))}>
          <Text className="lz-tag warn">正在投票</Text>
          <Text className="lz-subtitle lz-block">{vote.title}</Text>
          <Text className="lz-muted lz-block">{closesLabel(vote.closesAt)}</Text>
          <Text className="lz-link lz-block">去投票 ›</Text>
        </View>
      ))}

      {council.canRaise ? (
        writing ? (
          <View className="lz-card raise-form">
            <Text className="council-label">议题（一句话）</Text>
            <Input
              className="lz-input matter-title"
              value={title}
              maxlength={COUNCIL_LIMITS.titleMax}
              placeholder="例如：大堂装一个健康宣传栏"
              onInput={(e) => setTitle(e.detail.value)}
            />
            <Text className="council-label">说明</Text>
            <Textarea
              className="lz-input matter-text"
              value={text}
              maxlength={COUNCIL_LIMITS.textMax}
              placeholder="为什么提、想怎么办"
              onInput={(e) => setText(e.detail.value)}
            />
            {error ? <Text className="lz-error lz-block">{error}</Text> : null}
            <ActionButton
              className="submit-matter"
              loading={busy}
              disabled={!title.trim() || !text.trim()}
              onClick={() => void submit()}
            >
              提交议题
            </ActionButton>
            <ActionButton tone="plain" onClick={() => setWriting(false)}>
              取消
            </ActionButton>
          </View>
        ) : (
          <ActionButton className="raise-matter" onClick={() => setWriting(true)}>
            我有一个议题
          </ActionButton>
        )
      ) : null}

      <Text className="lz-title lz-block">议题</Text>
      {council.matters.length ? (
        <View className="lz-card matters">
          {council.matters.map((matter) => (
            <View key={matter.matterId} className="matter-item">
              <View className="lz-row">
                <Text className="lz-text matter-name">{matter.title}</Text>
                <Text
                  className={`lz-tag ${matter.status === 'voting' ? 'warn' : matter.status === 'decided' ? 'ok' : ''}`}
                >
                  {STATUS[matter.status]}
                </Text>
              </View>
              <Text className="lz-muted lz-block">
                {matter.authorName} · {dayjs(matter.raisedAt).format('M月D日')}
              </Text>
              {matter.voteId ? (
                <Text className="lz-link lz-block matter-vote" onClick={() => openPage(voteUrl(matter.voteId ?? ''))}>
                  {matter.status === 'decided' ? '看表决结果 ›' : '看表决 ›'}
                </Text>
              ) : council.canManage ? (
                <Text
                  className="lz-link lz-block open-vote-link"
                  onClick={() => openPage(openVoteUrl(matter.matterId))}
                >
                  发起表决 ›
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : (
        <EmptyState title="还没有议题" hint="楼里有什么事想大家一起商量，就提一个议题。" />
      )}
    </View>
  )
}
