/** The 楼组主页 pages (in the `packages/council` subpackage). */
export const BUILDING_ROUTES = {
  home: '/packages/council/pages/building/index',
  directory: '/packages/council/pages/building-directory/index',
} as const

export const buildingUrl = (buildingId?: string) =>
  buildingId ? `${BUILDING_ROUTES.home}?buildingId=${encodeURIComponent(buildingId)}` : BUILDING_ROUTES.home
