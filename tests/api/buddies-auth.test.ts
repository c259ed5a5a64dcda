import { buddiesContract } from '../../contracts'
import { expectError, expectUnchanged, pendingApplicant } from '../support/api-expect'
import { newBuddy, profileInput } from '../support/buddies'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Who may not call what, at the door (the route policy): every refusal has its code and changes
 * nothing. Refusals that depend on a stored thing (this request's requester…) are in the other files.
 */
const { consent: _consent, ...profile } = profileInput()
const group = { name: '权限测试组', description: '…', interests: ['读书'] }

/** A valid input for every action, so only the caller can be at fault. */
const VALID: Record<keyof typeof buddiesContract, unknown> = {
  ping: {},
  myProfile: {},
  signUp: profileInput(),
  update: profile,
  withdraw: { confirm: true },
  listGroups: {},
  getGroup: { groupId: 'ig-reading' },
  createGroup: group,
  proposeGroup: group,
  listProposals: {},
  reviewProposal: { proposalId: 'gp-seed-boardgames', decision: 'approve' },
  joinGroup: { groupId: 'ig-reading' },
  leaveGroup: { groupId: 'ig-reading' },
  setOrganiser: { groupId: 'ig-reading', userId: 'u_someone', organiser: true },
  requestHelp: { skill: '代买代办', when: '明天' },
  listHelpRequests: { scope: 'mine' },
  getHelpRequest: { requestId: 'hr-seed-1' },
  offerHelp: { requestId: 'hr-seed-1' },
  acceptOffer: { requestId: 'hr-seed-1' },
  declineOffer: { requestId: 'hr-seed-1' },
  withdrawOffer: { requestId: 'hr-seed-1' },
  cancelHelp: { requestId: 'hr-seed-1' },
  completeHelp: { requestId: 'hr-seed-1', minutes: 30 },
  myHours: {},
  listMembers: {},
  memberStats: {},
  exportMembers: {},
  workplacePairs: {},
}

const COMMITTEE_ONLY = [
  'createGroup',
  'reviewProposal',
  'setOrganiser',
  'listMembers',
  'memberStats',
  'exportMembers',
  'workplacePairs',
] as const
const VERIFIED_ONLY = ['signUp', 'update', 'proposeGroup', 'joinGroup', 'offerHelp', 'requestHelp'] as const
const RESIDENT_OR_COMMITTEE = ['listGroups', 'getGroup', 'listProposals'] as const

describe('buddies: who may call what', () => {
  let t: TestRuntime
  const clients = new Map<string, ApiClient>()
  beforeAll(async () => {
    t = await startTestRuntime()
    const admin = await t.login('demo-admin')
    for (const openid of ['demo-admin', 'demo-leader-5', 'demo-resident-5', 'demo-doctor', 'demo-newcomer'])
      clients.set(openid, await t.login(openid))
    clients.set('buddy', (await newBuddy(t, admin, 't-auth-buddy', 'jsh-4', '202')).client)
    clients.set('pending', (await pendingApplicant(t, 't-auth-pending', 'jsh-4', '203')).client)
  })
  afterAll(() => t.close())

  // `ping` answers anyone (contracts/ping.ts): the authorisation matrix covers it.
  test.each(Object.keys(VALID).filter((action) => action !== 'ping'))(
    'when %s is called without a token, then AUTH.UNAUTHENTICATED and nothing changes',
    async (action) => {
      const result = await expectUnchanged(t, () =>
        t.anonymous.call('buddies', action, VALID[action as keyof typeof VALID]),
      )
      expectError(result, 401, 'AUTH.UNAUTHENTICATED')
    },
  )

  const committeeMatrix = COMMITTEE_ONLY.flatMap((action) =>
    (
      [
        ['a building leader', 'demo-leader-5'],
        ['a verified resident', 'demo-resident-5'],
        ['a buddy', 'buddy'],
        ['the health columnist', 'demo-doctor'],
        ['a newcomer', 'demo-newcomer'],
      ] as const
    ).map(([who, key]) => [action, who, key] as const),
  )
  test.each(committeeMatrix)(
    'when %s is called by %s, then AUTH.FORBIDDEN and nothing changes',
    async (action, _who, key) => {
      const result = await expectUnchanged(t, () => clients.get(key)!.call('buddies', action, VALID[action]))
      expectError(result, 403, 'AUTH.FORBIDDEN')
    },
  )

  const verifiedMatrix = VERIFIED_ONLY.flatMap((action) =>
    (
      [
        ['a newcomer', 'demo-newcomer'],
        ['someone whose application is pending', 'pending'],
        ['the committee, who live in no building', 'demo-admin'],
      ] as const
    ).map(([who, key]) => [action, who, key] as const),
  )
  test.each(verifiedMatrix)(
    'when %s is called by %s, then AUTH.NOT_VERIFIED and nothing changes',
    async (action, _who, key) => {
      const result = await expectUnchanged(t, () => clients.get(key)!.call('buddies', action, VALID[action]))
      expectError(result, 403, 'AUTH.NOT_VERIFIED')
    },
  )

  const browseMatrix = RESIDENT_OR_COMMITTEE.flatMap((action) =>
    (
      [
        ['a newcomer', 'demo-newcomer'],
        ['someone whose application is pending', 'pending'],
      ] as const
    ).map(([who, key]) => [action, who, key] as const),
  )
  test.each(browseMatrix)('when %s is called by %s, then AUTH.NOT_VERIFIED', async (action, _who, key) => {
    expectError(await clients.get(key)!.call('buddies', action, VALID[action]), 403, 'AUTH.NOT_VERIFIED')
  })

  test('when a newcomer asks for requests they could take, then AUTH.NOT_VERIFIED', async () => {
    expectError(
      await clients.get('demo-newcomer')!.call('buddies', 'listHelpRequests', { scope: 'open' }),
      403,
      'AUTH.NOT_VERIFIED',
    )
  })

  test.each([
    ['a verified resident', 'demo-resident-5', 'jsh-5'],
    ['a buddy', 'buddy', 'jsh-4'],
    ['the leader of another building', 'demo-leader-5', 'jsh-6'],
    ['a newcomer', 'demo-newcomer', 'jsh-5'],
  ])("when %s lists a building's help requests, then AUTH.FORBIDDEN", async (_who, key, buildingId) => {
    expectError(
      await clients.get(key)!.call('buddies', 'listHelpRequests', { scope: 'building', buildingId }),
      403,
      'AUTH.FORBIDDEN',
    )
  })

  test('when the leader and the committee list a building’s help requests, then they may', async () => {
    const leader = await clients
      .get('demo-leader-5')!
      .ok('buddies', 'listHelpRequests', { scope: 'building', buildingId: 'jsh-5' })
    expect(leader.requests.map((r: { requestId: string }) => r.requestId)).toContain('hr-seed-5')
    const committee = await clients
      .get('demo-admin')!
      .ok('buddies', 'listHelpRequests', { scope: 'building', buildingId: 'jsh-3' })
    expect(committee.requests.map((r: { requestId: string }) => r.requestId)).toContain('hr-seed-1')
    // The committee and the leader are on the requester's side: they see the room.
    expect(committee.requests.find((r: { requestId: string }) => r.requestId === 'hr-seed-1').room).toBeTruthy()
  })
})
