import type { BuildingTag } from '../../../contracts'
import { BUILDING_LIMITS } from '../../../contracts'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { AppError, notFound } from '../shared/errors'
import type { BuildingTagDoc } from './building.docs'

/**
 * The committee's list of 特色 (学习楼组, 健康楼组 …). A building shows only tags still on the
 * list, so removing one from the list takes it off every building without touching them.
 */

export async function tagList(store: DocumentStore): Promise<BuildingTagDoc[]> {
  return store.find('building_tags', {}, { orderBy: [['createdAt', 'asc']], limit: BUILDING_LIMITS.tagListMax })
}

export function tagView(doc: BuildingTagDoc): BuildingTag {
  return { tagId: doc._id, name: doc.name }
}

/** The building's chosen tags that are still on the list, in the list's order. */
export function chosenTags(list: readonly BuildingTagDoc[], tagIds: readonly string[]): BuildingTag[] {
  const chosen = new Set(tagIds)
  return list.filter((t) => chosen.has(t._id)).map(tagView)
}

export async function buildingTags(ctx: RequestContext): Promise<{ tags: BuildingTag[] }> {
  return { tags: (await tagList(ctx.deps.store)).map(tagView) }
}

export async function addBuildingTag(ctx: RequestContext, input: { name: string }): Promise<{ tags: BuildingTag[] }> {
  const { deps, caller } = ctx
  const list = await tagList(deps.store)
  if (list.some((t) => t.name === input.name)) throw new AppError('BUILDING.TAG_EXISTS')
  if (list.length >= BUILDING_LIMITS.tagListMax) throw new AppError('BUILDING.TAG_LIST_FULL')
  await ensureAcceptableText(deps, [input.name], 'forum', caller.openid)
  const doc: BuildingTagDoc = {
    _id: deps.ids.next('bt'),
    name: input.name,
    createdBy: caller.userId,
    createdAt: deps.clock.now(),
  }
  await deps.store.insert('building_tags', doc)
  return { tags: [...list, doc].map(tagView) }
}

export async function removeBuildingTag(
  ctx: RequestContext,
  input: { tagId: string },
): Promise<{ tags: BuildingTag[] }> {
  const { store } = ctx.deps
  const list = await tagList(store)
  if (!list.some((t) => t._id === input.tagId)) throw notFound('清单里没有这个特色')
  await store.delete('building_tags', input.tagId)
  return { tags: list.filter((t) => t._id !== input.tagId).map(tagView) }
}
