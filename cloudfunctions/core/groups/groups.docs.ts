import type { Doc } from '../shared/document-store'

export type GroupKind = 'building' | 'interest'

export interface GroupDoc extends Doc {
  kind: GroupKind
  /** The building, for a building group; null for interest groups. */
  buildingId: string | null
  name: string
  description: string
  createdAt: number
  createdBy: string
}

export type GroupRole = 'member' | 'organiser'

export interface GroupMemberDoc extends Doc {
  groupId: string
  userId: string
  role: GroupRole
  joinedAt: number
}

/** Every building has exactly one group, with a predictable id. */
export function buildingGroupId(buildingId: string): string {
  return `bg-${buildingId}`
}

export function groupMemberId(groupId: string, userId: string): string {
  return `${groupId}:${userId}`
}
