import type { buildingActions } from '../../../contracts'
import { buildingDirectory, buildingHome, setBuildingTags } from '../../core/building/home'
import { addBuildingTag, buildingTags, removeBuildingTag } from '../../core/building/tags'
import { committee, signedIn } from '../../core/shared/policy'
import type { Routes } from '../../runtime/route'

/**
 * 楼组主页, on the council function: the building's members and leaders see its page (the use
 * case checks the building); the committee keeps the 特色 list and sees every building; only the
 * building's own leader chooses its tags.
 */
export const buildingRoutes: Routes<typeof buildingActions> = {
  buildingHome: { kind: 'read', policy: signedIn, run: (ctx, input) => buildingHome(ctx, input) },
  buildingTags: { kind: 'read', policy: signedIn, run: (ctx) => buildingTags(ctx) },
  addBuildingTag: { kind: 'write', policy: committee, run: (ctx, input) => addBuildingTag(ctx, input) },
  removeBuildingTag: { kind: 'write', policy: committee, run: (ctx, input) => removeBuildingTag(ctx, input) },
  setBuildingTags: { kind: 'write', policy: signedIn, run: (ctx, input) => setBuildingTags(ctx, input) },
  buildingDirectory: { kind: 'read', policy: committee, run: (ctx) => buildingDirectory(ctx) },
}
