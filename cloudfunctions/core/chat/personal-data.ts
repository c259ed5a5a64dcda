import type { PersonalDataSection } from '../shared/personal-data'
import type { MessageDoc, MuteDoc, ReadMarkDoc, ReportFilingDoc } from './chat.docs'
import { withdrawFilingsOf } from './moderation'
import { shownText, stateOf } from './views'

/**
 * Chat's share of a person's data. Export: the messages they wrote, the reports they filed, their
 * read marks and mutes. Erase: what they wrote stays in the conversation (neighbours replied to
 * it) but names are resolved when read, so it shows 已注销用户; read marks, mutes, reader leases
 * and the reports they filed go.
 */
export const chatPersonalData: PersonalDataSection = {
  name: 'chat',
  async export(deps, userId) {
    const messages: MessageDoc[] = []
    for (let skip = 0; ; skip += 1000) {
      const page = await deps.store.find<MessageDoc>('messages', { senderId: userId }, { orderBy: [['createdAt', 'asc']], limit: 1000, skip })
      messages.push(...page)
      if (page.length < 1000) break
    }
    const [filings, reads, mutes] = await Promise.all([
      deps.store.find<ReportFilingDoc>('chat_report_filings', { reporterId: userId }, { limit: 1000 }),
      deps.store.find<ReadMarkDoc>('chat_reads', { userId }, { limit: 1000 }),
      deps.store.find<MuteDoc>('chat_mutes', { userId }, { limit: 1000 }),
    ])
    return {
      messages: messages.map((m) => ({ groupId: m.groupId, text: m.text ?? shownText(m), state: stateOf(m), sentAt: m.createdAt })),
      reportsFiled: filings.map((f) => ({ messageId: f.messageId, reason: f.reason, at: f.at })),
      readMarks: reads.map((r) => ({ groupId: r.groupId, upTo: r.upTo })),
      mutes: mutes.map((m) => ({ groupId: m.groupId, until: m.until })),
    }
  },
  async erase(deps, userId) {
    await deps.store.deleteWhere('chat_reads', { userId })
    await deps.store.deleteWhere('chat_mutes', { userId })
    await deps.store.deleteWhere('chat_readers', { userId })
    await withdrawFilingsOf(deps, userId)
  },
}
