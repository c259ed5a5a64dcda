import { deleteGroupMember, groupsOfMember } from '../groups/group-members.repository'
import { loadBuilding } from '../account/views'
import { isAdminCaller, verifiedBuildingOf, type Caller } from '../shared/caller'
import type { EndingHandler } from '../shared/endings'
import type { Deps } from '../shared/ports'
import type { HelpRequestDoc } from './buddies.docs'
import { requesterRecipients, tell } from './help'

const ACTIVE = ['open', 'offered', 'accepted']

/** Put back what a helper holds (they step back, leave the programme, move away or delete their account); `keep` spares requests they may still hold. */
export async function releaseHelperHolds(
  deps: Deps,
  helperId: string,
  why: string,
  keep: (request: HelpRequestDoc) => boolean = () => false,
): Promise<void> {
  const held = await deps.store.find(
    'help_requests',
    { helperId, status: { $in: ['offered', 'accepted'] } },
    { limit: 1000 },
  )
  for (const request of held) {
    if (keep(request)) continue
    const moved = await deps.store.updateWhere(
      'help_requests',
      { _id: request._id, helperId, status: request.status },
      { set: { status: 'open', helperId: null }, unset: ['offeredAt', 'acceptedAt'] },
    )
    if (moved === 0) continue
    await tell(deps, await requesterRecipients(deps.store, request), request, {
      title: '求助重新等待小伙伴',
      body: `「${request.skill}」：${why}，求助已重新开放，其他小伙伴可以接。`,
    })
  }
}

/** Help a resident asked for their own household ends when the household is no longer theirs; the helper is told not to come. */
async function cancelHelpForFormerHome(deps: Deps, person: Caller): Promise<void> {
  const home = person.membership?.status === 'verified' ? person.membership.householdId : null
  const asked = await deps.store.find(
    'help_requests',
    { requesterId: person.userId, status: { $in: ACTIVE } },
    { limit: 1000 },
  )
  for (const request of asked) {
    // Asked for another household by a leader: that resident still needs it; whoever leads the building now carries on.
    if (request.onBehalf || request.householdId === home) continue
    const moved = await deps.store.updateWhere(
      'help_requests',
      { _id: request._id, status: request.status },
      { set: { status: 'cancelled', cancelledAt: deps.clock.now(), cancelledBy: person.userId } },
    )
    if (moved && request.helperId)
      await tell(deps, [request.helperId], request, {
        title: '求助已取消',
        body: `「${request.skill}」的求助已取消，不用去了。谢谢您！`,
      })
  }
}

/** Interest groups are for verified neighbours: someone verified nowhere any more leaves them (their chat, members and events with them). */
async function leaveInterestGroups(deps: Deps, person: Caller): Promise<void> {
  if (verifiedBuildingOf(person) || isAdminCaller(person)) return
  const rows = await groupsOfMember(deps.store, person.userId, 1000)
  for (const row of rows) await deleteGroupMember(deps.store, row.groupId, row.userId)
}

export const buddiesEndings: EndingHandler = {
  name: '网络小伙伴：兴趣小组成员身份、正在帮的忙、为自家提的求助',
  async settle(deps, person) {
    await leaveInterestGroups(deps, person)
    // A helper goes to a household only while a verified neighbour in the same estate.
    const buildingId = verifiedBuildingOf(person)
    const estateId = buildingId ? ((await loadBuilding(deps.store, buildingId))?.building.estateId ?? null) : null
    await releaseHelperHolds(
      deps,
      person.userId,
      '原来的小伙伴已不在本小区',
      (request) => request.estateId === estateId,
    )
    await cancelHelpForFormerHome(deps, person)
  },
}
