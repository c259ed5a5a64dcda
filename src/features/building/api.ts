import { call } from '../../services/api'

export { messageOf } from '../../services/api-error'

/** The building page's only door to the back end (its actions live on the council function). */
export const buildingApi = {
  home: (buildingId?: string) => call('council', 'buildingHome', buildingId ? { buildingId } : {}),
  tags: () => call('council', 'buildingTags', {}),
  addTag: (name: string) => call('council', 'addBuildingTag', { name }),
  removeTag: (tagId: string) => call('council', 'removeBuildingTag', { tagId }),
  setTags: (buildingId: string, tagIds: string[]) => call('council', 'setBuildingTags', { buildingId, tagIds }),
  directory: () => call('council', 'buildingDirectory', {}),
}
