import { getGroup } from '../groups/groups.repository'
import { getGroupMember, groupsOfMember } from '../groups/group-members.repository'
import type { EventAudience } from '../../../contracts'
import { buildingLabel, loadBuilding } from '../account/views'
import { type GroupMemberDoc } from '../groups/groups.docs'
import { isAdminCaller, isVerifiedResidentOf, leadsBuilding, verifiedBuildingOf, type Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { invalidInput } from '../shared/errors'
import type { AudienceKind, EventDoc } from './events.docs'

/**
 * Who an event is for, and who may publish to that audience. Decided from the database on every
 * call, like groups: a resident who moves away or a leader who steps down loses access at once.
 *
 * - building: its verified residents and its leader(s); published by its leader.
 * - interest group: its members; published by its organiser(s).
 * - neighbourhood: every verified resident (and leaders); published by the committee.
 * The committee may see, publish and manage everything.
 */

export type AudienceInput = { buildingId: string } | { groupId: string } | 'neighbourhood'

export const NEIGHBOURHOOD_LABEL = '全居民区'

export function audienceOf(event: Pick<EventDoc, 'audienceKind' | 'audienceId'>): EventAudience {
  if (event.audienceKind === 'building') return { kind: 'building', buildingId: event.audienceId ?? '' }
  if (event.audienceKind === 'group') return { kind: 'group', groupId: event.audienceId ?? '' }
  return { kind: 'neighbourhood' }
}

export function audienceFields(audience: EventAudience): {
  audienceKind: AudienceKind
  audienceId: string | null
  audienceKey: string
} {
  if (audience.kind === 'building')
    return { audienceKind: 'building', audienceId: audience.buildingId, audienceKey: `b:${audience.buildingId}` }
  if (audience.kind === 'group')
    return { audienceKind: 'group', audienceId: audience.groupId, audienceKey: `g:${audience.groupId}` }
  return { audienceKind: 'neighbourhood', audienceId: null, audienceKey: 'n' }
}

/** The audience as stored: it must exist; a building's own group means the building. */
export async function resolveAudience(store: DocumentStore, input: AudienceInput): Promise<EventAudience> {
  if (input === 'neighbourhood') return { kind: 'neighbourhood' }
  if ('buildingId' in input) {
    if (!(await loadBuilding(store, input.buildingId)))
      throw invalidInput('audience.buildingId', '发布范围：没有这个楼组')
    return { kind: 'building', buildingId: input.buildingId }
  }
  const group = await getGroup(store, input.groupId)
  if (!group) throw invalidInput('audience.groupId', '发布范围：没有这个小组')
  if (group.kind === 'building' && group.buildingId) return { kind: 'building', buildingId: group.buildingId }
  return { kind: 'group', groupId: group._id }
}

async function groupRole(
  store: DocumentStore,
  caller: Caller,
  groupId: string,
): Promise<GroupMemberDoc['role'] | null> {
  const member = await getGroupMember(store, groupId, caller.userId)
  return member?.role ?? null
}

/** May the caller publish to (and so manage events of) this audience? */
export async function mayPublishTo(store: DocumentStore, caller: Caller, audience: EventAudience): Promise<boolean> {
  if (isAdminCaller(caller)) return true
  if (audience.kind === 'building') return leadsBuilding(caller, audience.buildingId)
  if (audience.kind === 'group') {
    const group = await getGroup(store, audience.groupId)
    if (group?.kind === 'building' && group.buildingId) return leadsBuilding(caller, group.buildingId)
    return (await groupRole(store, caller, audience.groupId)) === 'organiser'
  }
  return false
}

/** The raw create input, before it is resolved: for the route policy. */
export async function mayPublishToInput(store: DocumentStore, caller: Caller, input: AudienceInput): Promise<boolean> {
  if (isAdminCaller(caller)) return true
  if (input === 'neighbourhood') return false
  return mayPublishTo(
    store,
    caller,
    'buildingId' in input
      ? { kind: 'building', buildingId: input.buildingId }
      : { kind: 'group', groupId: input.groupId },
  )
}

function isNeighbour(caller: Caller): boolean {
  return verifiedBuildingOf(caller) !== null || caller.roles.some((r) => r.role === 'leader') || isAdminCaller(caller)
}

/** Is the caller someone the event is for (and so may RSVP)? */
export async function inAudience(store: DocumentStore, caller: Caller, event: EventDoc): Promise<boolean> {
  const audience = audienceOf(event)
  if (audience.kind === 'building')
    return isVerifiedResidentOf(caller, audience.buildingId) || leadsBuilding(caller, audience.buildingId)
  if (audience.kind === 'group') return (await groupRole(store, caller, audience.groupId)) !== null
  return isNeighbour(caller)
}

export async function mayManage(store: DocumentStore, caller: Caller, event: EventDoc): Promise<boolean> {
  return mayPublishTo(store, caller, audienceOf(event))
}

export async function mayView(store: DocumentStore, caller: Caller, event: EventDoc): Promise<boolean> {
  return (await inAudience(store, caller, event)) || (await mayManage(store, caller, event))
}

export type ListScope = 'building' | 'groups' | 'all'

/**
 * What the caller may list, as audience keys; `null` = everything (the committee), optionally
 * narrowed by audience kind.
 */
export async function visibleAudiences(
  store: DocumentStore,
  caller: Caller,
  scope: ListScope,
): Promise<{ everything: true; kind?: AudienceKind } | { everything: false; keys: string[] }> {
  if (isAdminCaller(caller)) {
    return scope === 'all'
      ? { everything: true }
      : { everything: true, kind: scope === 'building' ? 'building' : 'group' }
  }
  const keys: string[] = []
  if (scope !== 'groups') {
    const own = verifiedBuildingOf(caller)
    if (own) keys.push(`b:${own}`)
    for (const r of caller.roles)
      if (r.role === 'leader' && r.buildingId && r.buildingId !== own) keys.push(`b:${r.buildingId}`)
  }
  if (scope !== 'building') {
    const memberships = await groupsOfMember(store, caller.userId, 1000)
    for (const m of memberships) keys.push(`g:${m.groupId}`)
  }
  if (scope === 'all' && isNeighbour(caller)) keys.push('n')
  return { everything: false, keys }
}

/** Labels for audiences, looked up once per call. */
export class AudienceLabels {
  private readonly cache = new Map<string, Promise<string>>()
  constructor(private readonly store: DocumentStore) {}

  of(audience: EventAudience): Promise<string> {
    const key = audienceFields(audience).audienceKey
    let label = this.cache.get(key)
    if (!label) {
      label = this.lookUp(audience)
      this.cache.set(key, label)
    }
    return label
  }

  private async lookUp(audience: EventAudience): Promise<string> {
    if (audience.kind === 'building') {
      const where = await loadBuilding(this.store, audience.buildingId)
      return where ? buildingLabel(where) : '楼组'
    }
    if (audience.kind === 'group') {
      const group = await getGroup(this.store, audience.groupId)
      return group?.name ?? '兴趣小组'
    }
    return NEIGHBOURHOOD_LABEL
  }
}
