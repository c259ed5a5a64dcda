import { accountContract } from '../../../contracts'
import { listBuildings, joinPoster, rotateJoinCode } from '../../core/account/buildings'
import {
  applyToBuilding,
  listApplications,
  listResidents,
  removeResident,
  reviewApplication,
} from '../../core/account/membership'
import { acceptPrivacy, deleteMe, exportMyData, me, updateProfile } from '../../core/account/profile'
import { assignRole, listStaff, revokeRole } from '../../core/account/roles'
import { listAuditLog } from '../../core/account/committee/audit'
import { claimCommittee, setupStatus } from '../../core/account/committee/claim'
import { createSignInCodeByCommittee } from '../../core/account/signin-codes'
import { ALL_COLLECTIONS } from '../../core/collections'
import { ENDING_HANDLERS } from '../../core/endings'
import { leaderOfMembership } from '../../core/account/account.policies'
import { committee, leaderOfBuildingIn, signedIn } from '../../core/shared/policy'
import { defineFunction } from '../../runtime/route'
import { pingRoute } from '../../runtime/ping-route'

const leaderOfInputBuilding = leaderOfBuildingIn<{ buildingId: string }>((input) => input.buildingId)

export const accountFunction = defineFunction('account', accountContract, {
  ping: pingRoute('account'),
  me: { kind: 'read', policy: signedIn, run: (ctx) => me(ctx) },
  acceptPrivacy: { kind: 'write', policy: signedIn, run: (ctx) => acceptPrivacy(ctx) },
  updateProfile: { kind: 'write', policy: signedIn, run: (ctx, input) => updateProfile(ctx, input) },
  listBuildings: { kind: 'read', policy: signedIn, run: (ctx) => listBuildings(ctx) },
  applyToBuilding: {
    kind: 'write',
    policy: signedIn,
    // Guessing join codes must be slow: a handful of tries per minute. Asking for the leader's
    // review counts apart, so someone locked out of codes can still apply.
    rateLimit: { max: 5, windowSeconds: 60, scope: (input) => (input.joinCode === undefined ? 'review' : 'code') },
    run: (ctx, input) => applyToBuilding(ctx, input, ENDING_HANDLERS),
  },
  listApplications: { kind: 'read', policy: leaderOfInputBuilding, run: (ctx, input) => listApplications(ctx, input) },
  reviewApplication: {
    kind: 'write',
    policy: leaderOfMembership,
    rateLimit: { max: 120, windowSeconds: 60 },
    run: (ctx, input) => reviewApplication(ctx, input),
  },
  listResidents: {
    kind: 'read',
    policy: leaderOfInputBuilding,
    run: (ctx, input) => listResidents(ctx, input.buildingId),
  },
  removeResident: {
    kind: 'write',
    policy: leaderOfMembership,
    run: (ctx, input) => removeResident(ctx, input, ENDING_HANDLERS),
  },
  joinPoster: { kind: 'read', policy: leaderOfInputBuilding, run: (ctx, input) => joinPoster(ctx, input.buildingId) },
  rotateJoinCode: {
    kind: 'write',
    policy: leaderOfInputBuilding,
    run: (ctx, input) => rotateJoinCode(ctx, input.buildingId),
  },
  assignRole: { kind: 'write', policy: committee, run: (ctx, input) => assignRole(ctx, input) },
  revokeRole: { kind: 'write', policy: committee, run: (ctx, input) => revokeRole(ctx, input, ENDING_HANDLERS) },
  listStaff: { kind: 'read', policy: committee, run: (ctx) => listStaff(ctx) },
  setupStatus: {
    kind: 'read',
    public: true,
    rateLimit: { max: 30, windowSeconds: 60 },
    run: (ctx) => setupStatus(ctx),
  },
  claimCommittee: {
    kind: 'write',
    policy: signedIn,
    // The code also dies after 10 wrong tries (counted in the store); this keeps one person slow.
    rateLimit: { max: 5, windowSeconds: 60 },
    run: (ctx, input) => claimCommittee(ctx, input),
  },
  listAuditLog: { kind: 'read', policy: committee, run: (ctx, input) => listAuditLog(ctx, input) },
  createSignInCode: {
    kind: 'write',
    policy: committee,
    rateLimit: { max: 20, windowSeconds: 60 },
    run: (ctx, input) => createSignInCodeByCommittee(ctx, input),
  },
  exportMyData: { kind: 'read', policy: signedIn, run: (ctx) => exportMyData(ctx, ALL_COLLECTIONS) },
  deleteMe: { kind: 'write', policy: signedIn, run: (ctx) => deleteMe(ctx, ALL_COLLECTIONS, ENDING_HANDLERS) },
})
