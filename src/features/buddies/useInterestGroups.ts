import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { GroupPersonView, GroupProposalView, Interest, InterestGroupDetail } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { buddiesApi, messageOf } from './api'

/** The interest groups (recommended for me, mine, the others); loads only when I may see them. */
export function useInterestGroups(allowed: boolean) {
  return useRemote(() => buddiesApi.listGroups(), [], { enabled: allowed })
}

/**
 * One group, and what I can do there: join, leave, and (organisers) make a member an organiser or
 * not. `busy` is 'join', 'leave' or the member's user id.
 */
export function useInterestGroup(groupId: string) {
  const remote = useRemote(() => buddiesApi.getGroup({ groupId }), [groupId], { enabled: !!groupId })
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function act(name: string, work: () => Promise<InterestGroupDetail>, done?: string) {
    setBusy(name)
    setError(null)
    try {
      remote.setData(await work())
      if (done) void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return {
    remote,
    busy,
    error,
    join: () => act('join', () => buddiesApi.joinGroup({ groupId }), '已加入'),
    leave: () => act('leave', () => buddiesApi.leaveGroup({ groupId }), '已退出'),
    toggleOrganiser: (person: GroupPersonView) =>
      act(person.userId, () =>
        buddiesApi.setOrganiser({ groupId, userId: person.userId, organiser: person.role !== 'organiser' }),
      ),
  }
}

/** Proposed groups, for the committee to review (and for a buddy to follow their own). */
export function useGroupProposals() {
  return useRemote(() => buddiesApi.listProposals({}), [])
}

/** The committee approves a proposed group, or rejects it with a reason. */
export function useReviewProposal(proposal: GroupProposalView) {
  return useAction((decision: 'approve' | 'reject', reason: string) =>
    buddiesApi.reviewProposal({
      proposalId: proposal.proposalId,
      decision,
      ...(decision === 'reject' && reason.trim() ? { reason: reason.trim() } : {}),
    }),
  )
}

export interface GroupFields {
  name: string
  description: string
  interests: Interest[]
}

/** The committee creates a group at once (resolving with its id); a buddy proposes one for review. */
export function useProposeGroup(committee: boolean) {
  return useAction(async (input: GroupFields): Promise<{ createdId: string | null }> => {
    if (committee) return { createdId: (await buddiesApi.createGroup(input)).groupId }
    await buddiesApi.proposeGroup(input)
    return { createdId: null }
  })
}
