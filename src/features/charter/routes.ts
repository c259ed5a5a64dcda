import { CHARTER_PAGE } from '../../../contracts'

/** The 自治公约 pages (in the `packages/council` subpackage). */
export const CHARTER_ROUTES = {
  charter: CHARTER_PAGE,
  version: '/packages/council/pages/charter-version/index',
  poster: '/packages/council/pages/charter-poster/index',
  templates: '/packages/council/pages/charter-templates/index',
  buildings: '/packages/council/pages/charter-buildings/index',
} as const

export const charterUrl = (buildingId?: string) =>
  buildingId ? `${CHARTER_ROUTES.charter}?buildingId=${encodeURIComponent(buildingId)}` : CHARTER_ROUTES.charter
export const charterVersionUrl = (versionId: string) => `${CHARTER_ROUTES.version}?id=${encodeURIComponent(versionId)}`
export const charterPosterUrl = (buildingId: string) =>
  `${CHARTER_ROUTES.poster}?buildingId=${encodeURIComponent(buildingId)}`
