import type { GroupSection, Interest } from '../../../contracts'

/**
 * The interest-group directory's order. Pure and deterministic: the same groups, interests and
 * memberships always give the same order. docs/BUDDIES.md states the rule with an example.
 *
 * 1. Sections: 推荐 (groups I have not joined that share at least one interest with me), then
 *    我加入的 (groups I belong to), then 其他 (the rest).
 * 2. Within 推荐: more shared interests first.
 * 3. Then, in every section: more members first (a livelier group), then the older group first,
 *    then by groupId (ids never tie), so the order never depends on how the database returns rows.
 */
export interface RankInput {
  groupId: string
  interests: readonly Interest[]
  memberCount: number
  createdAt: number
}

export interface Ranked<G extends RankInput> {
  group: G
  section: GroupSection
  /** Shared interests, in the order I listed them. */
  matched: Interest[]
}

const SECTION_ORDER: Record<GroupSection, number> = { recommended: 0, mine: 1, other: 2 }

export function rankGroups<G extends RankInput>(
  groups: readonly G[],
  myInterests: readonly Interest[],
  myGroupIds: ReadonlySet<string>,
): Array<Ranked<G>> {
  const ranked = groups.map((group) => {
    const matched = myInterests.filter((interest) => group.interests.includes(interest))
    const section: GroupSection = myGroupIds.has(group.groupId) ? 'mine' : matched.length > 0 ? 'recommended' : 'other'
    return { group, section, matched }
  })
  return ranked.sort(
    (a, b) =>
      SECTION_ORDER[a.section] - SECTION_ORDER[b.section] ||
      (a.section === 'recommended' ? b.matched.length - a.matched.length : 0) ||
      b.group.memberCount - a.group.memberCount ||
      a.group.createdAt - b.group.createdAt ||
      (a.group.groupId < b.group.groupId ? -1 : a.group.groupId > b.group.groupId ? 1 : 0),
  )
}
