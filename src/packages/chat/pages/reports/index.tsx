import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { REPORT_STATUS_NAMES, type ReportView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { chatTime } from '../../../../features/chat/format'
import { PageShell } from '../../../../features/layout/PageShell'
import { useReports, useResolveReport } from '../../../../features/chat/useModeration'
import './index.css'

/** The moderators' queue: reported messages of the groups I look after, oldest first. */
export default function ReportsPage() {
  return (
    <PageShell className="chat-reports-page">
      <Gate>
        <Reports />
      </Gate>
    </PageShell>
  )
}

function Reports() {
  const groupId = useRouter().params.groupId
  const [resolved, setResolved] = useState(false)
  const reports = useReports(groupId, resolved)
  return (
    <View>
      <View className="report-tabs">
        <View className={`report-tab ${resolved ? '' : 'on'}`} onClick={() => setResolved(false)}>
          <Text>待处理</Text>
        </View>
        <View className={`report-tab ${resolved ? 'on' : ''}`} onClick={() => setResolved(true)}>
          <Text>已处理</Text>
        </View>
      </View>
      {reports.loading && !reports.data ? <Loading /> : null}
      {reports.error ? <ErrorState message={reports.error} onRetry={() => void reports.reload()} /> : null}
      {reports.data && !reports.data.reports.length ? (
        <EmptyState
          title={resolved ? '还没有处理过的举报' : '没有待处理的举报'}
          hint={resolved ? undefined : '有邻居举报消息时，您会收到通知。'}
        />
      ) : null}
      {reports.data?.reports.map((report) => (
        <ReportCard key={report.reportId} report={report} onDone={() => void reports.reload()} />
      ))}
    </View>
  )
}

function ReportCard({ report, onDone }: { report: ReportView; onDone(): void }) {
  const resolving = useResolveReport(report.reportId)
  const [busy, setBusy] = useState<'hide' | 'keep' | null>(null)
  const error = resolving.error?.message
  async function decide(decision: 'hide' | 'keep') {
    setBusy(decision)
    const outcome = await resolving.run(decision)
    setBusy(null)
    if (!outcome.ok) return
    void Taro.showToast({ title: decision === 'hide' ? '已隐藏' : '已保留', icon: 'success' })
    onDone()
  }
  return (
    <View className="lz-card report-card">
      <View className="lz-row">
        <Text className="lz-muted">{report.groupName}</Text>
        <Text className={`lz-tag ${report.status === 'open' ? 'bad' : 'ok'}`}>
          {REPORT_STATUS_NAMES[report.status]}
        </Text>
      </View>
      <Text className="lz-muted lz-block report-who">
        {report.senderName} · {chatTime(report.sentAt)}
        {report.messageState === 'recalled' ? ' · 已被撤回' : ''}
      </Text>
      <View className="report-excerpt">
        <Text>{report.excerpt}</Text>
      </View>
      <Text className="lz-text lz-block report-reasons">
        {report.reporterCount} 位邻居举报：{report.reasons.join('、')}
      </Text>
      {report.status === 'open' ? (
        <View>
          <ActionButton
            tone="danger"
            className="hide-message"
            loading={busy === 'hide'}
            onClick={() => void decide('hide')}
          >
            隐藏这条消息
          </ActionButton>
          <ActionButton
            tone="plain"
            className="keep-message"
            loading={busy === 'keep'}
            onClick={() => void decide('keep')}
          >
            没问题，保留
          </ActionButton>
        </View>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
