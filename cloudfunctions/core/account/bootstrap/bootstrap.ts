import { insertGroups } from '../../groups/groups.repository'
import type { CollectionDocs, CollectionName } from '../../store-schema'
/**
 * Loading the neighbourhood from the committee's sheet, as the app expects it: each building with
 * its chat group (`bg-<buildingId>`, also the audience of notices) and its lobby join code, one
 * household per room. Run again with an edited sheet, only the difference is applied.
 *
 *   checked sheet + what the database holds ──planBootstrap──▶ plan (new / changed / removed)
 *   plan ──applyBootstrap──▶ writes; refused before any write when a household to remove has
 *                            residents and removals were not allowed
 *
 * Estates and buildings are matched by name. Estates and buildings missing from the sheet are
 * left as they are (this tool never deletes a building and its group); within a building the
 * sheet lists every household, so a room that is no longer listed is removed.
 */
import type { DocumentStore } from '../../shared/document-store'
import { lastOf } from '../../shared/lists'
import { bumpPlacesVersion } from '../../shared/reference-copy'
import type { Deps } from '../../shared/ports'
import type { EndingHandler } from '../../shared/endings'
import { buildingGroupId, type GroupDoc } from '../../groups/groups.docs'
import {
  householdId,
  type BuildingDoc,
  type EstateDoc,
  type HouseholdDoc,
  type JoinCodeDoc,
  type MembershipDoc,
} from '../account.docs'
import { JOIN_CODE_LENGTH } from '../buildings'
import { removeResident } from '../membership'
import { displayNames } from '../people'
import type { SheetEstate } from './neighbourhood-sheet'

export interface AffectedResident {
  membershipId: string
  userId: string
  nickname: string
  status: MembershipDoc['status']
}

export interface BootstrapPlan {
  /** What the sheet describes, in all. */
  totals: { estates: number; buildings: number; households: number }
  newEstates: EstateDoc[]
  newBuildings: Array<BuildingDoc & { label: string }>
  newGroups: GroupDoc[]
  newJoinCodes: JoinCodeDoc[]
  newHouseholds: HouseholdDoc[]
  changedBuildings: Array<{
    buildingId: string
    label: string
    set: Partial<Pick<BuildingDoc, 'householdCount' | 'leaderNote'>>
    what: string[]
  }>
  removedHouseholds: Array<{ household: HouseholdDoc; label: string; residents: AffectedResident[] }>
  /** In the database, not in the sheet: left as they are. */
  notInSheet: string[]
}

export const BOOTSTRAP_ACTOR = 'bootstrap'

const PAGE = 1000

/** Every document of a collection, paged by `_id` (a real neighbourhood has more than 1,000 households). */
async function all<K extends CollectionName>(store: DocumentStore, collection: K): Promise<CollectionDocs[K][]> {
  const out: CollectionDocs[K][] = []
  let after: string | null = null
  for (;;) {
    const page: CollectionDocs[K][] = await store.find(collection, after === null ? {} : { _id: { $gt: after } }, {
      orderBy: [['_id', 'asc']],
      limit: PAGE,
    })
    out.push(...page)
    if (page.length < PAGE) return out
    after = lastOf(page)._id
  }
}

export function isPlanEmpty(plan: BootstrapPlan): boolean {
  return (
    !plan.newEstates.length &&
    !plan.newBuildings.length &&
    !plan.newHouseholds.length &&
    !plan.changedBuildings.length &&
    !plan.removedHouseholds.length
  )
}

