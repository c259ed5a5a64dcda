import { Text, Textarea, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import {
  characterCount,
  emergencyNoticeFor,
  HEALTH_CATEGORIES,
  QUESTION_MAX,
  QUESTION_MIN,
  QUESTION_STATUS_NAMES,
  type HealthCategory,
  type MyQuestionView,
} from '../../../../../contracts'
import { LabelledSwitch } from '../../../../components/LabelledSwitch'
import { ActionButton } from '../../../../components/Buttons'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { EmergencyNotice } from '../../../../features/health/EmergencyNotice'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { useAskDoctor } from '../../../../features/health/useQuestions'
import { useDraft } from '../../../../features/account/useDraft'
import './index.css'

export default function AskPage() {
  return (
    <PageShell className="health-ask">
      <Gate require="verified" purpose="向医生提问">
        <AskForm />
      </Gate>
    </PageShell>
  )
}

function AskForm() {
  const [category, setCategory] = useState<HealthCategory | null>(null)
  const [question, setQuestion, clearQuestion] = useDraft('health-question', '')
  const [allowPublish, setAllowPublish] = useState(false)
  const asking = useAskDoctor()
  const [asked, setAsked] = useState<MyQuestionView | null>(null)
  // Checked as the person types: the guidance must not wait for the send button, let alone a doctor.
  const emergency = useMemo(() => emergencyNoticeFor(question), [question])
  const length = characterCount(question.trim())

  async function send() {
    if (!category) return
    const outcome = await asking.run({ question, category, allowPublish })
    if (!outcome.ok) return
    clearQuestion()
    setAsked(outcome.value)
  }

  if (asked) {
    return (
      <View>
        {asked.emergency ? <EmergencyNotice notice={asked.emergency} /> : null}
        <View className="lz-card asked-card">
          <Text className="lz-subtitle">提问已发送</Text>
          <Text className="lz-tag warn asked-status">{QUESTION_STATUS_NAMES[asked.status]}</Text>
          <Text className="lz-text lz-block">医生回复后会通知您。您可以在“我的提问”里查看回复，回复前也可以撤回。</Text>
        </View>
        <Disclaimer />
        <ActionButton className="see-my-questions" onClick={() => openPage(HEALTH_ROUTES.mine)}>
          查看我的提问
        </ActionButton>
        <ActionButton tone="plain" onClick={() => openPage(HEALTH_ROUTES.column)}>
          回到专栏
        </ActionButton>
      </View>
    )
  }

  return (
    <View>
      <Disclaimer />
      <View className="lz-card">
        <Text className="health-label">问题属于哪一类？</Text>
        <View className="health-chips">
          {HEALTH_CATEGORIES.map((c) => (
            <View
              key={c}
              className={`health-chip category-chip ${category === c ? 'selected' : ''}`}
              onClick={() => setCategory(c)}
            >
              <Text>{c}</Text>
            </View>
          ))}
        </View>

        <Text className="health-label">您想问什么？</Text>
        <Textarea
          className="health-textarea ask-question"
          value={question}
          maxlength={QUESTION_MAX}
          placeholder="例如：降压药早上吃还是晚上吃比较好？不用写姓名和房号。"
          onInput={(e) => setQuestion(e.detail.value)}
        />
        <Text className="health-counter">
          {length}/{QUESTION_MAX}
          {length > 0 && length < QUESTION_MIN ? `（至少 ${QUESTION_MIN} 个字）` : ''}
        </Text>
      </View>

      {emergency ? <EmergencyNotice notice={emergency} /> : null}

      <View className="lz-card">
        <LabelledSwitch
          label="允许匿名公开"
          rowClassName="publish-row"
          className="allow-publish-switch"
          checked={allowPublish}
          activeText="允许"
          inactiveText="不"
          onChange={setAllowPublish}
        />
        <Text className="lz-muted lz-block">
          {allowPublish
            ? '医生回复后，可以把这条问答去掉您的个人信息后公开在专栏里，帮助有同样问题的邻居。不会显示您的名字、楼号和房号。'
            : '只有您和专栏医生能看到这个问题和回复。'}
        </Text>
        <Text className="lz-muted lz-block privacy-note">
          医生看到的是化名（如“提问者 K273”），看不到您的名字、楼号和房号。
        </Text>
      </View>

      {asking.error ? <Text className="lz-error ask-error">{asking.error.message}</Text> : null}
      <ActionButton
        className="send-question"
        loading={asking.busy}
        disabled={!category || length < QUESTION_MIN}
        onClick={() => void send()}
      >
        {!category ? '请先选择分类' : '发送给医生'}
      </ActionButton>
    </View>
  )
}
