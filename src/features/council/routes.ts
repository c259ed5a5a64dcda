import { COUNCIL_PAGE, VOTE_PAGE } from '../../../contracts'

/** The 议事 pages (all in the `packages/council` subpackage). */
export const COUNCIL_ROUTES = {
  overview: COUNCIL_PAGE,
  vote: VOTE_PAGE,
  openVote: '/packages/council/pages/open/index',
  paper: '/packages/council/pages/paper/index',
} as const

export const voteUrl = (voteId: string) => `${COUNCIL_ROUTES.vote}?id=${encodeURIComponent(voteId)}`
export const openVoteUrl = (matterId: string) => `${COUNCIL_ROUTES.openVote}?matterId=${encodeURIComponent(matterId)}`
export const paperUrl = (voteId: string) => `${COUNCIL_ROUTES.paper}?id=${encodeURIComponent(voteId)}`
