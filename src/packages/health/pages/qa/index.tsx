import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { fullDate } from '../../../../utils/time'
import { useQA } from '../../../../features/health/useQuestions'
import './index.css'

export default function QAPage() {
  return (
    <PageShell className="health-qa">
      <Gate>
        <QA />
      </Gate>
    </PageShell>
  )
}

function QA() {
  const entryId = useRouter().params.id ?? ''
  const qa = useQA(entryId)
  if (qa.loading && !qa.data) return <Loading />
  if (qa.error || !qa.data) return <ErrorState message={qa.error ?? '加载失败'} onRetry={() => void qa.reload()} />
  const item = qa.data
  return (
    <View>
      <View className="lz-card qa-detail">
        <Text className="lz-tag">{item.category}</Text>
        <View className="health-qa-block">
          <Text className="health-qa-badge">问</Text>
          <Text className="lz-text health-pre health-qa-text qa-question">{item.question}</Text>
        </View>
        <View className="health-qa-block">
          <Text className="health-qa-badge answer">答</Text>
          <View className="health-qa-text">
            <Text className="lz-text health-pre qa-answer">{item.answer}</Text>
            <Text className="health-meta qa-answer-by">
              {item.answeredBy} · {fullDate(item.publishedAt)}
            </Text>
          </View>
        </View>
        <Text className="lz-muted lz-block">经提问邻居同意后匿名公开，不显示提问人的任何信息。</Text>
      </View>
      <Disclaimer />
      <ActionButton onClick={() => openPage(HEALTH_ROUTES.ask)}>我也要提问</ActionButton>
      <ActionButton tone="plain" onClick={() => openPage(HEALTH_ROUTES.column)}>
        回到专栏
      </ActionButton>
    </View>
  )
}
