import {
  characterCount,
  EVENT_LIMITS,
  hasUnsafeCharacters,
  type EventQuestion,
  type QuestionKind,
} from '../../../contracts'
import { invalidInput } from '../shared/errors'

export interface QuestionInput {
  kind: QuestionKind
  text: string
  options?: string[]
  required?: boolean
}

/** Questions as stored: numbered q1…q5 in the order asked, required unless said otherwise. */
export function normaliseQuestions(input: readonly QuestionInput[] | undefined): EventQuestion[] {
  return (input ?? []).map((q, i) => ({
    questionId: `q${i + 1}`,
    kind: q.kind,
    text: q.text,
    ...(q.kind === 'choice' ? { options: [...(q.options ?? [])] } : {}),
    required: q.required ?? true,
  }))
}

export function sameQuestions(a: readonly EventQuestion[], b: readonly EventQuestion[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Every text a question set contains, for the content check. */
export function questionTexts(questions: readonly EventQuestion[]): string[] {
  return questions.flatMap((q) => [q.text, ...(q.options ?? [])])
}

/**
 * Answers checked against the session's questions: only its questions, each required one
 * answered, a choice one of its options, text short and clean. Returns them trimmed, blanks dropped.
 */
export function checkAnswers(
  questions: readonly EventQuestion[],
  answers: Record<string, string>,
): Record<string, string> {
  const byId = new Map(questions.map((q) => [q.questionId, q]))
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) throw invalidInput(`answers.${key}`, '回答：这个活动没有这个问题，请刷新后再填')
  }
  const checked: Record<string, string> = {}
  questions.forEach((q, i) => {
    const field = `answers.${q.questionId}`
    const label = `第 ${i + 1} 个问题「${q.text}」`
    const value = (answers[q.questionId] ?? '').trim()
    if (!value) {
      if (q.required) throw invalidInput(field, `${label}：请回答`)
      return
    }
    if (q.kind === 'choice') {
      if (!(q.options ?? []).includes(value)) throw invalidInput(field, `${label}：请从选项中选一个`)
    } else {
      if (hasUnsafeCharacters(value, false)) throw invalidInput(field, `${label}：含有无法识别的字符`)
      if (characterCount(value) > EVENT_LIMITS.answerMax)
        throw invalidInput(field, `${label}：最多 ${EVENT_LIMITS.answerMax} 个字`)
    }
    checked[q.questionId] = value
  })
  return checked
}
