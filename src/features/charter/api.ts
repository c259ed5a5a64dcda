import type { CharterArticle, OpenCharterVoteInput } from '../../../contracts'
import { councilContract } from '../../../contracts/council'
import { caller } from '../../services/api'

export { messageOf } from '../../services/api-error'

const call = caller('council', councilContract)

/** The charter's only door to the back end (its actions live on the council function). */
export const charterApi = {
  overview: (buildingId?: string) => call('charter', buildingId ? { buildingId } : {}),
  version: (versionId: string) => call('charterVersion', { versionId }),
  templates: () => call('charterTemplates', {}),
  saveTemplate: (input: { templateId?: string; title: string; articles: CharterArticle[] }) =>
    call('saveCharterTemplate', input),
  draft: (buildingId: string, templateId?: string) =>
    call('draftCharter', templateId ? { buildingId, templateId } : { buildingId }),
  editDraft: (versionId: string, articles: CharterArticle[]) => call('editCharterDraft', { versionId, articles }),
  openVote: (input: OpenCharterVoteInput) => call('openCharterVote', input),
  sign: (versionId: string) => call('signCharter', { versionId }),
  notSigned: (buildingId: string) => call('charterNotSigned', { buildingId }),
  buildings: () => call('charterBuildings', {}),
}
