import { BUDDY_PAGES } from '../../../contracts'

/** The buddies subpackage's pages. Notification links use the ones shared in contracts. */
export const BUDDY_ROUTES = {
  join: '/packages/buddies/pages/join/index',
  profile: '/packages/buddies/pages/profile/index',
  groups: '/packages/buddies/pages/groups/index',
  group: BUDDY_PAGES.group,
  propose: '/packages/buddies/pages/propose/index',
  proposals: BUDDY_PAGES.proposals,
  help: BUDDY_PAGES.help,
  ask: '/packages/buddies/pages/ask/index',
  helpDetail: BUDDY_PAGES.helpDetail,
  committee: '/packages/buddies/pages/committee/index',
} as const
