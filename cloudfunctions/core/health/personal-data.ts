import { QUESTION_STATUS_NAMES } from '../../../contracts'
import type { PersonalDataSection } from '../shared/personal-data'
import type { AliasDoc, FollowerDoc, QuestionDoc } from './health.docs'
import { PSEUDONYM_PREFIX } from './views'

const PAGE = 1000

async function questionsOf(deps: Parameters<PersonalDataSection['export']>[0], userId: string): Promise<QuestionDoc[]> {
  return deps.store.find<QuestionDoc>('health_questions', { askerId: userId }, { orderBy: [['createdAt', 'desc']], limit: PAGE })
}

/**
 * The health column's share of a person's data: their questions (with answers), whether they
 * follow the column, and the pseudonym columnists saw. Erasing removes all of it — including the
 * published, anonymised copies of their questions, because the question was theirs. Tips and
 * answers a columnist wrote stay; the author shows as 已注销用户.
 */
export const healthPersonalData: PersonalDataSection = {
  name: 'health',
  async export(deps, userId) {
    const [questions, alias, follower] = await Promise.all([
      questionsOf(deps, userId),
      deps.store.get<AliasDoc>('health_aliases', userId),
      deps.store.get<FollowerDoc>('health_followers', userId),
    ])
    return {
      questions: questions.map((q) => ({
        question: q.question,
        category: q.category,
        allowPublish: q.allowPublish,
        status: QUESTION_STATUS_NAMES[q.status],
        askedAt: q.createdAt,
        withdrawnAt: q.withdrawnAt,
        answer: q.answer,
        answeredAt: q.answeredAt,
        publishedAnonymously: q.publishedEntryId !== null,
        emergencySigns: q.emergencySigns,
      })),
      pseudonymShownToColumnists: alias ? `${PSEUDONYM_PREFIX} ${alias.alias}` : null,
      followingColumnSince: follower?.followedAt ?? null,
    }
  },
  async erase(deps, userId) {
    for (;;) {
      const questions = await questionsOf(deps, userId)
      for (const q of questions) {
        if (q.publishedEntryId) await deps.store.delete('health_entries', q.publishedEntryId)
        await deps.store.delete('health_questions', q._id)
      }
      if (questions.length < PAGE) break
    }
    await deps.store.delete('health_aliases', userId)
    await deps.store.delete('health_followers', userId)
  },
}
