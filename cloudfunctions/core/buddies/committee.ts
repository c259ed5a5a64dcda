import { getUsers } from '../account/users.repository'
import { allGroupMembers } from '../groups/group-members.repository'
import {
  AGE_BAND_NAMES,
  AGE_BANDS,
  AVAILABILITY_NAMES,
  INTERESTS,
  SKILLS,
  type AgeBand,
  type BuddyMemberRow,
  type BuddyStatsView,
  type CountRow,
  type Interest,
  type Skill,
  type WorkplacePairView,
} from '../../../contracts'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { notFound } from '../shared/errors'
import { isoDate } from '../../../contracts/shanghai-time'
import { toCsv } from '../shared/csv'
import { findAll, loadPlaces, type Place } from './lookups'
import { mostCommonSpelling, workplaceKey } from './workplace'

export interface MemberFilters {
  buildingId?: string
  interest?: Interest
  skill?: Skill
  ageBand?: AgeBand
}

/** Label for buddies whose building membership has ended (moved away) or lapsed. */
export const NO_BUILDING = '未在楼组认证'

interface Roster {
  rows: BuddyMemberRow[]
  places: Map<string, Place>
}

/**
 * Every buddy with where they live now (from their current verified membership, read live), how
 * many groups they are in and their confirmed minutes. A few hundred people: read in full.
 */
async function roster(store: DocumentStore): Promise<Roster> {
  const [buddies, places, memberships, hours] = await Promise.all([
    findAll(store, 'buddies', {}, [['createdAt', 'asc']]),
    loadPlaces(store),
    allGroupMembers(store, null),
    findAll(store, 'volunteer_hours', {}, [['confirmedAt', 'asc']]),
  ])
  const users = new Map(
    (
      await getUsers(
        store,
        buddies.map((b) => b._id),
      )
    ).map((u) => [u._id, u]),
  )
  const groupCount = new Map<string, number>()
  for (const m of memberships) groupCount.set(m.userId, (groupCount.get(m.userId) ?? 0) + 1)
  const minutes = new Map<string, number>()
  for (const h of hours) minutes.set(h.userId, (minutes.get(h.userId) ?? 0) + h.minutes)
  const rows = buddies.map((b): BuddyMemberRow => {
    const membership = users.get(b._id)?.membership
    const place = membership?.status === 'verified' ? places.get(membership.buildingId) : undefined
    return {
      userId: b._id,
      nickname: b.nickname,
      ageBand: b.ageBand,
      interests: b.interests,
      tags: b.tags,
      skills: b.skills,
      ...(b.workplace ? { workplace: b.workplace } : {}),
      availability: b.availability,
      ...(place ? { buildingId: place.buildingId } : {}),
      buildingLabel: place?.label ?? NO_BUILDING,
      groupCount: groupCount.get(b._id) ?? 0,
      totalMinutes: minutes.get(b._id) ?? 0,
      signedUpAt: b.createdAt,
    }
  })
  // By building (estate order, then building order), then by who signed up first.
  const orderOf = (row: BuddyMemberRow) => (row.buildingId ? (places.get(row.buildingId)?.order ?? 1e9) : 1e9)
  rows.sort((a, b) => orderOf(a) - orderOf(b) || a.signedUpAt - b.signedUpAt || (a.userId < b.userId ? -1 : 1))
  return { rows, places }
}

function applyFilters(rows: BuddyMemberRow[], filters: MemberFilters): BuddyMemberRow[] {
  return rows.filter(
    (r) =>
      (!filters.buildingId || r.buildingId === filters.buildingId) &&
      (!filters.interest || r.interests.includes(filters.interest)) &&
      (!filters.skill || r.skills.includes(filters.skill)) &&
      (!filters.ageBand || r.ageBand === filters.ageBand),
  )
}

async function filtered(store: DocumentStore, filters: MemberFilters): Promise<BuddyMemberRow[]> {
  const { rows, places } = await roster(store)
  if (filters.buildingId && !places.has(filters.buildingId)) throw notFound('没有这个楼组')
  return applyFilters(rows, filters)
}

export async function listMembers(
  { deps }: RequestContext,
  filters: MemberFilters,
): Promise<{ members: BuddyMemberRow[]; total: number }> {
  const members = await filtered(deps.store, filters)
  return { members, total: members.length }
}

