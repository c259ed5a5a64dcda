import { Input, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { COUNCIL_LIMITS } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { closesLabel } from '../../../../features/council/format'
import { MatterItem } from '../../../../features/council/MatterItem'
import { MergeMatter } from '../../../../features/council/MergeMatter'
import { orderMatters, useCouncil, type MatterOrder } from '../../../../features/council/useCouncil'
import { charterUrl } from '../../../../features/charter/routes'
import { voteUrl } from '../../../../features/council/routes'
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

const ORDERS: Array<[MatterOrder, string]> = [
  ['newest', '最新'],
  ['mostSupported', '附议最多'],
]

function Council() {
  const buildingId = useRouter().params.buildingId || undefined
  const { remote, raise, busy, error, support, supporting, supportError, merge, merging } = useCouncil(buildingId)
  const [order, setOrder] = useState<MatterOrder>('newest')
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
      {council.canManage && council.matters.length > 1 ? (
        <View className="matter-order">
          {ORDERS.map(([value, label]) => (
            <View
              key={value}
              className={`council-choice order-${value} ${order === value ? 'chosen' : ''}`}
              role="button"
              aria-pressed={order === value}
              onClick={() => setOrder(value)}
            >
              <Text>{label}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {council.matters.length ? (
        <View className="lz-card matters">
          {orderMatters(council.matters, order).map((matter) => (
            <MatterItem
              key={matter.matterId}
              matter={matter}
              canSupport={council.canRaise}
              canManage={council.canManage}
              supporting={supporting === matter.matterId}
              error={supportError?.matterId === matter.matterId ? supportError.message : null}
              onSupport={() => void support(matter.matterId)}
            >
              {council.canManage ? (
                <MergeMatter
                  matter={matter}
                  targets={council.matters.filter((m) => m.matterId !== matter.matterId && m.status !== 'merged')}
                  busy={merging === matter.matterId}
                  onMerge={(into) => void merge(matter.matterId, into)}
                />
              ) : null}
            </MatterItem>
          ))}
        </View>
      ) : (
        <EmptyState title="还没有议题" hint="楼里有什么事想大家一起商量，就提一个议题。" />
      )}
    </View>
  )
}
