import type { HealthCategory, InboxItemView, MyQuestionView } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { requestSubscriptions } from '../notifications/subscribe'
import { healthApi } from './api'

/** My questions to the column's doctors, and withdrawing one before it is answered. */
export function useMyQuestions() {
  const list = useRemote(() => healthApi.myQuestions(), [])
  const withdraw = useAction(async (item: MyQuestionView) => {
    const updated = await healthApi.withdraw({ questionId: item.questionId })
    if (list.data)
      list.setData({ questions: list.data.questions.map((q) => (q.questionId === updated.questionId ? updated : q)) })
  })
  return { list, withdraw }
}

export interface Question {
  question: string
  category: HealthCategory
  allowPublish: boolean
}

/** Ask the doctors privately; resolves with the question as sent (and any emergency guidance). */
export function useAskDoctor() {
  return useAction(async (input: Question): Promise<MyQuestionView> => {
    // On the tap: WeChat only shows the subscribe prompt in response to one.
    const grant = requestSubscriptions(['healthAnswer'])
    const asked = await healthApi.ask(input)
    await grant
    return asked
  })
}

/** Questions waiting for a columnist, oldest first. */
export function useInbox(columnist: boolean) {
  return useRemote(() => healthApi.inbox(), [], { enabled: columnist })
}

/** One waiting question, as the columnist answers it. */
export function useInboxItem(questionId: string, columnist: boolean) {
  return useRemote(() => healthApi.inboxItem({ questionId }), [questionId], { enabled: columnist })
}

export interface Answer {
  answer: string
  publish: boolean
  /** The question as it will be published, when the columnist tidied it up. */
  editedQuestion?: string
}

/** Answer a waiting question, and publish it (anonymously) to the column's Q&A if chosen. */
export function useAnswerQuestion(item: InboxItemView) {
  return useAction(({ answer, publish, editedQuestion }: Answer) =>
    healthApi.answer({
      questionId: item.questionId,
      answer,
      publish,
      ...(editedQuestion !== undefined ? { editedQuestion } : {}),
    }),
  )
}

/** One published question and answer. */
export function useQA(entryId: string) {
  return useRemote(() => healthApi.getQA({ entryId }), [entryId])
}
