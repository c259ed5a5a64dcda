import { HEALTH_PAGES } from '../../../contracts'
import { holdersOf } from '../account/roles'
import type { Deps } from '../shared/ports'
import type { QuestionDoc } from './health.docs'

const MINUTE = 60 * 1000

/** A question flagged 含急症信号 that has waited this long reminds the columnists and the asker. */
export const URGENT_WAIT_MS = 120 * MINUTE

/** Waiting questions looked at per run: the inbox holds a handful, a page is plenty. */
const SCAN_LIMIT = 1000

export interface UrgentReminderRun {
  /** Flagged questions reminded in this run. */
  reminded: number
}

/** Whether a question's text carried emergency signs when it was asked. */
export function isFlagged(doc: Pick<QuestionDoc, 'emergencySigns'>): boolean {
  return doc.emergencySigns.length > 0
}

/**
 * A flagged question (含急症信号) still unanswered two hours after it was asked: the columnists
 * are reminded that it waits, and the asker is told again where to get help now — not to wait for
 * the column. Called by the timer that sends event reminders (every 5 minutes on CloudBase, every
 * 30 s locally); any number of runs, even at once, remind each question at most once:
 *
 * - the reminder is recorded on the question (`urgentRemindedAt`) in a transaction that first
 *   checks it is still waiting and not yet reminded, BEFORE anyone is notified;
 * - a question answered or withdrawn meanwhile is skipped.
 * Trade-off, as for event reminders: a crash between recording and notifying loses that reminder.
 * The notifications carry no health details (they may travel as WeChat messages).
 */
export async function remindUrgentQuestions(
  deps: Pick<Deps, 'store' | 'notifier' | 'log'>,
  now: number,
): Promise<UrgentReminderRun> {
  const waiting = await deps.store.find(
    'health_questions',
    { status: 'waiting', createdAt: { $lte: now - URGENT_WAIT_MS } },
    { orderBy: [['createdAt', 'asc']], limit: SCAN_LIMIT },
  )
  const due = waiting.filter((q) => isFlagged(q) && !q.urgentRemindedAt)
  if (!due.length) return { reminded: 0 }

  const columnistIds = await holdersOf(deps.store, 'columnist')
  let reminded = 0
  for (const question of due) {
    const claimed = await deps.store.transaction(async (tx) => {
      const current = await tx.get('health_questions', question._id)
      if (!current || current.status !== 'waiting' || current.urgentRemindedAt) return false
      await tx.update('health_questions', current._id, { set: { urgentRemindedAt: now } })
      return true
    })
    if (!claimed) continue
    reminded++
    const waitedHours = Math.floor((now - question.createdAt) / (60 * MINUTE))
    try {
      const toColumnists = columnistIds.filter((id) => id !== question.askerId)
      if (toColumnists.length)
        await deps.notifier.notify(toColumnists, {
          kind: 'healthUrgentWaiting',
          title: '有含急症信号的提问等了两个多小时',
          body: `一个含急症信号的“${question.category}”提问已等待 ${waitedHours} 小时，请尽快查看回复。`,
          link: `${HEALTH_PAGES.answer}?id=${question._id}`,
          urgent: true,
        })
      // In the app only: the asker's one-time WeChat grant (healthAnswer) is kept for the answer itself.
      await deps.notifier.notify([question.askerId], {
        kind: 'healthUrgentHelp',
        title: '身体不适请不要等回复',
        body: '医生还没来得及回复您的提问。如果症状严重或加重，请马上拨打120，或去最近的医院急诊。',
        link: `${HEALTH_PAGES.mine}?id=${question._id}`,
        urgent: true,
      })
    } catch (error) {
      deps.log.warn(
        { questionId: question._id, error: (error as Error).message },
        'urgent health question reminder failed',
      )
    }
  }
  return { reminded }
}
