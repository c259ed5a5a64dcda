import type { ApplicationView, MeView, MembershipView } from '../../../contracts'
import type { DocumentStore } from '../shared/document-store'
import { notFound } from '../shared/errors'
import type { BuildingDoc, EstateDoc, MembershipDoc, UserDoc } from './account.docs'
import { getBuildingWithEstate } from './places.repository'

export interface BuildingWithEstate {
  building: BuildingDoc
  estate: EstateDoc
}

export async function loadBuilding(store: DocumentStore, buildingId: string): Promise<BuildingWithEstate | null> {
  return getBuildingWithEstate(store, buildingId)
}

export async function requireBuilding(store: DocumentStore, buildingId: string): Promise<BuildingWithEstate> {
  const found = await loadBuilding(store, buildingId)
  if (!found) throw notFound('没有这个楼组')
  return found
}

/** e.g. 金上海家园 5号楼 */
export function buildingLabel({ building, estate }: BuildingWithEstate): string {
  return `${estate.name} ${building.name}`
}

export function membershipView(membership: MembershipDoc, where: BuildingWithEstate): MembershipView {
  return {
    membershipId: membership._id,
    buildingId: membership.buildingId,
    buildingName: where.building.name,
    estateName: where.estate.name,
    room: membership.room,
    status: membership.status,
    ...(membership.verifiedBy ? { verifiedBy: membership.verifiedBy } : {}),
    ...(membership.reason ? { reason: membership.reason } : {}),
    appliedAt: membership.createdAt,
    ...(membership.reviewedAt ? { reviewedAt: membership.reviewedAt } : {}),
  }
}

export function applicationView(membership: MembershipDoc, nickname: string): ApplicationView {
  return {
    membershipId: membership._id,
    userId: membership.userId,
    nickname,
    room: membership.room,
    status: membership.status,
    appliedAt: membership.createdAt,
    ...(membership.reviewedAt ? { reviewedAt: membership.reviewedAt } : {}),
    ...(membership.reason ? { reason: membership.reason } : {}),
  }
}

export async function meView(store: DocumentStore, user: UserDoc): Promise<MeView> {
  let membership: MembershipView | null = null
  if (user.membership) {
    const [doc, where] = await Promise.all([
      store.get('memberships', user.membership.membershipId),
      loadBuilding(store, user.membership.buildingId),
    ])
    if (doc && where) membership = membershipView(doc, where)
  }
  return {
    userId: user._id,
    nickname: user.nickname,
    ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
    settings: { largeText: user.largeText },
    privacyAcceptedVersion: user.privacyAcceptedVersion,
    roles: user.roles,
    membership,
  }
}
