import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ANSWER_MAX, characterCount, QUESTION_MAX, type InboxItemView } from '../../../../../contracts'
import { LabelledSwitch } from '../../../../components/LabelledSwitch'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { useSession } from '../../../../features/account/session'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { goBackOr, HEALTH_ROUTES } from '../../../../features/health/routes'
import { useColumnist } from '../../../../features/health/useColumnist'
import { fromNow } from '../../../../utils/time'
import { useAnswerQuestion, useInboxItem } from '../../../../features/health/useQuestions'
import { useDraft } from '../../../../features/account/useDraft'
import './index.css'

export default function AnswerPage() {
  return (
    <PageShell className="health-answer">
      <Gate>
        <AnswerLoader />
      </Gate>
    </PageShell>
  )
}

function AnswerLoader() {
  const questionId = useRouter().params.id ?? ''
  const { columnist } = useColumnist()
  const item = useInboxItem(questionId, columnist)
  if (!columnist) return <EmptyState title="只有健康专栏作者可以回复" />
  if (item.loading && !item.data) return <Loading />
  if (item.error || !item.data)
    return <ErrorState message={item.error ?? '加载失败'} onRetry={() => void item.reload()} />
  return <AnswerForm item={item.data} />
}

function AnswerForm({ item }: { item: InboxItemView }) {
  const { me } = useSession()
  const [answer, setAnswer, clearAnswer] = useDraft(`health-answer:${item.questionId}`, '')
  const [publish, setPublish] = useState(false)
  const [edited, setEdited] = useState(item.question)
  const answering = useAnswerQuestion(item)
  useEffect(() => setEdited(item.question), [item.question])

  async function send() {
    const editedQuestion = publish && edited.trim() !== item.question.trim() ? edited : undefined
    if (!(await answering.run({ answer, publish, editedQuestion })).ok) return
    clearAnswer()
    void Taro.showToast({ title: publish ? '已回复并公开' : '已回复', icon: 'success' })
    goBackOr(HEALTH_ROUTES.inbox)
  }

  return (
    <View>
      <View className="lz-card">
        <Text className="health-label">
          {item.asker} · {item.category} · {fromNow(item.askedAt)}
        </Text>
        {item.emergencySigns.length ? (
          <Text className="lz-tag bad lz-block">
            含急症信号（{item.emergencySigns.join('、')}）：提问人已看到拨打 120 的提示
          </Text>
        ) : null}
        <Text className="lz-text health-pre answer-question">{item.question}</Text>
      </View>

      <View className="lz-card">
        <Text className="health-label">您的回复</Text>
        <Textarea
          className="health-textarea answer-text"
          value={answer}
          maxlength={ANSWER_MAX}
          placeholder="用通俗的话回答；需要面诊的，请提醒提问人及时就医。"
          onInput={(e) => setAnswer(e.detail.value)}
        />
        <Text className="health-counter">
          {characterCount(answer.trim())}/{ANSWER_MAX}
        </Text>
      </View>

      <View className="lz-card">
        {item.allowPublish ? (
          <>
            <LabelledSwitch
              label="匿名公开到专栏"
              rowClassName="publish-row"
              className="publish-switch"
              checked={publish}
              activeText="公开"
              inactiveText="不"
              onChange={setPublish}
            />
            <Text className="lz-muted lz-block">
              提问人同意了匿名公开。公开后所有邻居都能看到和搜到，不会显示提问人。
            </Text>
            {publish ? (
              <>
                <Text className="health-label">公开版的问题（可修改）</Text>
                <Text className="lz-muted lz-block">
                  请删去可能让人认出提问人的细节：楼号、家人称呼、年龄、工作单位等。
                </Text>
                <Textarea
                  className="health-textarea edited-question"
                  value={edited}
                  maxlength={QUESTION_MAX}
                  onInput={(e) => setEdited(e.detail.value)}
                />
              </>
            ) : null}
          </>
        ) : (
          <Text className="lz-muted lz-block not-publishable">提问人没有同意公开，这条回复只有提问人能看到。</Text>
        )}
      </View>

      {publish ? (
        <View className="lz-card answer-preview">
          <Text className="preview-label">预览：邻居们将在专栏里看到</Text>
          <View className="health-qa-block">
            <Text className="health-qa-badge">问</Text>
            <Text className="lz-text health-pre health-qa-text preview-question">{edited.trim()}</Text>
          </View>
          <View className="health-qa-block">
            <Text className="health-qa-badge answer">答</Text>
            <View className="health-qa-text">
              <Text className="lz-text health-pre preview-answer">{answer.trim() || '（还没有写回复）'}</Text>
              <Text className="health-meta">{me?.nickname ?? ''}</Text>
            </View>
          </View>
          <Disclaimer />
        </View>
      ) : (
        <Disclaimer />
      )}

      {answering.error ? <Text className="lz-error answer-error">{answering.error.message}</Text> : null}
      <ActionButton
        className="send-answer"
        loading={answering.busy}
        disabled={characterCount(answer.trim()) < 2}
        onClick={() => void send()}
      >
        {publish ? '回复并公开' : '发送回复'}
      </ActionButton>
    </View>
  )
}
