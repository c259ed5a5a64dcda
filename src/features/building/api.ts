import { councilContract } from '../../../contracts/council'
import { caller } from '../../services/api'

export { messageOf } from '../../services/api-error'

const call = caller('council', councilContract)

/** The building page's only door to the back end (its actions live on the council function). */
export const buildingApi = {
  home: (buildingId?: string) => call('buildingHome', buildingId ? { buildingId } : {}),
  tags: () => call('buildingTags', {}),
  addTag: (name: string) => call('addBuildingTag', { name }),
  removeTag: (tagId: string) => call('removeBuildingTag', { tagId }),
  setTags: (buildingId: string, tagIds: string[]) => call('setBuildingTags', { buildingId, tagIds }),
  directory: () => call('buildingDirectory', {}),
}
