import type { CharterArticle, CharterBuildingRow, CharterTemplateView } from '../../../contracts'
import { allBuildings, listEstates } from '../account/places.repository'
import { findAll } from '../announcements/audience'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { notFound } from '../shared/errors'
import type { CharterTemplateDoc } from './charter.docs'

/**
 * What the committee does with charters (引领不包办): it keeps the templates (公约范本) buildings
 * may start from and sees every building's charter; it never drafts, edits or votes on one.
 */

function templateView(doc: CharterTemplateDoc): CharterTemplateView {
  return { templateId: doc._id, title: doc.title, articles: doc.articles, updatedAt: doc.updatedAt }
}

export async function charterTemplates(ctx: RequestContext): Promise<{ templates: CharterTemplateView[] }> {
  const docs = await ctx.deps.store.find('charter_templates', {}, { orderBy: [['updatedAt', 'desc']], limit: 100 })
  return { templates: docs.map(templateView) }
}

/** The committee publishes a template, or edits one. A building's drafts already made from it do not change. */
export async function saveCharterTemplate(
  ctx: RequestContext,
  input: { templateId?: string; title: string; articles: CharterArticle[] },
): Promise<{ template: CharterTemplateView }> {
  const { deps, caller } = ctx
  await ensureAcceptableText(
    deps,
    [input.title, ...input.articles.flatMap((a) => [a.title, a.text])],
    'forum',
    caller.openid,
  )
  const now = deps.clock.now()
  if (input.templateId) {
    const existing = await deps.store.get('charter_templates', input.templateId)
    if (!existing) throw notFound('这份范本不存在')
    const set = { title: input.title, articles: input.articles, updatedBy: caller.userId, updatedAt: now }
    await deps.store.update('charter_templates', existing._id, { set })
    return { template: templateView({ ...existing, ...set }) }
  }
  const doc: CharterTemplateDoc = {
    _id: deps.ids.next('ct'),
    title: input.title,
    articles: input.articles,
    createdBy: caller.userId,
    updatedBy: caller.userId,
    updatedAt: now,
  }
  await deps.store.insert('charter_templates', doc)
  deps.log.info({ requestId: ctx.requestId, templateId: doc._id }, 'charter template published')
  return { template: templateView(doc) }
}

/** Every building's charter at a glance: current version, a draft in progress, the signed share. Three queries in all. */
export async function charterBuildings(ctx: RequestContext): Promise<{ buildings: CharterBuildingRow[] }> {
  const { store } = ctx.deps
  const [estates, buildings, versions] = await Promise.all([
    listEstates(store),
    allBuildings(store),
    findAll(store, 'charter_versions', {}),
  ])
  const estateOrder = new Map(estates.map((e, i) => [e._id, i]))
  const estateName = new Map(estates.map((e) => [e._id, e.name]))
  const newestFirst = [...versions].sort((a, b) => b.number - a.number)
  return {
    buildings: [...buildings]
      .sort((a, b) => (estateOrder.get(a.estateId) ?? 0) - (estateOrder.get(b.estateId) ?? 0) || a.order - b.order)
      .map((b) => {
        const own = newestFirst.filter((v) => v.buildingId === b._id)
        const current = own.find((v) => v.status === 'adopted') ?? null
        const draft = own.find((v) => v.status !== 'adopted') ?? null
        return {
          buildingId: b._id,
          buildingName: `${estateName.get(b.estateId) ?? ''} ${b.name}`.trim(),
          currentNumber: current?.number ?? null,
          effectiveAt: current?.effectiveAt ?? null,
          draftStatus: draft ? (draft.status === 'voting' ? 'voting' : 'draft') : null,
          signedCount: current?.signedCount ?? 0,
          householdCount: b.householdCount,
        }
      }),
  }
}
