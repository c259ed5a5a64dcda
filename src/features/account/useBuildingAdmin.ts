import type { MeView, Role } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { accountApi } from './api'

/** A building's verified residents (for its leader, or the committee choosing a leader). */
export function useResidents(buildingId: string | null) {
  return useRemote(() => accountApi.listResidents({ buildingId: buildingId ?? '' }), [buildingId], {
    enabled: !!buildingId,
  })
}

/** The leader marks a resident as moved away: they leave the building's group. */
export function useRemoveResident() {
  return useAction((membershipId: string) => accountApi.removeResident({ membershipId, reason: '已搬走' }))
}

/** The leader approves or rejects one application (with a reason when rejecting). */
export function useReviewApplication(membershipId: string) {
  return useAction((decision: 'approve' | 'reject', reason: string) =>
    accountApi.reviewApplication({
      membershipId,
      decision,
      ...(decision === 'reject' && reason.trim() ? { reason: reason.trim() } : {}),
    }),
  )
}

/** The lobby poster of a building (its join code and QR), and changing the code. */
export function useJoinPoster(buildingId: string | null) {
  const poster = useRemote(() => accountApi.joinPoster({ buildingId: buildingId ?? '' }), [buildingId], {
    enabled: !!buildingId,
  })
  const rotate = useAction(async () => {
    if (!buildingId) return
    poster.setData(await accountApi.rotateJoinCode({ buildingId }))
  })
  return { poster, rotate }
}

/** Who holds which role (leaders, columnists, the committee). */
export function useStaff() {
  return useRemote(() => accountApi.listStaff(), [])
}

/** The committee gives a role or takes it back; a leader's role is for one building. */
export function useChangeRole() {
  return useAction(async (kind: 'assign' | 'revoke', userId: string, role: Role, forBuilding?: string) => {
    const input = { userId, role, ...(role === 'leader' && forBuilding ? { buildingId: forBuilding } : {}) }
    if (kind === 'assign') await accountApi.assignRole(input)
    else await accountApi.revokeRole(input)
  })
}

/** The first committee worker claims the committee with the code printed when the household list was loaded. */
export function useClaimCommittee(onClaimed: (me: MeView) => void) {
  // `call` checks the code's shape first (12 digits), so a typo is answered without a round trip.
  return useAction(async (code: string) => onClaimed(await accountApi.claimCommittee({ code })))
}

/** How many applications wait in the buildings I lead (首页's reminder); nothing to load when I lead none. */
export function usePendingApplications(buildingIds: string[]) {
  return useRemote(
    async () => {
      const lists = await Promise.all(buildingIds.map((buildingId) => accountApi.listApplications({ buildingId })))
      return lists.reduce((n, list) => n + list.pending, 0)
    },
    [buildingIds.join(',')],
    { enabled: buildingIds.length > 0 },
  )
}
