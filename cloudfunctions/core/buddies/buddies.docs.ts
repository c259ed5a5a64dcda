import type { BuddyProfileFields, HelpStatus, Interest, ProposalStatus, Skill } from '../../../contracts'
import type { Doc } from '../shared/document-store'
import type { GroupDoc } from '../groups/groups.docs'

/** The consent text on the sign-up form; bump when it changes (stored with each consent). */
export const BUDDY_CONSENT_VERSION = '2026-11'

/** One buddy's profile; `_id` is the userId, so a person has at most one. */
export interface BuddyDoc extends Doc, Omit<BuddyProfileFields, 'workplace'> {
  userId: string
  /** null when not given (the view leaves it out). */
  workplace: string | null
  consentVersion: string
  consentAt: number
  createdAt: number
  updatedAt: number
}

/** An interest group is a core/groups document of kind `interest`, tagged with interests. */
export interface InterestGroupDoc extends GroupDoc {
  kind: 'interest'
  buildingId: null
  interests: Interest[]
  /** The proposal it came from, when a buddy proposed it. */
  proposalId?: string
}

/** A stored group is an interest group when its kind says so (the store types `groups` as GroupDoc). */
export function isInterestGroup(group: GroupDoc): group is InterestGroupDoc {
  return group.kind === 'interest'
}

export interface ProposalDoc extends Doc {
  proposerId: string
  name: string
  description: string
  interests: Interest[]
  status: ProposalStatus
  reason?: string
  groupId?: string
  createdAt: number
  reviewedAt?: number
  reviewedBy?: string
}

export interface HelpRequestDoc extends Doc {
  /** Who owns the request: the resident, or the leader who asked on a resident's behalf. */
  requesterId: string
  onBehalf: boolean
  buildingId: string
  estateId: string
  /** The household to go to; removed when the requester's account is erased. */
  householdId: string | null
  room: string | null
  skill: Skill
  when: string
  note: string
  status: HelpStatus
  /** The buddy whose offer holds the request (offered, accepted, completed); null otherwise. */
  helperId: string | null
  /** Buddies the requester said no to: they are not offered this request again. */
  declinedHelperIds: string[]
  minutes?: number
  createdAt: number
  offeredAt?: number
  acceptedAt?: number
  completedAt?: number
  confirmedBy?: string
  cancelledAt?: number
  cancelledBy?: string
}

/** One confirmed stretch of volunteering; `_id` = `help:<requestId>`, so a request counts once. */
export interface VolunteerHoursDoc extends Doc {
  userId: string
  source: 'help'
  requestId: string
  skill: Skill
  minutes: number
  confirmedAt: number
  confirmedBy: string
}

export function hoursId(requestId: string): string {
  return `help:${requestId}`
}

/** The group created when a proposal is approved: one per proposal, whoever approves it. */
export function proposalGroupId(proposalId: string): string {
  return `ig-${proposalId}`
}
