import { Text, View } from '@tarojs/components'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { excerptOf } from '../../../../utils/text'
import { useColumnist } from '../../../../features/health/useColumnist'
import { useInbox } from '../../../../features/health/useQuestions'
import { waitedFor } from '../../../../utils/time'
import './index.css'

export default function InboxPage() {
  return (
    <PageShell className="health-inbox">
      <Gate>
        <Inbox />
      </Gate>
    </PageShell>
  )
}

function Inbox() {
  const { columnist } = useColumnist()
  const inbox = useInbox(columnist)
  if (!columnist) return <EmptyState title="只有健康专栏作者可以查看" hint="专栏作者由居委会指定。" />
  if (inbox.loading && !inbox.data) return <Loading />
  if (inbox.error || !inbox.data)
    return <ErrorState message={inbox.error ?? '加载失败'} onRetry={() => void inbox.reload()} />
  const { items, total } = inbox.data
  if (!items.length) return <EmptyState title="没有待回复的提问" hint="有新的提问时会显示在这里。" />
  const now = Date.now()
  return (
    <View>
      <Text className="lz-muted lz-block">
        共 {total} 个提问等待回复：含急症信号的排在最前，其余最早的在前。提问人只显示化名。
      </Text>
      {items.map((item) => (
        <View
          key={item.questionId}
          className={`lz-card inbox-item ${item.emergencySigns.length ? 'urgent' : ''}`}
          onClick={() => openPage(`${HEALTH_ROUTES.answer}?id=${item.questionId}`)}
        >
          <View className="inbox-head">
            <Text className="inbox-asker">{item.asker}</Text>
            <Text className="lz-tag">{item.category}</Text>
            {item.emergencySigns.length ? <Text className="lz-tag bad inbox-urgent-tag">含急症信号</Text> : null}
            <Text className={`lz-tag ${item.allowPublish ? 'ok' : ''}`}>
              {item.allowPublish ? '同意公开' : '不公开'}
            </Text>
          </View>
          {item.emergencySigns.length ? (
            <Text className="lz-block inbox-signs">提到：{item.emergencySigns.join('、')}</Text>
          ) : null}
          <Text className="lz-text lz-block inbox-question">{excerptOf(item.question, 80)}</Text>
          <Text className={`health-meta inbox-waited ${item.emergencySigns.length ? 'urgent' : ''}`}>
            已等 {waitedFor(item.askedAt, now)} · 点击回复 ›
          </Text>
        </View>
      ))}
    </View>
  )
}
