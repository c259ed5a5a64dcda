import {
  emergencyNoticeForSigns,
  HEALTH_DISCLAIMER,
  shanghaiMonth,
  type InboxItemView,
  type MyQuestionView,
  type QASummaryView,
  type QAView,
  type TipSummaryView,
  type TipView,
} from '../../../contracts'
import type { EntryDoc, QuestionDoc, TipDoc } from './health.docs'

export const PSEUDONYM_PREFIX = '提问者'

export function excerpt(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`
}

/** The asker's own view. `answeredBy` is the columnist's current name. */
export function myQuestionView(doc: QuestionDoc, answeredBy: string | undefined): MyQuestionView {
  return {
    questionId: doc._id,
    question: doc.question,
    category: doc.category,
    allowPublish: doc.allowPublish,
    status: doc.status,
    askedAt: doc.createdAt,
    ...(doc.withdrawnAt !== null ? { withdrawnAt: doc.withdrawnAt } : {}),
    emergency: emergencyNoticeForSigns(doc.emergencySigns),
    ...(doc.status === 'answered' && doc.answer !== null && doc.answeredAt !== null
      ? {
          answer: {
            text: doc.answer,
            answeredBy: answeredBy ?? '',
            answeredAt: doc.answeredAt,
            disclaimer: HEALTH_DISCLAIMER,
          },
        }
      : {}),
    published: doc.publishedEntryId !== null,
  }
}

/** What a columnist sees: the question and a pseudonym, nothing about the person. */
export function inboxItemView(doc: QuestionDoc): InboxItemView {
  return {
    questionId: doc._id,
    asker: `${PSEUDONYM_PREFIX} ${doc.alias}`,
    question: doc.question,
    category: doc.category,
    allowPublish: doc.allowPublish,
    emergencySigns: doc.emergencySigns,
    askedAt: doc.createdAt,
  }
}

export function qaView(entry: EntryDoc, answeredBy: string): QAView {
  return {
    entryId: entry._id,
    question: entry.title,
    answer: entry.body,
    category: entry.category ?? '其他',
    answeredBy,
    publishedAt: entry.publishedAt,
    disclaimer: HEALTH_DISCLAIMER,
  }
}

export function qaSummaryView(entry: EntryDoc, answeredBy: string): QASummaryView {
  return {
    entryId: entry._id,
    question: entry.title,
    answerExcerpt: excerpt(entry.body, 60),
    category: entry.category ?? '其他',
    answeredBy,
    publishedAt: entry.publishedAt,
  }
}

export function tipView(doc: TipDoc, author: string): TipView {
  return {
    tipId: doc._id,
    title: doc.title,
    body: doc.body,
    tags: doc.tags,
    author,
    publishedAt: doc.publishedAt,
    ...(doc.updatedAt !== null ? { updatedAt: doc.updatedAt } : {}),
    month: shanghaiMonth(doc.publishedAt),
  }
}

export function tipSummaryView(doc: TipDoc, author: string): TipSummaryView {
  return {
    tipId: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.body, 50),
    tags: doc.tags,
    author,
    publishedAt: doc.publishedAt,
  }
}
