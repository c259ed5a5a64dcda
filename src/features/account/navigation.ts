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
  claim: '/packages/committee/pages/claim/index',
  myData: '/packages/account/pages/my-data/index',
  firstRun: '/pages/first-run/index',
  announcement: ANNOUNCEMENT_DETAIL_PAGE,
  announcements: '/packages/announcements/pages/list/index',
  publishAnnouncement: '/packages/announcements/pages/publish/index',
  announcementReach: '/packages/announcements/pages/reach/index',
  chatReports: '/packages/chat/pages/reports/index',
  chatMembers: '/packages/chat/pages/members/index',
} as const

const TAB_PAGES: string[] = [ROUTES.home, ROUTES.group, ROUTES.events, ROUTES.me]

/** Query strings meant for tab pages, which switchTab cannot carry; the tab page takes its own when shown. */
const tabQueries = new Map<string, Record<string, string>>()

function parseQuery(query: string | undefined): Record<string, string> {
  const params: Record<string, string> = {}
  for (const pair of (query ?? '').split('&')) {
    const [key, value = ''] = pair.split('=')
    if (key) params[decodeURIComponent(key)] = decodeURIComponent(value)
  }
  return params
}

/** Open a page by URL, switching tabs for tab pages (navigateTo cannot open a tab page). */
export function openPage(url: string): void {
  const [path = '', query] = url.split('?')
  if (TAB_PAGES.includes(path)) {
    if (query) tabQueries.set(path, parseQuery(query))
    void Taro.switchTab({ url: path })
  } else void Taro.navigateTo({ url })
}

/** The query a link gave this tab page (e.g. which group to open), once. */
export function takeTabQuery(path: string): Record<string, string> | undefined {
  const query = tabQueries.get(path)
  tabQueries.delete(path)
  return query
}

/**
 * Which page was shown before the one on screen, so a tab page can tell being entered from another
 * tab (start afresh) from coming back from a page it opened itself (stay where it was). Every page
 * notes itself when shown (PageShell); the page asking notes itself too, so the order of the two
 * calls does not matter.
 */
const shownPages: { current: string | null; previous: string | null; arrivalTaken: boolean } = {
  current: null,
  previous: null,
  arrivalTaken: true,
}

function pathOnly(path: string): string {
  const bare = path.split('?')[0] ?? ''
  return bare.startsWith('/') ? bare : `/${bare}`
}

export function noteShown(path: string): void {
  const bare = pathOnly(path)
  if (bare === shownPages.current) return
  shownPages.previous = shownPages.current
  shownPages.current = bare
  shownPages.arrivalTaken = false
}

/** Whether this page was just entered from another tab page — answered once per arrival. */
export function enteredFromAnotherTab(path: string): boolean {
  noteShown(path)
  if (shownPages.arrivalTaken) return false
  shownPages.arrivalTaken = true
  const from = shownPages.previous
  return from !== null && from !== pathOnly(path) && TAB_PAGES.includes(from)
}

/** Start over at a page, e.g. after login or account deletion. */
export function restartAt(url: string): void {
  void Taro.reLaunch({ url })
}
