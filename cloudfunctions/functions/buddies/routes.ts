import { buddiesContract } from '../../../contracts'
import { mayAskForHelp, mayListHelp, residentOrCommittee } from '../../core/buddies/buddies.policies'
import { exportMembers, listMembers, memberStats, workplacePairs } from '../../core/buddies/committee'
import { createGroup, getGroup, joinGroup, leaveGroup, listGroups, setOrganiser } from '../../core/buddies/groups'
import {
  acceptOffer,
  cancelHelp,
  completeHelp,
  declineOffer,
  getHelpRequest,
  listHelpRequests,
  myHours,
  offerHelp,
  requestHelp,
  withdrawOffer,
} from '../../core/buddies/help'
import { myProfile, signUp, updateProfile, withdraw } from '../../core/buddies/profile'
import { listProposals, proposeGroup, reviewProposal } from '../../core/buddies/proposals'
import { committee, signedIn, verifiedResident } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

/**
 * Network buddies. Who may call what is declared here; what depends on a stored thing (being a
 * signed-up buddy, being the requester of this request…) is checked in the use case.
 */
export const buddiesFunction = defineFunction('buddies', buddiesContract, {
  ping: pingRoute('buddies'),
  myProfile: { kind: 'read', policy: signedIn, run: (ctx) => myProfile(ctx) },
  signUp: { kind: 'write', policy: verifiedResident, run: (ctx, input) => signUp(ctx, input) },
  update: { kind: 'write', policy: verifiedResident, run: (ctx, input) => updateProfile(ctx, input) },
  // Someone who has moved away may still leave the programme.
  withdraw: { kind: 'write', policy: signedIn, run: (ctx) => withdraw(ctx) },

  listGroups: { kind: 'read', policy: residentOrCommittee, run: (ctx) => listGroups(ctx) },
  getGroup: { kind: 'read', policy: residentOrCommittee, run: (ctx, input) => getGroup(ctx, input.groupId) },
  createGroup: { kind: 'write', policy: committee, run: (ctx, input) => createGroup(ctx, input) },
  proposeGroup: {
    kind: 'write',
    policy: verifiedResident,
    rateLimit: { max: 5, windowSeconds: 3600 },
    run: (ctx, input) => proposeGroup(ctx, input),
  },
  listProposals: { kind: 'read', policy: residentOrCommittee, run: (ctx, input) => listProposals(ctx, input) },
  reviewProposal: { kind: 'write', policy: committee, run: (ctx, input) => reviewProposal(ctx, input) },
  joinGroup: { kind: 'write', policy: verifiedResident, run: (ctx, input) => joinGroup(ctx, input.groupId) },
  leaveGroup: { kind: 'write', policy: signedIn, run: (ctx, input) => leaveGroup(ctx, input.groupId) },
  setOrganiser: { kind: 'write', policy: committee, run: (ctx, input) => setOrganiser(ctx, input) },

  requestHelp: {
    kind: 'write',
    policy: mayAskForHelp,
    rateLimit: { max: 10, windowSeconds: 3600 },
    run: (ctx, input) => requestHelp(ctx, input),
  },
  listHelpRequests: { kind: 'read', policy: mayListHelp, run: (ctx, input) => listHelpRequests(ctx, input) },
  getHelpRequest: { kind: 'read', policy: signedIn, run: (ctx, input) => getHelpRequest(ctx, input.requestId) },
  offerHelp: { kind: 'write', policy: verifiedResident, run: (ctx, input) => offerHelp(ctx, input.requestId) },
  acceptOffer: { kind: 'write', policy: signedIn, run: (ctx, input) => acceptOffer(ctx, input.requestId) },
  declineOffer: { kind: 'write', policy: signedIn, run: (ctx, input) => declineOffer(ctx, input.requestId) },
  withdrawOffer: { kind: 'write', policy: signedIn, run: (ctx, input) => withdrawOffer(ctx, input.requestId) },
  cancelHelp: { kind: 'write', policy: signedIn, run: (ctx, input) => cancelHelp(ctx, input.requestId) },
  completeHelp: { kind: 'write', policy: signedIn, run: (ctx, input) => completeHelp(ctx, input) },
  myHours: { kind: 'read', policy: signedIn, run: (ctx) => myHours(ctx) },

  listMembers: { kind: 'read', policy: committee, run: (ctx, input) => listMembers(ctx, input) },
  memberStats: { kind: 'read', policy: committee, run: (ctx) => memberStats(ctx) },
  exportMembers: { kind: 'read', policy: committee, run: (ctx, input) => exportMembers(ctx, input) },
  workplacePairs: { kind: 'read', policy: committee, run: (ctx) => workplacePairs(ctx) },
})
