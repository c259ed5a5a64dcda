import Taro from '@tarojs/taro'
import { ANNOUNCEMENT_DETAIL_PAGE } from '../../../contracts'

export const ROUTES = {
  home: '/pages/home/index',
  group: '/pages/group/index',
  events: '/pages/events/index',
  me: '/pages/me/index',
  onboarding: '/pages/onboarding/index',
  notifications: '/pages/notifications/index',
  login: '/pages/login/index',
  applications: '/packages/leader/pages/applications/index',
  poster: '/packages/leader/pages/poster/index',
  residents: '/packages/leader/pages/residents/index',
  roles: '/packages/committee/pages/roles/index',
  announcement: ANNOUNCEMENT_DETAIL_PAGE,
  announcements: '/packages/announcements/pages/list/index',
  publishAnnouncement: '/packages/announcements/pages/publish/index',
  announcementReach: '/packages/announcements/pages/reach/index',
} as const

const TAB_PAGES: string[] = [ROUTES.home, ROUTES.group, ROUTES.events, ROUTES.me]

/** Open a page by URL, switching tabs for tab pages (navigateTo cannot open a tab page). */
export function openPage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Start over at a page, e.g. after login or account deletion. */
export function restartAt(url: string): void {
  void Taro.reLaunch({ url })
}
