import { PRIVACY_NOTICE_VERSION, type RoleGrant } from '../../contracts'
import { householdId, roleGrantId, type MembershipDoc, type UserDoc } from '../core/account/account.docs'
import { buildingGroupId } from '../core/groups/groups.docs'
import type { DocumentStore } from '../core/shared/document-store'
import type { Deps } from '../core/shared/ports'
import { ESTATES, PERSONAS, planBuildings, residentNickname, type BuildingPlan } from './neighbourhood'

export type SeedScale = 'demo' | 'pilot'

/** What the account seed created, for feature seeders to build on. */
export interface SeedContext {
  scale: SeedScale
  now: number
  buildings: BuildingPlan[]
  /** openid → userId for the demo personas. */
  personas: Map<string, string>
  /** buildingId → verified residents' userIds (personas included). */
  residents: Map<string, string[]>
  /** buildingId → the leader's userId. */
  leaders: Map<string, string>
}

/** A feature's demo content (chat history, events, tips…), run after the neighbourhood exists. */
export type FeatureSeeder = (deps: Deps, context: SeedContext) => Promise<void>

const DAY = 24 * 3600 * 1000

interface ResidentPlan {
  openid: string
  nickname: string
  buildingId: string
  room: string
  grants: RoleGrant[]
  verified: boolean
  consented: boolean
}

function residentPlans(scale: SeedScale, buildings: BuildingPlan[]): ResidentPlan[] {
  const plans: ResidentPlan[] = []
  let n = 0
  for (const building of buildings) {
    const personasHere = PERSONAS.filter((p) => p.buildingId === building.id).length
    const hasLeaderPersona = PERSONAS.some((p) =>
      p.grants?.some((g) => g.role === 'leader' && g.buildingId === building.id),
    )
    // Demo: a handful of neighbours per building. Pilot: 3–4 people in every household (~3,600).
    const rooms =
      scale === 'pilot'
        ? building.rooms.flatMap((room, i) => Array.from({ length: i % 4 === 0 ? 4 : 3 }, () => room))
        : building.rooms.filter((_, i) => i % 7 === 3).slice(0, Math.max(0, 5 - personasHere))
    rooms.forEach((room, i) => {
      plans.push({
        openid: `seed-${building.id}-${i + 1}`,
        nickname: residentNickname(n++),
        buildingId: building.id,
        room,
        grants: i === 0 && !hasLeaderPersona ? [{ role: 'leader', buildingId: building.id }] : [],
        verified: true,
        consented: true,
      })
    })
  }
  return plans
}

export async function isEmpty(store: DocumentStore): Promise<boolean> {
  return (await store.count('estates', {})) === 0
}

/**
 * Create the neighbourhood, its households, join codes, the personas and verified neighbours,
 * then each feature's demo content. Runs on an empty database only.
 */
export async function seedNeighbourhood(
  deps: Deps,
  scale: SeedScale,
  featureSeeders: readonly FeatureSeeder[] = [],
): Promise<SeedContext> {
  const { store, clock, ids } = deps
  const now = clock.now()
  const buildings = planBuildings()
  const context: SeedContext = { scale, now, buildings, personas: new Map(), residents: new Map(), leaders: new Map() }

  const people: ResidentPlan[] = [
    ...PERSONAS.map((p) => ({
      openid: p.openid,
      nickname: p.nickname,
      buildingId: p.buildingId ?? '',
      room: p.room ?? '',
      grants: p.grants ?? [],
      verified: p.verified ?? false,
      consented: p.consented ?? false,
    })),
    ...residentPlans(scale, buildings),
  ]

  await store.transaction(async (tx) => {
    for (const [order, estate] of ESTATES.entries()) {
      await tx.insert('estates', { _id: estate.id, name: estate.name, order })
    }
    for (const building of buildings) {
      await tx.insert('buildings', {
        _id: building.id,
        estateId: building.estateId,
        name: building.name,
        order: building.order,
        householdCount: building.rooms.length,
      })
      await tx.insert('join_codes', { _id: building.id, code: ids.digits(6), rotatedAt: now })
      // Every building has its group (chat, announcements audience) from the start.
      const estateName = ESTATES.find((e) => e.id === building.estateId)?.name ?? ''
      await tx.insert('groups', {
        _id: buildingGroupId(building.id),
        kind: 'building',
        buildingId: building.id,
        name: `${estateName} ${building.name}`,
        description: `${estateName} ${building.name}的楼组群，本楼认证居民可见`,
        createdAt: now,
        createdBy: 'seed',
      })
      for (const room of building.rooms) {
        await tx.insert('households', {
          _id: householdId(building.id, room),
          buildingId: building.id,
          room,
        })
      }
    }
    for (const [i, person] of people.entries()) {
      const userId = ids.next('u')
      const joinedAt = now - (200 - (i % 180)) * DAY
      let membership: UserDoc['membership'] = null
      if (person.buildingId && person.verified) {
        const doc: MembershipDoc = {
          _id: ids.next('m'),
          userId,
          buildingId: person.buildingId,
          householdId: householdId(person.buildingId, person.room),
          room: person.room,
          status: 'verified',
          verifiedBy: 'review',
          createdAt: joinedAt,
          reviewedAt: joinedAt + 3600_000,
        }
        await tx.insert('memberships', doc)
        membership = {
          membershipId: doc._id,
          buildingId: doc.buildingId,
          householdId: doc.householdId,
          room: doc.room,
          status: 'verified',
        }
        const list = context.residents.get(person.buildingId) ?? []
        list.push(userId)
        context.residents.set(person.buildingId, list)
      }
      await tx.insert('users', {
        _id: userId,
        openid: person.openid,
        nickname: person.nickname,
        largeText: false,
        roles: person.grants,
        membership,
        privacyAcceptedVersion: person.consented ? PRIVACY_NOTICE_VERSION : null,
        ...(person.consented ? { privacyAcceptedAt: joinedAt } : {}),
        createdAt: joinedAt,
      })
      for (const grant of person.grants) {
        await tx.insert('role_grants', {
          _id: roleGrantId(userId, grant),
          userId,
          role: grant.role,
          buildingId: grant.buildingId ?? null,
          grantedAt: joinedAt,
          grantedBy: 'seed',
        })
        if (grant.role === 'leader' && grant.buildingId) context.leaders.set(grant.buildingId, userId)
      }
      if (PERSONAS.some((p) => p.openid === person.openid)) context.personas.set(person.openid, userId)
    }
  })

  for (const seeder of featureSeeders) await seeder(deps, context)
  return context
}
