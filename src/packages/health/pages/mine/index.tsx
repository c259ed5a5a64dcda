import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { QUESTION_STATUS_NAMES, type MyQuestionView, type QuestionStatus } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { EmergencyNotice } from '../../../../features/health/EmergencyNotice'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { dayAndTime, fromNow } from '../../../../utils/time'
import { useMyQuestions } from '../../../../features/health/useQuestions'
import './index.css'

const STATUS_TONE: Record<QuestionStatus, string> = { waiting: 'warn', answered: 'ok', withdrawn: '' }

export default function MyQuestionsPage() {
  return (
    <PageShell className="health-mine">
      <Gate>
        <MyQuestions />
      </Gate>
    </PageShell>
  )
}

function MyQuestions() {
  const focus = useRouter().params.id
  const { list, withdraw: withdrawing } = useMyQuestions()
  const error = withdrawing.error?.message

  async function withdraw(item: MyQuestionView) {
    const answer = await Taro.showModal({
      title: '撤回这个提问？',
      content: '撤回后医生就看不到了。',
      confirmText: '撤回',
      cancelText: '不撤回',
    })
    if (!answer.confirm) return
    await withdrawing.run(item)
  }

  if (list.loading && !list.data) return <Loading />
  if (list.error || !list.data)
    return <ErrorState message={list.error ?? '加载失败'} onRetry={() => void list.reload()} />
  const questions = list.data.questions
  if (!questions.length) {
    return (
      <EmptyState
        title="还没有提过问题"
        hint="有健康方面的疑问，可以私下问专栏医生。"
        action={<ActionButton onClick={() => openPage(HEALTH_ROUTES.ask)}>我要提问</ActionButton>}
      />
    )
  }
  return (
    <View>
      {error ? <Text className="lz-error">{error}</Text> : null}
      {questions.map((q) => (
        <View key={q.questionId} className={`lz-card my-question ${q.questionId === focus ? 'focused' : ''}`}>
          <View className="my-question-head">
            <Text className={`lz-tag ${STATUS_TONE[q.status]} question-status`}>{QUESTION_STATUS_NAMES[q.status]}</Text>
            <Text className="lz-muted">
              {q.category} · {fromNow(q.askedAt)}
            </Text>
          </View>
          <Text className="lz-text health-pre my-question-text">{q.question}</Text>
          {q.emergency && q.status === 'waiting' ? <EmergencyNotice notice={q.emergency} /> : null}
          {q.answer ? (
            <View className="my-answer">
              <Text className="health-label">{q.answer.answeredBy}的回复：</Text>
              <Text className="lz-text health-pre my-answer-text">{q.answer.text}</Text>
              <Text className="health-meta">{dayAndTime(q.answer.answeredAt)}</Text>
              {q.published ? <Text className="health-meta">已去掉您的个人信息，匿名公开在专栏里。</Text> : null}
            </View>
          ) : null}
          {q.status === 'waiting' ? (
            <View className="withdraw-link" onClick={() => void withdraw(q)}>
              <Text className="lz-link withdraw-question">撤回这个提问</Text>
            </View>
          ) : null}
        </View>
      ))}
      <Disclaimer />
      <ActionButton onClick={() => openPage(HEALTH_ROUTES.ask)}>再问一个问题</ActionButton>
    </View>
  )
}
