import type { InputOf, OpenVoteInput } from '../../../contracts'
import type { Contracts } from '../../../contracts'
import { call } from '../../services/api'

export { messageOf } from '../../services/api-error'

/** The council feature's only door to the back end. */
export const councilApi = {
  overview: (buildingId?: string) => call('council', 'overview', buildingId ? { buildingId } : {}),
  raiseMatter: (input: InputOf<Contracts['council']['raiseMatter']>) => call('council', 'raiseMatter', input),
  supportMatter: (matterId: string) => call('council', 'supportMatter', { matterId }),
  mergeMatter: (matterId: string, intoMatterId: string) => call('council', 'mergeMatter', { matterId, intoMatterId }),
  openVote: (input: OpenVoteInput) => call('council', 'openVote', input),
  getVote: (voteId: string) => call('council', 'getVote', { voteId }),
  castBallot: (voteId: string, choice: number) => call('council', 'castBallot', { voteId, choice }),
  recordPaperBallot: (voteId: string, room: string, choice: number) =>
    call('council', 'recordPaperBallot', { voteId, room, choice }),
  notVoted: (voteId: string) => call('council', 'notVoted', { voteId }),
}