export async function planBootstrap(
  deps: Pick<Deps, 'store' | 'ids' | 'clock'>,
  sheet: readonly SheetEstate[],
): Promise<BootstrapPlan> {
  const { store, ids, clock } = deps
  const now = clock.now()
  const [estates, buildings, households] = await Promise.all([
    all(store, 'estates'),
    all(store, 'buildings'),
    all(store, 'households'),
  ])
  const plan: BootstrapPlan = {
    totals: { estates: sheet.length, buildings: 0, households: 0 },
    newEstates: [],
    newBuildings: [],
    newGroups: [],
    newJoinCodes: [],
    newHouseholds: [],
    changedBuildings: [],
    removedHouseholds: [],
    notInSheet: [],
  }
  const roomsOf = new Map<string, HouseholdDoc[]>()
  for (const h of households) roomsOf.set(h.buildingId, [...(roomsOf.get(h.buildingId) ?? []), h])
  const seenBuildings = new Set<string>()
  let nextEstateOrder = estates.reduce((max, e) => Math.max(max, e.order + 1), 0)

  for (const sheetEstate of sheet) {
    let estate = estates.find((e) => e.name === sheetEstate.name)
    if (!estate) {
      estate = { _id: ids.next('e'), name: sheetEstate.name, order: nextEstateOrder++ }
      plan.newEstates.push(estate)
    }
    for (const sheetBuilding of sheetEstate.buildings) {
      plan.totals.buildings++
      plan.totals.households += sheetBuilding.rooms.length
      const label = `${sheetEstate.name} ${sheetBuilding.name}`
      let building = buildings.find((b) => b.estateId === estate._id && b.name === sheetBuilding.name)
      if (!building) {
        building = {
          _id: ids.next('b'),
          estateId: estate._id,
          name: sheetBuilding.name,
          order: sheetBuilding.order,
          householdCount: sheetBuilding.rooms.length,
          leaderNote: sheetBuilding.leaderNote,
        }
        plan.newBuildings.push({ ...building, label })
        plan.newGroups.push({
          _id: buildingGroupId(building._id),
          kind: 'building',
          buildingId: building._id,
          name: label,
          description: `${label}的楼组群，本楼认证居民可见`,
          createdAt: now,
          createdBy: BOOTSTRAP_ACTOR,
        })
        plan.newJoinCodes.push({ _id: building._id, code: ids.digits(JOIN_CODE_LENGTH), rotatedAt: now })
      }
      seenBuildings.add(building._id)
      const existing = roomsOf.get(building._id) ?? []
      const have = new Set(existing.map((h) => h._id))
      const want = new Set(sheetBuilding.rooms.map((room) => householdId(building._id, room)))
      for (const room of sheetBuilding.rooms) {
        const id = householdId(building._id, room)
        if (!have.has(id)) plan.newHouseholds.push({ _id: id, buildingId: building._id, room })
      }
      for (const h of existing)
        if (!want.has(h._id)) plan.removedHouseholds.push({ household: h, label: `${label} ${h.room}`, residents: [] })
      const what: string[] = []
      const set: BootstrapPlan['changedBuildings'][number]['set'] = {}
      if (building.householdCount !== sheetBuilding.rooms.length && buildings.includes(building)) {
        set.householdCount = sheetBuilding.rooms.length
        what.push(`户数 ${building.householdCount} → ${sheetBuilding.rooms.length}`)
      }
      if ((building.leaderNote ?? null) !== sheetBuilding.leaderNote && buildings.includes(building)) {
        set.leaderNote = sheetBuilding.leaderNote
        what.push(`楼组长备注「${building.leaderNote ?? ''}」→「${sheetBuilding.leaderNote ?? ''}」`)
      }
      if (what.length) plan.changedBuildings.push({ buildingId: building._id, label, set, what })
    }
  }
  for (const b of buildings) {
    if (seenBuildings.has(b._id)) continue
    const estate = estates.find((e) => e._id === b.estateId)
    plan.notInSheet.push(`${estate?.name ?? b.estateId} ${b.name}`)
  }
  await findResidents(store, plan)
  return plan
}

/** Who lives (or asked to live) in each household the sheet no longer lists. */
async function findResidents(store: DocumentStore, plan: BootstrapPlan): Promise<void> {
  if (!plan.removedHouseholds.length) return
  const byHousehold = new Map(plan.removedHouseholds.map((r) => [r.household._id, r]))
  const buildingIds = [...new Set(plan.removedHouseholds.map((r) => r.household.buildingId))]
  const memberships = (
    await Promise.all(
      buildingIds.map((buildingId) =>
        store.find('memberships', { buildingId, status: { $in: ['verified', 'pending'] } }, { limit: 1000 }),
      ),
    )
  )
    .flat()
    .filter((m) => byHousehold.has(m.householdId))
  const names = await displayNames(
    store,
    memberships.map((m) => m.userId),
  )
  for (const m of memberships) {
    byHousehold
      .get(m.householdId)
      ?.residents.push({ membershipId: m._id, userId: m.userId, nickname: names.get(m.userId) ?? '', status: m.status })
  }
}

export class RemovalRefused extends Error {
  constructor(readonly households: BootstrapPlan['removedHouseholds']) {
    super('households with residents would be removed')
    this.name = 'RemovalRefused'
  }
}

/** Households to remove that someone lives in (or applied to). */
export function occupiedRemovals(plan: BootstrapPlan): BootstrapPlan['removedHouseholds'] {
  return plan.removedHouseholds.filter((r) => r.residents.length > 0)
}

/**
 * Write the plan. Refused, before any write, when an occupied household would go and
 * `allowRemovals` is not set; with it, each resident there is moved out as a leader's
 * 迁出 would (their building roles and everything that hung on the membership end).
 */
export async function applyBootstrap(
  deps: Deps,
  plan: BootstrapPlan,
  options: { allowRemovals: boolean; endingHandlers: readonly EndingHandler[] },
): Promise<void> {
  const occupied = occupiedRemovals(plan)
  if (occupied.length && !options.allowRemovals) throw new RemovalRefused(occupied)
  const { store } = deps
  await store.insertMany('estates', plan.newEstates)
  await store.insertMany(
    'buildings',
    plan.newBuildings.map(({ label: _label, ...building }) => building),
  )
  await insertGroups(store, plan.newGroups)
  await store.insertMany('join_codes', plan.newJoinCodes)
  await store.insertMany('households', plan.newHouseholds)
  for (const change of plan.changedBuildings) await store.update('buildings', change.buildingId, { set: change.set })
  // Every function instance keeps a copy of the places: this tells them it changed.
  if (plan.newEstates.length || plan.newBuildings.length || plan.newGroups.length || plan.changedBuildings.length)
    await bumpPlacesVersion(store)
  const ctx = {
    deps,
    requestId: BOOTSTRAP_ACTOR,
    caller: {
      userId: BOOTSTRAP_ACTOR,
      openid: BOOTSTRAP_ACTOR,
      nickname: '居委会导入',
      roles: [{ role: 'admin' as const }],
      membership: null,
    },
  }
  for (const removal of occupied) {
    for (const resident of removal.residents) {
      await removeResident(
        ctx,
        { membershipId: resident.membershipId, reason: '居委会更新住户名单时删除了这一户' },
        options.endingHandlers,
      )
    }
  }
  for (const removal of plan.removedHouseholds) await store.delete('households', removal.household._id)
}
