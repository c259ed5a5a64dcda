import { getGroups } from '../groups/groups.repository'
import { groupsOfMember, organisersOfGroup } from '../groups/group-members.repository'
import { MUTE_CHOICES, type ReportStatus, type ReportView } from '../../../contracts'
import { holdersOf } from '../account/roles'
import { groupAccess } from '../groups/access'
import { buildingGroupId, type GroupDoc } from '../groups/groups.docs'
import { isAdminCaller, type Caller } from '../shared/caller'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore, Filter } from '../shared/document-store'
import { AppError, forbidden, notFound } from '../shared/errors'
import { describePeople, requireAccess, requireModerator } from './access'
import { filingId, groupIdOfMessage, memberKey, type ReportDoc } from './chat.docs'
import { changeMessage, publishChange } from './messages'
import { deleteMediaFiles } from './media-files'
import { messageViews, shownText, stateOf } from './views'
import { firstOf } from '../shared/lists'

const REPORTS_LINK = '/packages/chat/pages/reports/index'

/** Who should hear about a new report: the group's leaders or organisers (the committee looks at the queue itself). */
async function moderatorsToTell(store: DocumentStore, group: GroupDoc): Promise<string[]> {
  if (group.kind === 'building' && group.buildingId) return holdersOf(store, 'leader', group.buildingId)
  const rows = await organisersOfGroup(store, group._id, 50)
  return rows.map((r) => r.userId)
}

export async function report(
  ctx: RequestContext,
  input: { messageId: string; reason: string },
): Promise<{ reportId: string; status: ReportStatus }> {
  const { deps, caller } = ctx
  const { store } = deps
  const { group } = await requireAccess(store, caller, groupIdOfMessage(input.messageId), ctx.loaded)
  const message = await store.get('messages', input.messageId)
  if (!message) throw notFound('这条消息不存在')
  if (message.senderId === caller.userId) throw forbidden('不能举报自己的消息，想收回可以撤回')
  await ensureAcceptableText(deps, [input.reason], 'comment', caller.openid)
  const now = deps.clock.now()
  const { status, opened } = await store.transaction(async (tx) => {
    const filing = await tx.get('chat_report_filings', filingId(message._id, caller.userId))
    const existing = await tx.get('chat_reports', message._id)
    // Reporting the same message again changes nothing: one person, one report.
    if (filing && existing) return { status: existing.status, opened: false }
    await tx.put('chat_report_filings', {
      _id: filingId(message._id, caller.userId),
      messageId: message._id,
      groupId: group._id,
      reporterId: caller.userId,
      reason: input.reason,
      at: now,
    })
    if (!existing) {
      await tx.insert('chat_reports', {
        _id: message._id,
        groupId: group._id,
        messageId: message._id,
        senderId: message.senderId,
        excerpt: shownText(message),
        sentAt: message.createdAt,
        status: 'open',
        reasons: [input.reason],
        reporterCount: 1,
        firstReportedAt: now,
        lastReportedAt: now,
        resolvedAt: null,
        resolvedBy: null,
      })
      return { status: 'open' as const, opened: true }
    }
    // A message kept after review comes back to the queue when someone else reports it; a hidden one stays hidden.
    const reopen = existing.status === 'kept'
    await tx.put('chat_reports', {
      ...existing,
      reasons: existing.reasons.includes(input.reason) ? existing.reasons : [...existing.reasons, input.reason],
      reporterCount: existing.reporterCount + 1,
      lastReportedAt: now,
      ...(reopen ? { status: 'open' as const, resolvedAt: null, resolvedBy: null } : {}),
    })
    return { status: reopen ? ('open' as const) : existing.status, opened: reopen }
  })
  if (opened) {
    await deps.notifier.notify(await moderatorsToTell(store, group), {
      kind: 'chatReport',
      title: '群里有消息被举报',
      body: `${group.name}有一条消息被邻居举报，请查看并处理。`,
      link: `${REPORTS_LINK}?groupId=${group._id}`,
    })
  }
  return { reportId: message._id, status }
}

/** Groups this person moderates: led buildings, organised interest groups; null = every group (committee). */
async function moderatedGroupIds(store: DocumentStore, caller: Caller): Promise<string[] | null> {
  if (isAdminCaller(caller)) return null
  const ids: string[] = []
  for (const grant of caller.roles)
    if (grant.role === 'leader' && grant.buildingId) ids.push(buildingGroupId(grant.buildingId))
  const organised = await groupsOfMember(store, caller.userId, 200, 'organiser')
  ids.push(...organised.map((r) => r.groupId))
  // Standing is decided live: keep only those groupAccess still confirms.
  const confirmed: string[] = []
  for (const id of ids) if ((await groupAccess(store, caller, id))?.standing === 'moderator') confirmed.push(id)
  return confirmed
}

