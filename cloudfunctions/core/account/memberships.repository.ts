import { MAX_FIND_LIMIT, type DocumentStore } from '../shared/document-store'
import { lastOf } from '../shared/lists'
import type { MembershipDoc, RoleGrantDoc } from './account.docs'

/**
 * Who lives where and who leads which building, as other features read it. `memberships` and
 * `role_grants` belong to the account feature; everyone else reads them through these functions.
 */

/** Every verified membership of the neighbourhood, paged by `_id` (thousands of residents). */
export async function allVerifiedMemberships(store: DocumentStore): Promise<MembershipDoc[]> {
  const all: MembershipDoc[] = []
  let after: string | null = null
  for (;;) {
    const page: MembershipDoc[] = await store.find(
      'memberships',
      after === null ? { status: 'verified' } : { status: 'verified', _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}

/** The verified residents of one building, oldest first, in pages of 1,000. */
export async function verifiedMembershipsOfBuilding(
  store: DocumentStore,
  buildingId: string,
): Promise<MembershipDoc[]> {
  const all: MembershipDoc[] = []
  for (let skip = 0; ; skip += MAX_FIND_LIMIT) {
    const page = await store.find(
      'memberships',
      { buildingId, status: 'verified' },
      { orderBy: [['createdAt', 'asc']], limit: MAX_FIND_LIMIT, skip },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
  }
}

/** The verified residents of one household (a flat has a few). */
export async function verifiedMembershipsOfHousehold(
  store: DocumentStore,
  householdId: string,
): Promise<MembershipDoc[]> {
  return store.find('memberships', { householdId, status: 'verified' }, { limit: 50 })
}

/** Every leader grant of the neighbourhood, paged by `_id`. */
export async function allLeaderGrants(store: DocumentStore): Promise<RoleGrantDoc[]> {
  const all: RoleGrantDoc[] = []
  let after: string | null = null
  for (;;) {
    const page: RoleGrantDoc[] = await store.find(
      'role_grants',
      after === null ? { role: 'leader' } : { role: 'leader', _id: { $gt: after } },
      { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
    after = lastOf(page)._id
  }
}

/** How many verified residents a building has (one count, not a listing). */
export async function countVerifiedMembers(store: DocumentStore, buildingId: string): Promise<number> {
  return store.count('memberships', { buildingId, status: 'verified' })
}
