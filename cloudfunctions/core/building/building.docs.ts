import type { Doc } from '../shared/document-store'

/** One tag of the committee's list (学习楼组 …). */
export interface BuildingTagDoc extends Doc {
  name: string
  createdBy: string
  createdAt: number
}

/** A building's own choices for its page: `_id` = the building's id. */
export interface BuildingProfileDoc extends Doc {
  buildingId: string
  tagIds: string[]
  updatedBy: string
  updatedAt: number
}
