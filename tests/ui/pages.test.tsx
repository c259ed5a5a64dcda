import { screen, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import type {
  AnnouncementPage,
  EventSummary,
  GroupSummary,
  HelpRequestView,
  InboxItemView,
  InterestGroupSummary,
  MatterSummary,
  QASummaryView,
  TipMonthView,
  VoteView,
} from '../../contracts'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'

/**
 * Every page that loads something, in jsdom against the fake transport (a real local core by
 * default): while its first read is on the way it says 正在加载…; when that read fails it says
 * why; with the real demo data it shows no error; and where it has an empty state, an empty
 * answer shows it. Pages are plain React: a page is its feature's hooks and components.
 */
interface PageCase {
  name: string
  page: () => ComponentType
  persona: string
  /** The page's first read: what the loading and error states hang on. */
  load: [fn: string, action: string]
  /** Route params; a function reads real ids from the seeded back end. */
  params?: Record<string, string> | (() => Promise<Record<string, string>>)
  empty?: { answer: unknown; text: string }
}

// Each page module is loaded by its own cases only, so one broken page fails its rows, not the file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const page = (path: string) => () => (require(`../../src/${path}`) as { default: ComponentType }).default

const firstEvent = async () => ({
  id: (await backend.ask<{ events: EventSummary[] }>('events', 'list', {})).events[0]?.eventId ?? '',
})
const firstAnnouncement = async () => ({
  id: (await backend.ask<AnnouncementPage>('announcements', 'list', {})).items[0]?.announcementId ?? '',
})
const firstChatGroup = async () => ({
  groupId: (await backend.ask<{ groups: GroupSummary[] }>('chat', 'listGroups')).groups[0]?.groupId ?? '',
})
const firstInterestGroup = async () => ({
  id: (await backend.ask<{ groups: InterestGroupSummary[] }>('buddies', 'listGroups')).groups[0]?.groupId ?? '',
})
const myFirstHelpRequest = async () => ({
  id:
    (await backend.ask<{ requests: HelpRequestView[] }>('buddies', 'listHelpRequests', { scope: 'mine' })).requests[0]
      ?.requestId ?? '',
})
const firstTip = async () => {
  const { months } = await backend.ask<{ months: TipMonthView[] }>('health', 'listTips', {})
  return { id: months[0]?.tips[0]?.tipId ?? '' }
}
const firstQA = async () => ({
  id: (await backend.ask<{ items: QASummaryView[] }>('health', 'listQA', {})).items[0]?.entryId ?? '',
})
const firstWaitingQuestion = async () => ({
  id: (await backend.ask<{ items: InboxItemView[] }>('health', 'inbox')).items[0]?.questionId ?? '',
})
/** 5号楼 has a matter raised by a resident and an open show-of-hands vote on it (the seed has none). */
const openVote = async () => {
  backend.signInAs('demo-resident-5')
  const { matter } = await backend.ask<{ matter: MatterSummary }>('council', 'raiseMatter', {
    title: '楼道灯换成感应灯',
    text: '晚上楼道太暗，老人上下楼不方便。',
  })
  backend.signInAs('demo-leader-5')
  const { vote } = await backend.ask<{ vote: VoteView }>('council', 'openVote', {
    matterId: matter.matterId,
    kind: 'yesNo',
    secret: false,
    closesAt: Date.now() + 3 * 24 * 3600_000,
    quorumPercent: 0,
    threshold: 'majority',
  })
  return { id: vote.voteId }
}

const PAGES: PageCase[] = [
  {
    name: '群聊',
    page: page('pages/group/index'),
    persona: 'demo-resident-5',
    load: ['chat', 'listGroups'],
    empty: { answer: { groups: [], unreadTotal: 0 }, text: '还没有可以进入的群' },
  },
  { name: '活动', page: page('pages/events/index'), persona: 'demo-resident-5', load: ['events', 'list'] },
  {
    name: '我的数据',
    page: page('packages/account/pages/my-data/index'),
    persona: 'demo-resident-5',
    load: ['account', 'exportMyData'],
  },
  {
    name: '我的活动',
    page: page('packages/events/pages/mine/index'),
    persona: 'demo-resident-5',
    load: ['events', 'mine'],
  },
  {
    name: '活动详情',
    page: page('packages/events/pages/detail/index'),
    persona: 'demo-resident-5',
    load: ['events', 'get'],
    params: firstEvent,
  },
  {
    name: '发起活动',
    page: page('packages/events/pages/edit/index'),
    persona: 'demo-leader-5',
    load: ['events', 'audiences'],
    empty: { answer: { options: [] }, text: '您还不能发起活动' },
  },
  {
    name: '报名名单',
    page: page('packages/events/pages/roster/index'),
    persona: 'demo-admin',
    load: ['events', 'roster'],
    params: firstEvent,
  },
  {
    name: '公告',
    page: page('packages/announcements/pages/detail/index'),
    persona: 'demo-resident-5',
    load: ['announcements', 'get'],
    params: firstAnnouncement,
  },
  {
    name: '兴趣小组',
    page: page('packages/buddies/pages/groups/index'),
    persona: 'demo-resident-5',
    load: ['buddies', 'listGroups'],
    empty: { answer: { groups: [] }, text: '还没有兴趣小组' },
  },
  {
    name: '小伙伴资料',
    page: page('packages/buddies/pages/profile/index'),
    persona: 'demo-youth',
    load: ['buddies', 'myProfile'],
  },
  {
    name: '小组申请',
    page: page('packages/buddies/pages/proposals/index'),
    persona: 'demo-admin',
    load: ['buddies', 'listProposals'],
  },
  {
    name: '网络小伙伴（居委会）',
    page: page('packages/buddies/pages/committee/index'),
    persona: 'demo-admin',
    load: ['buddies', 'memberStats'],
  },
  {
    name: '群成员',
    page: page('packages/chat/pages/members/index'),
    persona: 'demo-resident-5',
    load: ['chat', 'listMembers'],
    params: firstChatGroup,
  },
  {
    name: '健康专栏',
    page: page('packages/health/pages/column/index'),
    persona: 'demo-resident-5',
    load: ['health', 'overview'],
  },
  {
    name: '我的提问',
    page: page('packages/health/pages/mine/index'),
    persona: 'demo-resident-5',
    load: ['health', 'myQuestions'],
    empty: { answer: { questions: [] }, text: '还没有提过问题' },
  },
  {
    name: '待回复的提问',
    page: page('packages/health/pages/inbox/index'),
    persona: 'demo-doctor',
    load: ['health', 'inbox'],
    empty: { answer: { items: [], total: 0 }, text: '没有待回复的提问' },
  },
  {
    name: '工作人员',
    page: page('packages/committee/pages/roles/index'),
    persona: 'demo-admin',
    load: ['account', 'listStaff'],
  },
  {
    name: '入楼申请',
    page: page('packages/leader/pages/applications/index'),
    persona: 'demo-leader-5',
    load: ['account', 'listApplications'],
    empty: { answer: { applications: [] }, text: '没有待处理的申请' },
  },
  {
    name: '本楼居民',
    page: page('packages/leader/pages/residents/index'),
    persona: 'demo-leader-5',
    load: ['account', 'listResidents'],
    empty: { answer: { residents: [] }, text: '还没有认证居民' },
  },
  {
    name: '自治公约',
    page: page('packages/council/pages/charter/index'),
    persona: 'demo-resident-5',
    load: ['council', 'charter'],
    empty: {
      answer: {
        buildingId: 'jsh-5',
        buildingName: '金上海家园 5号楼',
        current: null,
        draft: null,
        history: [],
        mySignature: null,
        signedCount: 0,
        householdCount: 36,
        canSign: false,
        canManage: false,
        canFollowUp: false,
      },
      text: '本楼还没有自治公约',
    },
  },
  {
    name: '公约范本',
    page: page('packages/council/pages/charter-templates/index'),
    persona: 'demo-admin',
    load: ['council', 'charterTemplates'],
    empty: { answer: { templates: [] }, text: '还没有公约范本' },
  },
  {
    name: '各楼自治公约',
    page: page('packages/council/pages/charter-buildings/index'),
    persona: 'demo-admin',
    load: ['council', 'charterBuildings'],
  },
  {
    name: '楼组主页',
    page: page('packages/council/pages/building/index'),
    persona: 'demo-resident-5',
    load: ['council', 'buildingHome'],
  },
  {
    name: '各楼主页与特色',
    page: page('packages/council/pages/building-directory/index'),
    persona: 'demo-admin',
    load: ['council', 'buildingTags'],
    empty: { answer: { tags: [] }, text: '清单还是空的。' },
  },
  {
    name: '入楼海报',
    page: page('packages/leader/pages/poster/index'),
    persona: 'demo-leader-5',
    load: ['account', 'joinPoster'],
  },
  {
    name: '首页',
    page: page('pages/home/index'),
    persona: 'demo-resident-5',
    load: ['announcements', 'list'],
    empty: { answer: { items: [], unread: 0 }, text: '还没有公告。楼组长和居委会发布的通知会显示在这里。' },
  },
  { name: '我的', page: page('pages/me/index'), persona: 'demo-resident-5', load: ['account', 'me'] },
  {
    name: '加入楼组',
    page: page('pages/onboarding/index'),
    persona: 'demo-newcomer',
    load: ['account', 'me'],
  },
  {
    name: '消息通知',
    page: page('pages/notifications/index'),
    persona: 'demo-resident-5',
    load: ['notifications', 'list'],
    empty: { answer: { items: [] }, text: '还没有通知' },
  },
  {
    name: '公告管理',
    page: page('packages/announcements/pages/list/index'),
    persona: 'demo-leader-5',
    load: ['announcements', 'list'],
    params: { manage: '1' },
  },
  {
    name: '发布公告',
    page: page('packages/announcements/pages/publish/index'),
    persona: 'demo-leader-5',
    load: ['account', 'listBuildings'],
  },
  {
    name: '公告送达',
    page: page('packages/announcements/pages/reach/index'),
    persona: 'demo-leader-5',
    load: ['announcements', 'reach'],
    params: firstAnnouncement,
  },
  {
    name: '小组详情',
    page: page('packages/buddies/pages/group/index'),
    persona: 'demo-youth',
    load: ['buddies', 'getGroup'],
    params: firstInterestGroup,
  },
  {
    name: '邻里互助',
    page: page('packages/buddies/pages/help/index'),
    persona: 'demo-youth',
    load: ['buddies', 'listHelpRequests'],
    empty: { answer: { requests: [] }, text: '您还没有求助过' },
  },
  {
    name: '求助详情',
    page: page('packages/buddies/pages/help-detail/index'),
    persona: 'demo-leader-5',
    load: ['buddies', 'getHelpRequest'],
    params: myFirstHelpRequest,
  },
  {
    name: '加入网络小伙伴',
    page: page('packages/buddies/pages/join/index'),
    persona: 'demo-resident-5',
    load: ['buddies', 'myProfile'],
  },
  {
    name: '举报处理',
    page: page('packages/chat/pages/reports/index'),
    persona: 'demo-leader-5',
    load: ['chat', 'listReports'],
    params: firstChatGroup,
    empty: { answer: { reports: [] }, text: '没有待处理的举报' },
  },
  {
    name: '楼组议事',
    page: page('packages/council/pages/index/index'),
    persona: 'demo-resident-11',
    load: ['council', 'overview'],
    empty: {
      answer: { buildingId: 'b', buildingName: '11号楼', matters: [], openVotes: [], canManage: false, canRaise: true },
      text: '还没有议题',
    },
  },
  {
    name: '表决',
    page: page('packages/council/pages/vote/index'),
    persona: 'demo-resident-5',
    load: ['council', 'getVote'],
    params: openVote,
  },
  {
    name: '纸质选票',
    page: page('packages/council/pages/paper/index'),
    persona: 'demo-leader-5',
    load: ['council', 'getVote'],
    params: openVote,
  },
  {
    name: '签到码',
    page: page('packages/events/pages/checkin/index'),
    persona: 'demo-admin',
    load: ['events', 'checkInCode'],
    params: firstEvent,
  },
  {
    name: '回复提问',
    page: page('packages/health/pages/answer/index'),
    persona: 'demo-doctor',
    load: ['health', 'inboxItem'],
    params: firstWaitingQuestion,
  },
  {
    name: '问答',
    page: page('packages/health/pages/qa/index'),
    persona: 'demo-resident-5',
    load: ['health', 'getQA'],
    params: firstQA,
  },
  {
    name: '小贴士',
    page: page('packages/health/pages/tip/index'),
    persona: 'demo-resident-5',
    load: ['health', 'getTip'],
    params: firstTip,
  },
  {
    name: '修改小贴士',
    page: page('packages/health/pages/write/index'),
    persona: 'demo-doctor',
    load: ['health', 'getTip'],
    params: firstTip,
  },
]

const ERROR_TEXT = '服务暂时出了点问题，请稍后再试'

beforeAll(async () => {
  await backend.start()
})
afterAll(() => backend.stop())

describe.each(PAGES)('$name page', ({ page: load, persona, load: [fn, action], params, empty }) => {
  let routeParams: Record<string, string> = {}

  beforeAll(async () => {
    backend.reset()
    backend.signInAs(persona)
    routeParams = typeof params === 'function' ? await params() : (params ?? {})
  })
  beforeEach(() => {
    backend.reset()
    backend.signInAs(persona)
    taro.reset()
    taro.setParams(routeParams)
  })

  const loaded = () => waitFor(() => expect(backend.calls.some((c) => c.fn === fn && c.action === action)).toBe(true))

  test(`when ${fn}.${action} is on the way, then the page says 正在加载…`, async () => {
    backend.hang(fn, action)
    renderPage(load())
    await loaded()
    expect(screen.getAllByText('正在加载…').length).toBeGreaterThan(0)
  })

  test(`when ${fn}.${action} fails, then the page says what went wrong`, async () => {
    backend.fail(fn, action, 'INTERNAL')
    renderPage(load())
    await loaded()
    await screen.findAllByText(ERROR_TEXT)
  })

  test('when the real back end answers, then the page shows it without an error', async () => {
    const { container } = renderPage(load())
    await loaded()
    await waitFor(() => expect(screen.queryAllByText('正在加载…')).toEqual([]))
    expect(container.textContent).not.toContain(ERROR_TEXT)
    expect(container.querySelector('.lz-error')).toBeNull()
    expect(container.textContent?.length).toBeGreaterThan(10)
  })

  if (empty) {
    test(`when there is nothing to show, then the page says “${empty.text}”`, async () => {
      backend.answer(fn, action, empty.answer)
      renderPage(load())
      await screen.findByText(empty.text)
    })
  }
})
