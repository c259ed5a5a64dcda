import { CHINESE, expectError, expectUnchanged } from '../support/api-expect'
import { profileInput } from '../support/buddies'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * Bad input for every buddies action: 400 INPUT.INVALID naming the field, a Chinese message, and
 * not one stored document changed. Validation runs before anything else, so who calls does not matter.
 */
const long = (n: number, ch = '字') => ch.repeat(n)
const { consent: _consent, ...profile } = profileInput()
const group = { name: '新小组', description: '一起玩', interests: ['读书'] }
const help = { skill: '教老人用手机', when: '周六下午', note: '想学微信' }

type Case = [action: string, what: string, field: string, data: unknown]

const CASES: Case[] = [
  ['ping', 'an unknown field', 'userId', { userId: 'u_1' }],
  ['ping', 'contentCheck as a string', 'contentCheck', { contentCheck: 'yes' }],
  ['ping', 'an openid with spaces', 'openid', { openid: 'o 1' }],
  ['myProfile', 'an unknown field', 'userId', { userId: 'u_1' }],
  ['myProfile', 'data that is not an object', '', 'me'],

  ['signUp', 'no consent', 'consent', profile],
  ['signUp', 'consent false', 'consent', { ...profile, consent: false }],
  ['signUp', 'consent as a string', 'consent', { ...profile, consent: 'yes' }],
  ['signUp', 'no nickname', 'nickname', { ...profileInput(), nickname: undefined }],
  ['signUp', 'a blank nickname', 'nickname', profileInput({ nickname: '  ' })],
  ['signUp', 'a nickname over 20 characters', 'nickname', profileInput({ nickname: long(21) })],
  ['signUp', 'a nickname with a line break', 'nickname', profileInput({ nickname: '小\n李' })],
  ['signUp', 'no age band', 'ageBand', { ...profileInput(), ageBand: undefined }],
  ['signUp', 'an age band outside 18–45', 'ageBand', profileInput({ ageBand: '46-55' })],
  ['signUp', 'an age band as a number', 'ageBand', profileInput({ ageBand: 30 })],
  ['signUp', 'no interests', 'interests', { ...profileInput(), interests: undefined }],
  ['signUp', 'an empty interest list', 'interests', profileInput({ interests: [] })],
  [
    'signUp',
    'nine interests',
    'interests',
    profileInput({ interests: ['读书', '合唱', '舞蹈', '摄影', '运动', '拳操', '时政', '亲子', '志愿服务'] }),
  ],
  ['signUp', 'an interest not on the list', 'interests.1', profileInput({ interests: ['读书', '打麻将'] })],
  ['signUp', 'an interest twice', 'interests', profileInput({ interests: ['读书', '读书'] })],
  ['signUp', 'interests as a string', 'interests', profileInput({ interests: '读书' })],
  ['signUp', 'four tags', 'tags', profileInput({ tags: ['a', 'b', 'c', 'd'] })],
  ['signUp', 'a tag over 8 characters', 'tags.0', profileInput({ tags: [long(9)] })],
  ['signUp', 'a blank tag', 'tags.0', profileInput({ tags: [' '] })],
  ['signUp', 'a tag twice', 'tags', profileInput({ tags: ['咖啡', '咖啡'] })],
  ['signUp', 'a skill not on the list', 'skills.0', profileInput({ skills: ['修飞机'] })],
  ['signUp', 'a skill twice', 'skills', profileInput({ skills: ['代买代办', '代买代办'] })],
  ['signUp', 'a workplace over 40 characters', 'workplace', profileInput({ workplace: long(41) })],
  ['signUp', 'a workplace of the wrong type', 'workplace', profileInput({ workplace: 42 })],
  ['signUp', 'no availability', 'availability', { ...profileInput(), availability: undefined }],
  ['signUp', 'an empty availability', 'availability', profileInput({ availability: [] })],
  ['signUp', 'an availability not on the list', 'availability.0', profileInput({ availability: ['morning'] })],
  ['signUp', 'an unknown field', 'room', profileInput({ room: '302' })],

  ['update', 'consent (it is given once, at sign-up)', 'consent', { ...profile, consent: true }],
  ['update', 'an age band outside 18–45', 'ageBand', { ...profile, ageBand: '60+' }],
  ['update', 'an interest not on the list', 'interests.0', { ...profile, interests: ['x'] }],
  ['update', 'no availability', 'availability', { ...profile, availability: undefined }],

  ['withdraw', 'no confirmation', 'confirm', {}],
  ['withdraw', 'confirm false', 'confirm', { confirm: false }],
  ['withdraw', 'an unknown field', 'reason', { confirm: true, reason: '忙' }],

  ['listGroups', 'an unknown field', 'interest', { interest: '读书' }],
  ['getGroup', 'no groupId', 'groupId', {}],
  ['getGroup', 'a groupId with illegal characters', 'groupId', { groupId: 'ig/../x' }],
  ['getGroup', 'a groupId over 64 characters', 'groupId', { groupId: long(65, 'a') }],

  ['createGroup', 'no name', 'name', { ...group, name: undefined }],
  ['createGroup', 'a name over 20 characters', 'name', { ...group, name: long(21) }],
  ['createGroup', 'no description', 'description', { ...group, description: undefined }],
  ['createGroup', 'a description over 200 characters', 'description', { ...group, description: long(201) }],
  ['createGroup', 'no interests', 'interests', { ...group, interests: [] }],
  ['createGroup', 'four interests', 'interests', { ...group, interests: ['读书', '合唱', '舞蹈', '摄影'] }],
  ['createGroup', 'an interest not on the list', 'interests.0', { ...group, interests: ['麻将'] }],
  ['createGroup', 'a building', 'buildingId', { ...group, buildingId: 'jsh-5' }],

  ['proposeGroup', 'no name', 'name', { ...group, name: undefined }],
  ['proposeGroup', 'a name made only of invisible characters', 'name', { ...group, name: '\u200B\u3164' }],
  ['proposeGroup', 'an unknown field', 'organiserId', { ...group, organiserId: 'u_1' }],

  ['listProposals', 'a status that does not exist', 'status', { status: 'all' }],
  ['listProposals', 'an unknown field', 'proposerId', { proposerId: 'u_1' }],

  ['reviewProposal', 'no proposalId', 'proposalId', { decision: 'approve' }],
  ['reviewProposal', 'no decision', 'decision', { proposalId: 'gp_1' }],
  ['reviewProposal', 'a decision that is not approve or reject', 'decision', { proposalId: 'gp_1', decision: 'later' }],
  [
    'reviewProposal',
    'a reason over 100 characters',
    'reason',
    { proposalId: 'gp_1', decision: 'reject', reason: long(101) },
  ],

  ['joinGroup', 'no groupId', 'groupId', {}],
  ['joinGroup', 'a groupId of the wrong type', 'groupId', { groupId: 7 }],
  ['joinGroup', 'an unknown field', 'role', { groupId: 'ig-reading', role: 'organiser' }],
  ['leaveGroup', 'no groupId', 'groupId', {}],

  ['setOrganiser', 'no userId', 'userId', { groupId: 'ig-reading', organiser: true }],
  ['setOrganiser', 'no organiser flag', 'organiser', { groupId: 'ig-reading', userId: 'u_1' }],
  [
    'setOrganiser',
    'an organiser flag as a string',
    'organiser',
    { groupId: 'ig-reading', userId: 'u_1', organiser: 'yes' },
  ],

  ['requestHelp', 'no skill', 'skill', { ...help, skill: undefined }],
  ['requestHelp', 'a skill not on the list', 'skill', { ...help, skill: '修飞机' }],
  ['requestHelp', 'no when', 'when', { ...help, when: undefined }],
  ['requestHelp', 'a blank when', 'when', { ...help, when: '   ' }],
  ['requestHelp', 'a when over 30 characters', 'when', { ...help, when: long(31) }],
  ['requestHelp', 'a note over 200 characters', 'note', { ...help, note: long(201) }],
  ['requestHelp', 'a note with a NUL', 'note', { ...help, note: '帮\u0000忙' }],
  ['requestHelp', 'a note of the wrong type', 'note', { ...help, note: ['帮忙'] }],
  ['requestHelp', 'on behalf of no room', 'onBehalfOf.room', { ...help, onBehalfOf: { buildingId: 'jsh-5' } }],
  [
    'requestHelp',
    'on behalf of a room in words',
    'onBehalfOf.room',
    { ...help, onBehalfOf: { buildingId: 'jsh-5', room: '四零六' } },
  ],
  [
    'requestHelp',
    'on behalf of a building that does not exist',
    'onBehalfOf.buildingId',
    { ...help, onBehalfOf: { buildingId: 'jsh-99', room: '406' } },
  ],
  [
    'requestHelp',
    'on behalf with an unknown field',
    'onBehalfOf.name',
    { ...help, onBehalfOf: { buildingId: 'jsh-5', room: '406', name: '李老伯' } },
  ],
  ['requestHelp', 'a requester id', 'requesterId', { ...help, requesterId: 'u_1' }],

  ['listHelpRequests', 'no scope', 'scope', {}],
  ['listHelpRequests', 'a scope that does not exist', 'scope', { scope: 'everything' }],
  ['listHelpRequests', 'the building scope without a building', 'buildingId', { scope: 'building' }],
  ['listHelpRequests', 'a building on the open scope', 'buildingId', { scope: 'open', buildingId: 'jsh-5' }],

  ['getHelpRequest', 'no requestId', 'requestId', {}],
  ['offerHelp', 'a requestId of the wrong type', 'requestId', { requestId: 12 }],
  ['acceptOffer', 'no requestId', 'requestId', {}],
  ['declineOffer', 'an unknown field', 'reason', { requestId: 'hr_1', reason: '不用了' }],
  ['withdrawOffer', 'a requestId over 64 characters', 'requestId', { requestId: long(65, 'h') }],
  ['cancelHelp', 'no requestId', 'requestId', {}],

  ['completeHelp', 'no minutes', 'minutes', { requestId: 'hr_1' }],
  ['completeHelp', 'minutes as a string', 'minutes', { requestId: 'hr_1', minutes: '30' }],
  ['completeHelp', 'fractional minutes', 'minutes', { requestId: 'hr_1', minutes: 30.5 }],
  ['completeHelp', 'too few minutes', 'minutes', { requestId: 'hr_1', minutes: 4 }],
  ['completeHelp', 'more than ten hours', 'minutes', { requestId: 'hr_1', minutes: 601 }],
  ['completeHelp', 'negative minutes', 'minutes', { requestId: 'hr_1', minutes: -30 }],
  ['completeHelp', 'an unknown field', 'helperId', { requestId: 'hr_1', minutes: 30, helperId: 'u_1' }],

  ['myHours', 'an unknown field', 'userId', { userId: 'u_1' }],

  ['listMembers', 'an interest not on the list', 'interest', { interest: '麻将' }],
  ['listMembers', 'a skill not on the list', 'skill', { skill: '修飞机' }],
  ['listMembers', 'an age band not on the list', 'ageBand', { ageBand: '60+' }],
  ['listMembers', 'a buildingId with spaces', 'buildingId', { buildingId: 'jsh 5' }],
  ['listMembers', 'an unknown field', 'room', { room: '302' }],
  ['memberStats', 'an unknown field', 'by', { by: 'building' }],
  ['exportMembers', 'an unknown field', 'format', { format: 'xlsx' }],
  ['exportMembers', 'a skill not on the list', 'skill', { skill: 'x' }],
  ['workplacePairs', 'an unknown field', 'min', { min: 2 }],
]

describe('buddies: bad input is refused and changes nothing', () => {
  let t: TestRuntime
  let admin: ApiClient
  beforeAll(async () => {
    t = await startTestRuntime()
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  test.each(CASES)(
    'when %s is called with %s, then INPUT.INVALID names the field "%s"',
    async (action, _what, field, data) => {
      const result = await expectUnchanged(t, () => admin.call('buddies', action, data))
      const error = expectError(result, 400, 'INPUT.INVALID', field)
      expect(error.message).toMatch(CHINESE)
    },
  )

  test('when every action is covered, then no action is missing from the table', async () => {
    const { buddiesContract } = await import('../../contracts')
    const covered = new Set(CASES.map(([action]) => action))
    expect(Object.keys(buddiesContract).filter((a) => !covered.has(a))).toEqual([])
  })
})
