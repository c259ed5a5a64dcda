import type { CharterArticle, OpenCharterVoteInput } from '../../../contracts'
import { call } from '../../services/api'

export { messageOf } from '../../services/api-error'

/** The charter's only door to the back end (its actions live on the council function). */
export const charterApi = {
  overview: (buildingId?: string) => call('council', 'charter', buildingId ? { buildingId } : {}),
  version: (versionId: string) => call('council', 'charterVersion', { versionId }),
  templates: () => call('council', 'charterTemplates', {}),
  saveTemplate: (input: { templateId?: string; title: string; articles: CharterArticle[] }) =>
    call('council', 'saveCharterTemplate', input),
  draft: (buildingId: string, templateId?: string) =>
    call('council', 'draftCharter', templateId ? { buildingId, templateId } : { buildingId }),
  editDraft: (versionId: string, articles: CharterArticle[]) =>
    call('council', 'editCharterDraft', { versionId, articles }),
  openVote: (input: OpenCharterVoteInput) => call('council', 'openCharterVote', input),
  sign: (versionId: string) => call('council', 'signCharter', { versionId }),
  notSigned: (buildingId: string) => call('council', 'charterNotSigned', { buildingId }),
  buildings: () => call('council', 'charterBuildings', {}),
}
