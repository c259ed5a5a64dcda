import { councilContract } from '../../../contracts'
import {
  castBallot,
  getVote,
  notVoted,
  openVote,
  overview,
  raiseMatter,
  recordPaperBallot,
} from '../../core/council/votes'
import { mergeMatter, supportMatter } from '../../core/council/supports'
import { signedIn, verifiedResident } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'
import { buildingRoutes } from './building-routes'
import { charterRoutes } from './charter-routes'

/**
 * 议事: who may act is decided per building in the use case from the stored roles and
 * membership — residents raise and vote for their own household, only the building's own
 * leader opens votes and records paper ballots, the committee sees but does not decide.
 */
export const councilFunction = defineFunction('council', councilContract, {
  ping: pingRoute('council'),
  raiseMatter: {
    kind: 'write',
    policy: verifiedResident,
    rateLimit: { max: 10, windowSeconds: 600 },
    run: (ctx, input) => raiseMatter(ctx, input),
  },
  supportMatter: {
    kind: 'write',
    policy: verifiedResident,
    rateLimit: { max: 60, windowSeconds: 600 },
    run: (ctx, input) => supportMatter(ctx, input),
  },
  mergeMatter: { kind: 'write', policy: signedIn, run: (ctx, input) => mergeMatter(ctx, input) },
  overview: { kind: 'read', policy: signedIn, run: (ctx, input) => overview(ctx, input) },
  openVote: { kind: 'write', policy: signedIn, run: (ctx, input) => openVote(ctx, input) },
  getVote: { kind: 'read', policy: signedIn, run: (ctx, input) => getVote(ctx, input) },
  castBallot: { kind: 'write', policy: verifiedResident, run: (ctx, input) => castBallot(ctx, input) },
  // A leader ticks off a stack of paper ballots after a meeting.
  recordPaperBallot: {
    kind: 'write',
    policy: signedIn,
    rateLimit: { max: 200, windowSeconds: 60 },
    run: (ctx, input) => recordPaperBallot(ctx, input),
  },
  notVoted: { kind: 'read', policy: signedIn, run: (ctx, input) => notVoted(ctx, input) },
  ...charterRoutes,
  ...buildingRoutes,
})
