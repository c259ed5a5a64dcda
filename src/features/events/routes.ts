import { EVENT_DETAIL_PAGE } from '../../../contracts'

/** The events pages (the list is the 活动 tab; the rest live in the `packages/events` subpackage). */
export const EVENT_ROUTES = {
  list: '/pages/events/index',
  detail: EVENT_DETAIL_PAGE,
  mine: '/packages/events/pages/mine/index',
  edit: '/packages/events/pages/edit/index',
  roster: '/packages/events/pages/roster/index',
  checkInCode: '/packages/events/pages/checkin/index',
  scan: '/packages/events/pages/scan/index',
} as const

export function detailUrl(eventId: string): string {
  return `${EVENT_ROUTES.detail}?id=${encodeURIComponent(eventId)}`
}
