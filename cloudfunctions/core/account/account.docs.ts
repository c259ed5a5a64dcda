import type { MembershipStatus, RoleGrant } from '../../../contracts'
import type { Doc } from '../shared/document-store'

export interface EstateDoc extends Doc {
  name: string
  order: number
}

export interface BuildingDoc extends Doc {
  estateId: string
  /** e.g. 5号楼 */
  name: string
  order: number
  householdCount: number
  /** From the committee's sheet: who leads the building, as the committee noted it (a name, not an account). */
  leaderNote?: string | null
}

export interface JoinCodeDoc extends Doc {
  /** _id is the buildingId */
  code: string
  rotatedAt: number
}

export interface HouseholdDoc extends Doc {
  buildingId: string
  room: string
}

/** The user's current building membership, copied onto the user so each request needs one read. */
export interface MembershipRef {
  membershipId: string
  buildingId: string
  householdId: string
  room: string
  status: MembershipStatus
}

export interface UserDoc extends Doc {
  openid: string
  nickname: string
  avatarUrl?: string
  largeText: boolean
  roles: RoleGrant[]
  membership: MembershipRef | null
  privacyAcceptedVersion: string | null
  privacyAcceptedAt?: number
  createdAt: number
  deletedAt?: number
}

export interface MembershipDoc extends Doc {
  userId: string
  buildingId: string
  householdId: string
  room: string
  status: MembershipStatus
  verifiedBy?: 'joinCode' | 'review'
  createdAt: number
  reviewedAt?: number
  reviewedBy?: string
  reason?: string
  endedAt?: number
}

/** One role held by one user; `_id` = `${userId}:${role}:${buildingId ?? '-'}` keeps grants unique. */
export interface RoleGrantDoc extends Doc {
  userId: string
  role: RoleGrant['role']
  buildingId: string | null
  grantedAt: number
  grantedBy: string
}

export function roleGrantId(userId: string, grant: RoleGrant): string {
  return `${userId}:${grant.role}:${grant.buildingId ?? '-'}`
}

export const DELETED_USER_NAME = '已注销用户'

export function householdId(buildingId: string, room: string): string {
  return `${buildingId}~${room.toUpperCase()}`
}
