import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PROPOSAL_STATUS_NAMES, type GroupProposalView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { fromNow } from '../../../../utils/time'
import { useGroupProposals, useReviewProposal } from '../../../../features/buddies/useInterestGroups'
import '../../../../features/buddies/buddies.css'

export default function ProposalsPage() {
  return (
    <PageShell className="buddy-proposals-page">
      <Gate>
        <Proposals />
      </Gate>
    </PageShell>
  )
}

function Proposals() {
  const { me } = useSession()
  const committee = isCommittee(me)
  const remote = useGroupProposals()
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const proposals = remote.data?.proposals ?? []
  return (
    <View>
      <Text className="lz-title">{committee ? '兴趣小组申请' : '我提议的小组'}</Text>
      {!proposals.length ? (
        <EmptyState
          title={committee ? '没有小组申请' : '您还没有提议过小组'}
          action={
            !committee ? (
              <ActionButton tone="plain" onClick={() => openPage(BUDDY_ROUTES.propose)}>
                提议一个小组
              </ActionButton>
            ) : undefined
          }
        />
      ) : null}
      {proposals.map((p) => (
        <ProposalCard key={p.proposalId} proposal={p} committee={committee} onDone={() => void remote.reload()} />
      ))}
    </View>
  )
}

function ProposalCard({
  proposal,
  committee,
  onDone,
}: {
  proposal: GroupProposalView
  committee: boolean
  onDone(): void
}) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const reviewing = useReviewProposal(proposal)
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)
  const error = reviewing.error?.message

  async function review(decision: 'approve' | 'reject') {
    setBusy(decision)
    const outcome = await reviewing.run(decision, reason)
    setBusy(null)
    if (!outcome.ok) return
    void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已拒绝', icon: 'success' })
    onDone()
  }

  const tone = proposal.status === 'approved' ? 'ok' : proposal.status === 'rejected' ? 'bad' : 'warn'
  return (
    <View className="lz-card proposal">
      <View className="lz-row">
        <Text className="lz-subtitle proposal-name">{proposal.name}</Text>
        <Text className={`lz-tag ${tone}`}>{PROPOSAL_STATUS_NAMES[proposal.status]}</Text>
      </View>
      <Text className="lz-text lz-block">{proposal.description}</Text>
      <Text className="lz-muted lz-block">
        兴趣：{proposal.interests.join('、')} · 提议人：{proposal.proposerName} · {fromNow(proposal.createdAt)}
      </Text>
      {proposal.reason ? <Text className="lz-muted lz-block">原因：{proposal.reason}</Text> : null}
      {proposal.groupId ? (
        <Text className="lz-link lz-block" onClick={() => openPage(`${BUDDY_ROUTES.group}?id=${proposal.groupId}`)}>
          去小组看看 ›
        </Text>
      ) : null}
      {committee && proposal.status === 'pending' ? (
        rejecting ? (
          <View>
            <Input
              className="lz-input"
              value={reason}
              maxlength={100}
              placeholder="原因（可不填）"
              onInput={(e) => setReason(e.detail.value)}
            />
            <ActionButton tone="danger" loading={busy === 'reject'} onClick={() => void review('reject')}>
              确认不通过
            </ActionButton>
            <ActionButton tone="plain" onClick={() => setRejecting(false)}>
              取消
            </ActionButton>
          </View>
        ) : (
          <View>
            <ActionButton
              className="approve-proposal"
              loading={busy === 'approve'}
              onClick={() => void review('approve')}
            >
              通过，成立小组
            </ActionButton>
            <ActionButton tone="plain" onClick={() => setRejecting(true)}>
              不通过
            </ActionButton>
          </View>
        )
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
