import type { MembershipStatus, RoleGrant } from '../../../contracts'

/** Who is calling, as the database knows them. Never built from anything the client sent. */
export interface Caller {
  userId: string
  openid: string
  nickname: string
  roles: RoleGrant[]
  /** Their current (latest) building membership, whatever its status. */
  membership: {
    membershipId: string
    buildingId: string
    householdId: string
    room: string
    status: MembershipStatus
  } | null
}

export function isAdminCaller(caller: Caller): boolean {
  return caller.roles.some((r) => r.role === 'admin')
}

export function isColumnistCaller(caller: Caller): boolean {
  return caller.roles.some((r) => r.role === 'columnist')
}

export function leadsBuilding(caller: Caller, buildingId: string): boolean {
  return caller.roles.some((r) => r.role === 'leader' && r.buildingId === buildingId)
}

export function verifiedBuildingOf(caller: Caller): string | null {
  return caller.membership?.status === 'verified' ? caller.membership.buildingId : null
}

export function isVerifiedResidentOf(caller: Caller, buildingId: string): boolean {
  return verifiedBuildingOf(caller) === buildingId
}
