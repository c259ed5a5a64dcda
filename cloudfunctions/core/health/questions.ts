import {
  findEmergencySigns,
  HEALTH_PAGES,
  type HealthCategory,
  type InboxItemView,
  type MyQuestionView,
} from '../../../contracts'
import { displayNames } from '../account/people'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { AppError, notFound } from '../shared/errors'
import type { EntryDoc, QuestionDoc } from './health.docs'
import { aliasFor } from './pseudonyms'
import { isFlagged } from './urgent'
import { inboxItemView, myQuestionView } from './views'

export const MY_QUESTIONS_LIMIT = 200
export const INBOX_LIMIT = 200

/** Someone else's question is "not found", exactly like one that does not exist. */
function notYours(): AppError {
  return notFound('没有找到这个问题')
}

async function answererName(ctx: RequestContext, doc: QuestionDoc): Promise<string | undefined> {
  if (!doc.answeredBy) return undefined
  return (await displayNames(ctx.deps.store, [doc.answeredBy])).get(doc.answeredBy)
}

export async function ask(
  ctx: RequestContext,
  input: { question: string; category: HealthCategory; allowPublish: boolean },
): Promise<MyQuestionView> {
  const { deps, caller } = ctx
  await ensureAcceptableText(deps, [input.question], 'forum', caller.openid)
  const alias = await aliasFor(deps, caller.userId)
  const doc: QuestionDoc = {
    _id: deps.ids.next('hq'),
    askerId: caller.userId,
    alias,
    question: input.question,
    category: input.category,
    allowPublish: input.allowPublish,
    status: 'waiting',
    // The guidance goes back in this very reply: nobody has to read the question first.
    emergencySigns: findEmergencySigns(input.question),
    createdAt: deps.clock.now(),
    withdrawnAt: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    publishedEntryId: null,
  }
  await deps.store.insert('health_questions', doc)
  return myQuestionView(doc, undefined)
}

export async function myQuestions(ctx: RequestContext): Promise<{ questions: MyQuestionView[] }> {
  const { deps, caller } = ctx
  const docs = await deps.store.find(
    'health_questions',
    { askerId: caller.userId },
    { orderBy: [['createdAt', 'desc']], limit: MY_QUESTIONS_LIMIT },
  )
  const names = await displayNames(deps.store, [...new Set(docs.flatMap((d) => (d.answeredBy ? [d.answeredBy] : [])))])
  return { questions: docs.map((d) => myQuestionView(d, d.answeredBy ? names.get(d.answeredBy) : undefined)) }
}

export async function withdraw(ctx: RequestContext, input: { questionId: string }): Promise<MyQuestionView> {
  const { deps, caller } = ctx
  const doc = await deps.store.transaction(async (tx) => {
    const found = await tx.get('health_questions', input.questionId)
    if (!found || found.askerId !== caller.userId) throw notYours()
    if (found.status === 'answered') throw new AppError('HEALTH.ALREADY_ANSWERED', '这个问题已经回复了，不能再撤回')
    if (found.status === 'withdrawn') return found
    const withdrawnAt = deps.clock.now()
    await tx.update('health_questions', found._id, { set: { status: 'withdrawn', withdrawnAt } })
    return { ...found, status: 'withdrawn' as const, withdrawnAt }
  })
  return myQuestionView(doc, await answererName(ctx, doc))
}

/**
 * What waits for the columnist: questions flagged 含急症信号 first, then the rest, each group
 * oldest first (the page shows how long each has waited).
 */
export async function inbox(ctx: RequestContext): Promise<{ items: InboxItemView[]; total: number }> {
  const { deps } = ctx
  const [docs, total] = await Promise.all([
    deps.store.find('health_questions', { status: 'waiting' }, { orderBy: [['createdAt', 'asc']], limit: INBOX_LIMIT }),
    deps.store.count('health_questions', { status: 'waiting' }),
  ])
  // Array.prototype.sort is stable: within each group the store's oldest-first order stays.
  const urgentFirst = [...docs].sort((a, b) => Number(isFlagged(b)) - Number(isFlagged(a)))
  return { items: urgentFirst.map(inboxItemView), total }
}

export async function inboxItem(ctx: RequestContext, input: { questionId: string }): Promise<InboxItemView> {
  const doc = await ctx.deps.store.get('health_questions', input.questionId)
  // Withdrawn questions leave the inbox for good; answered ones are done.
  if (!doc || doc.status === 'withdrawn') throw notFound('这个问题已被提问人撤回或不存在')
  if (doc.status === 'answered') throw new AppError('HEALTH.ALREADY_ANSWERED')
  return inboxItemView(doc)
}

export async function answer(
  ctx: RequestContext,
  input: { questionId: string; answer: string; publish: boolean; editedQuestion?: string },
): Promise<{ questionId: string; status: 'answered'; published: boolean; entryId?: string }> {
  const { deps, caller } = ctx
  const before = await deps.store.get('health_questions', input.questionId)
  if (!before || before.status === 'withdrawn') throw notFound('这个问题已被提问人撤回或不存在')
  if (before.status === 'answered') throw new AppError('HEALTH.ALREADY_ANSWERED')
  if (input.publish && !before.allowPublish) throw new AppError('HEALTH.PUBLISH_NOT_ALLOWED')
  await ensureAcceptableText(deps, [input.answer, input.editedQuestion], 'forum', caller.openid)

  const now = deps.clock.now()
  const entryId = input.publish ? deps.ids.next('qa') : null
  const doc = await deps.store.transaction(async (tx) => {
    // Checked again inside: the asker may have withdrawn, or another columnist answered, meanwhile.
    const current = await tx.get('health_questions', input.questionId)
    if (!current || current.status === 'withdrawn') throw notFound('这个问题已被提问人撤回或不存在')
    if (current.status === 'answered') throw new AppError('HEALTH.ALREADY_ANSWERED')
    if (input.publish && !current.allowPublish) throw new AppError('HEALTH.PUBLISH_NOT_ALLOWED')
    await tx.update('health_questions', current._id, {
      set: {
        status: 'answered',
        answer: input.answer,
        answeredBy: caller.userId,
        answeredAt: now,
        publishedEntryId: entryId,
      },
    })
    if (entryId) {
      // The public copy: the question as the columnist edited it, the answer, the category. Nothing about the asker.
      const entry: EntryDoc = {
        _id: entryId,
        kind: 'qa',
        title: input.editedQuestion ?? current.question,
        body: input.answer,
        tags: [],
        tagText: '',
        category: current.category,
        authorId: caller.userId,
        publishedAt: now,
      }
      await tx.insert('health_entries', entry)
    }
    return current
  })

  try {
    // No health details in the notification: it may travel as a WeChat message.
    await deps.notifier.notify([doc.askerId], {
      kind: 'healthAnswer',
      templateKey: 'healthAnswer',
      title: '您的健康提问有回复了',
      body: `${caller.nickname}回复了您在“${doc.category}”分类的提问，点开查看。`,
      link: `${HEALTH_PAGES.mine}?id=${doc._id}`,
    })
  } catch (error) {
    deps.log.warn(
      { requestId: ctx.requestId, questionId: doc._id, error: (error as Error).message },
      'health answer notification failed',
    )
  }
  return { questionId: doc._id, status: 'answered', published: entryId !== null, ...(entryId ? { entryId } : {}) }
}
