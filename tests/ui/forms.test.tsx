import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import type { EventDetail, EventSummary, MatterSummary, MeView } from '../../contracts'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'

/**
 * Every page whose work is one form (nothing to load first), in jsdom against the fake transport:
 * left blank it cannot be sent (its empty state); while the send is on the way the button says
 * 请稍候… and takes no second tap (loading); a refusal is said on the page (error); and the real
 * back end's answer shows what happened next (success).
 */
interface FormCase {
  name: string
  page: () => ComponentType
  persona: string
  params?: Record<string, string> | (() => Promise<Record<string, string>>)
  /** The class of the button that sends the form. */
  button: string
  /** What the button sends. */
  sends: [fn: string, action: string]
  /** Fill the form in as a person would (after the page has rendered). */
  fill(): void
  /** Set the back end up so the send succeeds (when the seeded data alone cannot). */
  accept?(): Promise<void>
  /** What the page shows, or where it goes, once the send succeeded. */
  done(): Promise<void>
  /** Route params under which the page has nothing to send (default: the same params, left blank). */
  blankParams?: Record<string, string>
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const page = (path: string) => () => (require(`../../src/${path}`) as { default: ComponentType }).default

const type = (selector: string, value: string) => {
  const field = document.querySelector(selector)
  if (!field) throw new Error(`no ${selector} on the page`)
  fireEvent.change(field, { target: { value } })
}
const tap = (text: string) => fireEvent.click(screen.getByText(text))
const toast = (title: string) => waitFor(() => expect(taro.toasts).toContain(title))

const FORMS: FormCase[] = [
  {
    name: '找小伙伴帮忙',
    page: page('packages/buddies/pages/ask/index'),
    persona: 'demo-resident-5',
    button: 'submit-help',
    sends: ['buddies', 'requestHelp'],
    fill: () => {
      tap('教老人用手机')
      tap('明天上午')
    },
    done: () => toast('已发出求助'),
  },
  {
    name: '创建兴趣小组',
    page: page('packages/buddies/pages/propose/index'),
    persona: 'demo-admin',
    button: 'submit-group',
    sends: ['buddies', 'createGroup'],
    fill: () => {
      type('.group-name-input', '周末羽毛球')
      type('.group-description-input', '周六上午在小区球场打羽毛球，新手也欢迎')
      tap('读书')
    },
    done: () => toast('小组已创建'),
  },
  {
    name: '居委会认领',
    page: page('packages/committee/pages/claim/index'),
    persona: 'demo-resident-5',
    button: 'claim-submit',
    sends: ['account', 'claimCommittee'],
    fill: () => type('.claim-code-input', '482109375512'),
    // The claim code exists only once a household list is imported: answer as the claimed account.
    accept: async () => {
      backend.signInAs('demo-admin')
      const admin = await backend.ask<MeView>('account', 'me')
      backend.signInAs('demo-resident-5')
      backend.answer('account', 'claimCommittee', admin)
    },
    done: async () => void (await screen.findByText('您是居委会管理员')),
  },
  {
    name: '发起表决',
    page: page('packages/council/pages/open/index'),
    persona: 'demo-leader-5',
    params: async () => {
      backend.signInAs('demo-resident-5')
      const { matter } = await backend.ask<{ matter: MatterSummary }>('council', 'raiseMatter', {
        title: '自行车棚加装充电桩',
        text: '电瓶车在楼道里充电不安全，想在车棚装几个充电桩。',
      })
      return { matterId: matter.matterId }
    },
    blankParams: {},
    button: 'submit-vote',
    sends: ['council', 'openVote'],
    fill: () => undefined,
    done: () => toast('已发起'),
  },
  {
    name: '活动签到',
    page: page('packages/events/pages/scan/index'),
    persona: 'demo-resident-5',
    params: async () => ({
      e: (await backend.ask<{ events: EventSummary[] }>('events', 'list', {})).events[0]?.eventId ?? '',
    }),
    button: 'submit-code',
    sends: ['events', 'checkIn'],
    fill: () => type('.code-input', '123456'),
    // The code changes every minute on the organiser's screen: answer as a successful check-in.
    accept: async () => {
      const { events } = await backend.ask<{ events: EventSummary[] }>('events', 'list', {})
      const event = await backend.ask<EventDetail>('events', 'get', { eventId: events[0]!.eventId })
      backend.answer('events', 'checkIn', { event })
    },
    done: async () => void (await screen.findByText('签到成功')),
  },
  {
    name: '向医生提问',
    page: page('packages/health/pages/ask/index'),
    persona: 'demo-resident-5',
    button: 'send-question',
    sends: ['health', 'ask'],
    fill: () => {
      fireEvent.click(document.querySelector('.category-chip')!)
      type('.ask-question', '最近晚上总是睡不着，白天没精神，需要吃药吗？')
    },
    done: async () => void (await screen.findByText('提问已发送')),
  },
  {
    name: '写小贴士',
    page: page('packages/health/pages/write/index'),
    persona: 'demo-doctor',
    button: 'save-tip',
    sends: ['health', 'publishTip'],
    fill: () => {
      type('.tip-title-input', '冬天洗澡水温别太高')
      type('.tip-body-input', '水温 38 到 40 度为宜，时间不超过 15 分钟，起身要慢，防止头晕跌倒。')
    },
    done: () => toast('已发布'),
  },
]

const ERROR_TEXT = '服务暂时出了点问题，请稍后再试'

beforeAll(async () => {
  await backend.start()
})
afterAll(() => backend.stop())

describe.each(FORMS)('$name page', (form) => {
  const [fn, action] = form.sends
  let routeParams: Record<string, string> = {}
  const button = () => {
    const found = document.querySelector(`.${form.button}`)
    if (!found) throw new Error(`no .${form.button} on the page`)
    return found as HTMLButtonElement
  }
  const ready = () => waitFor(() => button())

  beforeAll(async () => {
    backend.reset()
    backend.signInAs(form.persona)
    routeParams = typeof form.params === 'function' ? await form.params() : (form.params ?? {})
  })
  beforeEach(() => {
    backend.reset()
    backend.signInAs(form.persona)
    taro.reset()
    taro.setParams(routeParams)
  })

  test('when nothing is filled in yet, then the form cannot be sent', async () => {
    taro.setParams(form.blankParams ?? routeParams)
    renderPage(form.page())
    await ready()
    expect(button().disabled).toBe(true)
  })

  test(`when ${fn}.${action} is on the way, then the button says 请稍候… and takes no second tap`, async () => {
    backend.hang(fn, action)
    renderPage(form.page())
    await ready()
    form.fill()
    fireEvent.click(button())
    await waitFor(() => expect(button().textContent).toBe('请稍候…'))
    expect(button().disabled).toBe(true)
    fireEvent.click(button())
    expect(backend.calls.filter((c) => c.fn === fn && c.action === action)).toHaveLength(1)
  })

  test(`when ${fn}.${action} is refused, then the page says what went wrong and the form can be sent again`, async () => {
    backend.fail(fn, action, 'INTERNAL')
    renderPage(form.page())
    await ready()
    form.fill()
    fireEvent.click(button())
    await screen.findByText(ERROR_TEXT)
    expect(button().disabled).toBe(false)
  })

  test('when the back end accepts it, then the page shows what happened next', async () => {
    await form.accept?.()
    renderPage(form.page())
    await ready()
    form.fill()
    fireEvent.click(button())
    await form.done()
    expect(backend.calls.some((c) => c.fn === fn && c.action === action)).toBe(true)
  })
})