/** Count rows, most first; ties keep the given order (building order, or the curated list's order). */
function countRows(
  keys: Array<{ key: string; label: string }>,
  counts: Map<string, number>,
  keepZero: boolean,
): CountRow[] {
  return keys
    .map((k, i) => ({ ...k, count: counts.get(k.key) ?? 0, i }))
    .filter((r) => keepZero || r.count > 0)
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map(({ key, label, count }) => ({ key, label, count }))
}

function tally<T>(rows: BuddyMemberRow[], pick: (row: BuddyMemberRow) => readonly T[]): Map<T, number> {
  const counts = new Map<T, number>()
  for (const row of rows) for (const key of pick(row)) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

export async function memberStats({ deps }: RequestContext): Promise<BuddyStatsView> {
  const { rows, places } = await roster(deps.store)
  const buildingKeys = [...places.values()]
    .sort((a, b) => a.order - b.order)
    .map((p) => ({ key: p.buildingId, label: p.label }))
  const byBuilding = countRows(
    [...buildingKeys, { key: '', label: NO_BUILDING }],
    tally(rows, (r) => [r.buildingId ?? '']),
    false,
  )
  return {
    total: rows.length,
    byBuilding,
    byInterest: countRows(
      INTERESTS.map((i) => ({ key: i, label: i })),
      tally(rows, (r) => r.interests),
      true,
    ),
    byAgeBand: countRows(
      AGE_BANDS.map((a) => ({ key: a, label: AGE_BAND_NAMES[a] })),
      tally(rows, (r) => [r.ageBand]),
      true,
    ),
    bySkill: countRows(
      SKILLS.map((s) => ({ key: s, label: s })),
      tally(rows, (r) => r.skills),
      true,
    ),
    totalMinutes: rows.reduce((sum, r) => sum + r.totalMinutes, 0),
  }
}

export const MEMBER_CSV_HEADER = [
  '称呼',
  '年龄段',
  '楼组',
  '兴趣',
  '自定义标签',
  '技能',
  '工作单位',
  '空闲时间',
  '加入小组数',
  '志愿时长（分钟）',
  '报名日期',
] as const

export async function exportMembers(
  { deps }: RequestContext,
  filters: MemberFilters,
): Promise<{ filename: string; csv: string; rows: number }> {
  const members = await filtered(deps.store, filters)
  const csv = toCsv(
    MEMBER_CSV_HEADER,
    members.map((m) => [
      m.nickname,
      AGE_BAND_NAMES[m.ageBand],
      m.buildingLabel,
      m.interests.join('、'),
      m.tags.join('、'),
      m.skills.join('、'),
      m.workplace ?? '',
      m.availability.map((a) => AVAILABILITY_NAMES[a]).join('、'),
      m.groupCount,
      m.totalMinutes,
      isoDate(m.signedUpAt),
    ]),
  )
  return { filename: `网络小伙伴名单-${isoDate(deps.clock.now())}.csv`, csv, rows: members.length }
}

/** 双楼共建: which workplaces our buddies share, and which buildings they live in. */
export async function workplacePairs({
  deps,
}: RequestContext): Promise<{ workplaces: WorkplacePairView[]; withoutWorkplace: number }> {
  const { rows, places } = await roster(deps.store)
  const orderOf = (key: string) => places.get(key)?.order ?? Number.MAX_SAFE_INTEGER
  const groups = new Map<string, BuddyMemberRow[]>()
  let withoutWorkplace = 0
  for (const row of rows) {
    if (!row.workplace) {
      withoutWorkplace++
      continue
    }
    const key = workplaceKey(row.workplace)
    groups.set(key, [...(groups.get(key) ?? []), row])
  }
  const workplaces = [...groups.values()].map((members): WorkplacePairView => {
    const buildings = new Map<string, CountRow>()
    for (const m of members) {
      const key = m.buildingId ?? ''
      const row = buildings.get(key) ?? { key, label: m.buildingLabel, count: 0 }
      row.count++
      buildings.set(key, row)
    }
    return {
      workplace: mostCommonSpelling(members.map((m) => m.workplace ?? '')),
      count: members.length,
      buildings: [...buildings.values()].sort((a, b) => b.count - a.count || orderOf(a.key) - orderOf(b.key)),
    }
  })
  workplaces.sort(
    (a, b) =>
      b.count - a.count ||
      b.buildings.length - a.buildings.length ||
      (a.workplace < b.workplace ? -1 : a.workplace > b.workplace ? 1 : 0),
  )
  return { workplaces, withoutWorkplace }
}
