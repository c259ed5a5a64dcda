import * as z from 'zod'
import { action } from './action'
import { id } from './fields'
import { titleText } from './names'

/**
 * 楼组主页: each building's own page — its name, its 特色 tags, its leaders, how many members and
 * households it has, its current charter and its upcoming events. The committee keeps the list of
 * tags (学习楼组, 健康楼组 …); each building's own leader picks a few of them. Only the building's
 * verified members and its leaders see the page; the committee sees every building's.
 * docs/BUILDING.md describes the page.
 */

export const BUILDING_LIMITS = {
  /** A building carries a character, not a catalogue. */
  tagsPerBuilding: 3,
  tagNameMax: 8,
  tagListMax: 30,
} as const

/** The tags a new neighbourhood starts from; the committee adds and removes its own. */
export const SUGGESTED_BUILDING_TAGS = ['学习楼组', '健康楼组', '文化楼组', '平安楼组', '孝亲楼组', '党建楼组'] as const

export interface BuildingTag {
  tagId: string
  name: string
}

export interface BuildingLeader {
  userId: string
  name: string
}

export interface BuildingCharterSummary {
  number: number
  effectiveAt: number | null
  articleCount: number
}

export interface BuildingEventSummary {
  eventId: string
  title: string
  place: string
  startAt: number
}

export interface BuildingHome {
  buildingId: string
  buildingName: string
  tags: BuildingTag[]
  leaders: BuildingLeader[]
  memberCount: number
  householdCount: number
  charter: BuildingCharterSummary | null
  upcomingEvents: BuildingEventSummary[]
  /** The building's own leader may choose its tags. */
  canSetTags: boolean
}

export interface BuildingDirectoryRow {
  buildingId: string
  buildingName: string
  tags: BuildingTag[]
}

/** The building's actions, served by the `council` function. */
export const buildingActions = {
  /** The caller's own building when none is named. */
  buildingHome: action<BuildingHome>()(z.strictObject({ buildingId: id.optional() })),
  buildingTags: action<{ tags: BuildingTag[] }>()(z.strictObject({})),
  addBuildingTag: action<{ tags: BuildingTag[] }>()(
    z.strictObject({ name: titleText({ max: BUILDING_LIMITS.tagNameMax }) }),
  ),
  /** Removing a tag from the list takes it off every building that carried it. */
  removeBuildingTag: action<{ tags: BuildingTag[] }>()(z.strictObject({ tagId: id })),
  setBuildingTags: action<BuildingHome>()(
    z.strictObject({
      buildingId: id,
      tagIds: z
        .array(id)
        .max(BUILDING_LIMITS.tagsPerBuilding, { message: `最多选 ${BUILDING_LIMITS.tagsPerBuilding} 个特色` }),
    }),
  ),
  buildingDirectory: action<{ buildings: BuildingDirectoryRow[] }>()(z.strictObject({})),
}