async function reportViews(store: DocumentStore, reports: readonly ReportDoc[]): Promise<ReportView[]> {
  const groups = new Map((await getGroups(store, [...new Set(reports.map((r) => r.groupId))])).map((g) => [g._id, g]))
  const messages = new Map(
    (
      await store.getMany(
        'messages',
        reports.map((r) => r.messageId),
      )
    ).map((m) => [m._id, m]),
  )
  const views: ReportView[] = []
  for (const r of reports) {
    const group = groups.get(r.groupId)
    if (!group) continue
    const people = await describePeople(store, group, [r.senderId])
    const message = messages.get(r.messageId)
    views.push({
      reportId: r._id,
      groupId: r.groupId,
      groupName: group.name,
      messageId: r.messageId,
      senderId: r.senderId,
      senderName: people.get(r.senderId)?.name ?? '',
      // Blank once the sender's account is erased: then the message as it shows now (已注销用户's words stay in the chat until hidden).
      excerpt: r.excerpt || (message ? shownText(message) : ''),
      messageState: message ? stateOf(message) : 'recalled',
      sentAt: r.sentAt,
      reasons: r.reasons,
      reporterCount: r.reporterCount,
      status: r.status,
      firstReportedAt: r.firstReportedAt,
      ...(r.resolvedAt !== null ? { resolvedAt: r.resolvedAt } : {}),
    })
  }
  return views
}

export async function listReports(
  ctx: RequestContext,
  input: { groupId?: string; status?: 'open' | 'resolved' },
): Promise<{ reports: ReportView[] }> {
  const { deps, caller } = ctx
  const { store } = deps
  let groupIds: string[] | null
  if (input.groupId) {
    await requireModerator(store, caller, input.groupId, ctx.loaded)
    groupIds = [input.groupId]
  } else {
    groupIds = await moderatedGroupIds(store, caller)
    if (groupIds && !groupIds.length) throw forbidden('只有楼组长、群组织者或居委会可以查看举报')
  }
  const resolved = input.status === 'resolved'
  const filter: Filter = {
    ...(groupIds ? { groupId: { $in: groupIds } } : {}),
    status: resolved ? { $in: ['hidden', 'kept'] } : 'open',
  }
  const docs = await store.find('chat_reports', filter, {
    orderBy: [resolved ? ['resolvedAt', 'desc'] : ['firstReportedAt', 'asc']],
    limit: resolved ? 50 : 200,
  })
  return { reports: await reportViews(store, docs) }
}

export async function resolveReport(
  ctx: RequestContext,
  input: { reportId: string; decision: 'hide' | 'keep' },
): Promise<ReportView> {
  const { deps, caller } = ctx
  const { store } = deps
  const { group } = await requireModerator(store, caller, groupIdOfMessage(input.reportId), ctx.loaded)
  const existing = await store.get('chat_reports', input.reportId)
  if (!existing) throw notFound('没有这条举报')
  if (existing.status !== 'open') throw new AppError('CHAT.REPORT_RESOLVED')
  const now = deps.clock.now()
  const status = input.decision === 'hide' ? 'hidden' : 'kept'
  // Claim the report first (only if still open), so two moderators cannot both resolve it.
  const claimed = await store.updateWhere(
    'chat_reports',
    { _id: existing._id, status: 'open' },
    { set: { status, resolvedAt: now, resolvedBy: caller.userId } },
  )
  if (!claimed) throw new AppError('CHAT.REPORT_RESOLVED')
  if (input.decision === 'hide') {
    const { doc, changed, previous } = await changeMessage(deps, existing.messageId, (current, _version, at) =>
      current.hiddenAt !== null || current.recalledAt !== null
        ? null
        : { hiddenAt: at, hiddenBy: caller.userId, text: null, ...(current.media ? { media: null } : {}) },
    )
    if (changed) await deleteMediaFiles(deps, [previous])
    if (changed) publishChange(deps, 'hidden', firstOf(await messageViews(store, group, [doc])))
  }
  return firstOf(await reportViews(store, [(await store.get('chat_reports', existing._id)) as ReportDoc]))
}

function durationWords(minutes: number): string {
  const choice = MUTE_CHOICES.find((c) => c.minutes === minutes)
  if (choice) return choice.label
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} 天`
  if (minutes % 60 === 0) return `${minutes / 60} 小时`
  return `${minutes} 分钟`
}

export async function mute(
  ctx: RequestContext,
  input: { groupId: string; userId: string; minutes: number },
): Promise<{ userId: string; until: number }> {
  const { deps, caller } = ctx
  const { group } = await requireModerator(deps.store, caller, input.groupId, ctx.loaded)
  if (input.userId === caller.userId) throw forbidden('不能禁言自己')
  const target = (await describePeople(deps.store, group, [input.userId])).get(input.userId)
  if (!target?.member) throw notFound('这个人不在群里')
  if (target.moderator) throw forbidden('不能禁言楼组长、群组织者或居委会')
  const now = deps.clock.now()
  const until = now + input.minutes * 60_000
  await deps.store.put('chat_mutes', {
    _id: memberKey(group._id, input.userId),
    groupId: group._id,
    userId: input.userId,
    until,
    by: caller.userId,
    at: now,
  })
  await deps.notifier.notify([input.userId], {
    kind: 'chatMute',
    title: '您被暂时禁言了',
    body: `您在${group.name}的发言暂时关闭 ${durationWords(input.minutes)}，到时自动恢复。如有疑问请联系楼组长。`,
    link: `/pages/group/index?groupId=${group._id}`,
  })
  return { userId: input.userId, until }
}

export async function unmute(
  ctx: RequestContext,
  input: { groupId: string; userId: string },
): Promise<{ userId: string }> {
  const { deps, caller } = ctx
  const { group } = await requireModerator(deps.store, caller, input.groupId, ctx.loaded)
  await deps.store.delete('chat_mutes', memberKey(group._id, input.userId))
  return { userId: input.userId }
}
