import type { InputOf, OpenVoteInput } from '../../../contracts'
import type { Contracts } from '../../../contracts'
import { councilContract } from '../../../contracts/council'
import { caller } from '../../services/api'

export { messageOf } from '../../services/api-error'

const call = caller('council', councilContract)

/** The council feature's only door to the back end. */
export const councilApi = {
  overview: (buildingId?: string) => call('overview', buildingId ? { buildingId } : {}),
  raiseMatter: (input: InputOf<Contracts['council']['raiseMatter']>) => call('raiseMatter', input),
  supportMatter: (matterId: string) => call('supportMatter', { matterId }),
  mergeMatter: (matterId: string, intoMatterId: string) => call('mergeMatter', { matterId, intoMatterId }),
  openVote: (input: OpenVoteInput) => call('openVote', input),
  getVote: (voteId: string) => call('getVote', { voteId }),
  castBallot: (voteId: string, choice: number) => call('castBallot', { voteId, choice }),
  recordPaperBallot: (voteId: string, room: string, choice: number) =>
    call('recordPaperBallot', { voteId, room, choice }),
  notVoted: (voteId: string) => call('notVoted', { voteId }),
}
