import { insertGroup } from '../groups/groups.repository'
import { putGroupMember } from '../groups/group-members.repository'
import { BUDDY_PAGES, type GroupProposalView, type ProposalStatus } from '../../../contracts'
import { holdersOf } from '../account/roles'
import { groupMemberId } from '../groups/groups.docs'
import { isAdminCaller } from '../shared/caller'
import type { RequestContext } from '../shared/context'
import { AppError, notFound } from '../shared/errors'
import { proposalGroupId, type ProposalDoc } from './buddies.docs'
import { checkGroupText, ensureNameFree, type GroupInput } from './groups'
import { buddyNames } from './lookups'
import { requireBuddy } from './profile'
import { firstOf } from '../shared/lists'

function proposalView(doc: ProposalDoc, proposerName: string): GroupProposalView {
  return {
    proposalId: doc._id,
    name: doc.name,
    description: doc.description,
    interests: doc.interests,
    proposerId: doc.proposerId,
    proposerName,
    status: doc.status,
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.groupId ? { groupId: doc.groupId } : {}),
    createdAt: doc.createdAt,
    ...(doc.reviewedAt ? { reviewedAt: doc.reviewedAt } : {}),
  }
}

async function views(ctx: RequestContext, docs: ProposalDoc[]): Promise<GroupProposalView[]> {
  const names = await buddyNames(
    ctx.deps.store,
    docs.map((d) => d.proposerId),
  )
  return docs.map((d) => proposalView(d, names.get(d.proposerId) ?? ''))
}

/** A buddy asks the committee for a new interest group; approved, the proposer organises it. */
export async function proposeGroup(ctx: RequestContext, input: GroupInput): Promise<GroupProposalView> {
  const { deps, caller } = ctx
  await requireBuddy(deps.store, caller)
  await ensureNameFree(deps.store, input.name)
  await checkGroupText(ctx, input)
  const doc: ProposalDoc = {
    _id: deps.ids.next('gp'),
    proposerId: caller.userId,
    name: input.name,
    description: input.description,
    interests: input.interests,
    status: 'pending',
    createdAt: deps.clock.now(),
  }
  await deps.store.insert('group_proposals', doc)
  await deps.notifier.notify(await holdersOf(deps.store, 'admin'), {
    kind: 'buddyProposal',
    title: '新的兴趣小组申请',
    body: `网络小伙伴提议成立「${input.name}」，请审核。`,
    link: BUDDY_PAGES.proposals,
  })
  return firstOf(await views(ctx, [doc]))
}

/** The committee sees every proposal; a buddy sees their own. Pending first by default. */
export async function listProposals(
  ctx: RequestContext,
  input: { status?: ProposalStatus },
): Promise<{ proposals: GroupProposalView[] }> {
  const { deps, caller } = ctx
  const filter = {
    ...(isAdminCaller(caller) ? {} : { proposerId: caller.userId }),
    ...(input.status ? { status: input.status } : {}),
  }
  const docs = await deps.store.find('group_proposals', filter, {
    orderBy: [['createdAt', 'desc']],
    limit: 200,
  })
  // Waiting ones first; within each, newest first.
  const order: Record<ProposalStatus, number> = { pending: 0, approved: 1, rejected: 2 }
  docs.sort((a, b) => order[a.status] - order[b.status] || b.createdAt - a.createdAt)
  return { proposals: await views(ctx, docs) }
}

export async function reviewProposal(
  ctx: RequestContext,
  input: { proposalId: string; decision: 'approve' | 'reject'; reason?: string },
): Promise<GroupProposalView> {
  const { deps, caller } = ctx
  const existing = await deps.store.get('group_proposals', input.proposalId)
  if (!existing) throw notFound('没有这份小组申请')
  if (existing.status !== 'pending') throw new AppError('BUDDY.ALREADY_REVIEWED')
  if (input.decision === 'approve') {
    if (!(await deps.store.get('buddies', existing.proposerId))) {
      throw new AppError('CONFLICT', '提议人已经退出网络小伙伴，不能由他来组织了；可以由居委会直接创建这个小组')
    }
    await ensureNameFree(deps.store, existing.name)
  }
  const now = deps.clock.now()
  const groupId = proposalGroupId(existing._id)
  const reviewed = await deps.store.transaction(async (tx) => {
    const proposal = await tx.get('group_proposals', input.proposalId)
    if (!proposal) throw notFound('没有这份小组申请')
    if (proposal.status !== 'pending') throw new AppError('BUDDY.ALREADY_REVIEWED')
    const next: ProposalDoc = {
      ...proposal,
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      reviewedAt: now,
      reviewedBy: caller.userId,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.decision === 'approve' ? { groupId } : {}),
    }
    await tx.put('group_proposals', next)
    if (input.decision === 'approve') {
      await insertGroup(tx, {
        _id: groupId,
        kind: 'interest',
        buildingId: null,
        name: proposal.name,
        description: proposal.description,
        interests: proposal.interests,
        proposalId: proposal._id,
        createdAt: now,
        createdBy: caller.userId,
      })
      await putGroupMember(tx, {
        _id: groupMemberId(groupId, proposal.proposerId),
        groupId,
        userId: proposal.proposerId,
        role: 'organiser',
        joinedAt: now,
      })
    }
    return next
  })
  const approved = reviewed.status === 'approved'
  await deps.notifier.notify([reviewed.proposerId], {
    kind: 'buddyProposal',
    title: approved ? '兴趣小组申请已通过' : '兴趣小组申请未通过',
    body: approved
      ? `「${reviewed.name}」成立了，您是组织者。快邀请邻居们加入吧！`
      : `「${reviewed.name}」的申请未通过${reviewed.reason ? `：${reviewed.reason}` : ''}。`,
    link: approved ? `${BUDDY_PAGES.group}?id=${groupId}` : BUDDY_PAGES.proposals,
  })
  return firstOf(await views(ctx, [reviewed]))
}
