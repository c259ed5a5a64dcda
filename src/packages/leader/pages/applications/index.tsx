import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ApplicationView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { PageShell } from '../../../../features/layout/PageShell'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { useApplicationQueue } from '../../../../features/account/useApplicationQueue'
import { useManagedBuilding } from '../../../../features/account/useManagedBuilding'
import { fromNow } from '../../../../utils/time'
import { useReviewApplication } from '../../../../features/account/useBuildingAdmin'
import './index.css'

export default function ApplicationsPage() {
  return (
    <PageShell className="applications-page">
      <Gate>
        <Applications />
      </Gate>
    </PageShell>
  )
}

function Applications() {
  const { buildingId, setBuildingId, choices } = useManagedBuilding()
  const queue = useApplicationQueue(buildingId)
  const { first } = queue

  return (
    <View>
      <BuildingPicker value={buildingId} onChange={setBuildingId} only={choices} />
      {!buildingId ? <EmptyState title="请选择要管理的楼组" /> : null}
      {buildingId && first.loading && !first.data ? <Loading /> : null}
      {first.error ? <ErrorState message={first.error} onRetry={() => void first.reload()} /> : null}
      {first.data && !queue.applications.length ? (
        <EmptyState title="没有待处理的申请" hint="新邻居提交申请后，您会收到通知。" />
      ) : null}
      {queue.applications.length ? (
        <Text className="lz-text lz-block queue-count">
          共 {queue.pending} 份申请等待审核，先到的在前面
          {queue.hasMore ? `，已显示 ${queue.applications.length} 份` : ''}。
        </Text>
      ) : null}
      {queue.applications.map((application) => (
        <ApplicationCard key={application.membershipId} application={application} onDone={() => void first.reload()} />
      ))}
      {queue.hasMore ? (
        <ActionButton tone="plain" className="load-more" loading={queue.loadingMore} onClick={() => void queue.more()}>
          再看后面的申请
        </ActionButton>
      ) : null}
      {queue.moreError ? <Text className="lz-error">{queue.moreError}</Text> : null}
    </View>
  )
}

function ApplicationCard({ application, onDone }: { application: ApplicationView; onDone(): void }) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const reviewing = useReviewApplication(application.membershipId)
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

  return (
    <View className="lz-card application" data-room={application.room}>
      <View className="lz-row">
        <Text className="lz-subtitle application-who">
          {application.nickname} · {application.room}室
        </Text>
        <Text className="lz-muted">{fromNow(application.appliedAt)}</Text>
      </View>
      <Text className="lz-muted lz-block">请确认这位邻居确实住在 {application.room} 室，再点通过。</Text>
      {rejecting ? (
        <View>
          <Input
            className="lz-input reject-reason"
            value={reason}
            maxlength={100}
            placeholder="原因（可不填），例如：房号不对"
            onInput={(e) => setReason(e.detail.value)}
          />
          <ActionButton
            tone="danger"
            className="confirm-reject"
            loading={busy === 'reject'}
            onClick={() => void review('reject')}
          >
            确认不通过
          </ActionButton>
          <ActionButton tone="plain" onClick={() => setRejecting(false)}>
            取消
          </ActionButton>
        </View>
      ) : (
        <View className="application-actions">
          <ActionButton className="approve" loading={busy === 'approve'} onClick={() => void review('approve')}>
            通过
          </ActionButton>
          <ActionButton tone="plain" className="reject" onClick={() => setRejecting(true)}>
            不通过
          </ActionButton>
        </View>
      )}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
