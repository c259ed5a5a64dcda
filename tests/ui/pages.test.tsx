import { screen, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { AnnouncementPage, EventSummary, GroupSummary } from '../../contracts'
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
    name: '入楼海报',
    page: page('packages/leader/pages/poster/index'),
    persona: 'demo-leader-5',
    load: ['account', 'joinPoster'],
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
