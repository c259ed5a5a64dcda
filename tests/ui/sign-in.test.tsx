import { fireEvent, screen, waitFor } from '@testing-library/react'
import FirstRunPage from '../../src/pages/first-run/index'
import LoginPage from '../../src/pages/login/index'
import { backend } from '../support/ui/fake-transport'
import { renderPage } from '../support/ui/render'
import { taro } from '../support/ui/taro'

/**
 * The browser build's way in, in jsdom: the sign-in page asks the local runtime (plain HTTP, not a
 * function call) who the demo people are, and the first-run page checks through `account.setupStatus`
 * whether the household list is loaded.
 */
const ERROR_TEXT = '服务暂时出了点问题，请稍后再试'

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }

/** The local runtime's HTTP answers by path; a path left out never answers. */
function localRuntime(answers: Record<string, Reply | 'unreachable'>): jest.Mock {
  const fetch = jest.fn((url: string) => {
    const path = new URL(url, 'http://127.0.0.1').pathname
    const answer = answers[path]
    if (answer === undefined) return new Promise<never>(() => undefined)
    if (answer === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'))
    return Promise.resolve({ json: async () => answer })
  })
  Object.assign(globalThis, { fetch })
  return fetch
}

const DEMO_PEOPLE: Reply = {
  ok: true,
  data: {
    demo: true,
    personas: [
      { openid: 'demo-resident-5', nickname: '王阿姨', role: '5号楼居民' },
      { openid: 'demo-leader-5', nickname: '张阿姨', role: '5号楼楼组长' },
    ],
  },
}

const realFetch = globalThis.fetch
beforeAll(async () => {
  await backend.start()
})
afterAll(() => {
  backend.stop()
  Object.assign(globalThis, { fetch: realFetch })
})
beforeEach(() => {
  backend.reset()
  taro.reset()
})

describe('登录 page', () => {
  test('when the local runtime lists its demo people, then the page offers each by name and role', async () => {
    localRuntime({ '/api/dev/personas': DEMO_PEOPLE })
    renderPage(LoginPage)
    await screen.findByText('王阿姨')
    expect(screen.getByText('5号楼楼组长')).toBeTruthy()
  })

  test('when the local runtime cannot be reached, then the page says to start it', async () => {
    localRuntime({ '/api/dev/personas': 'unreachable' })
    renderPage(LoginPage)
    await screen.findByText('连不上本地服务，请确认已运行 npm start')
  })

  test('when it is a real deployment with no demo people, then the page asks for a one-time sign-in code', async () => {
    localRuntime({ '/api/dev/personas': { ok: true, data: { demo: false, personas: [] } } })
    renderPage(LoginPage)
    await screen.findByText('用登录码登录')
    expect(backend.calls.map((c) => `${c.fn}.${c.action}`)).toContain('account.setupStatus')
  })

  test('when a real deployment has no households yet, then the page sends the person to the first-run steps', async () => {
    localRuntime({ '/api/dev/personas': { ok: true, data: { demo: false, personas: [] } } })
    backend.answer('account', 'setupStatus', { neighbourhoodLoaded: false })
    renderPage(LoginPage)
    await waitFor(() => expect(taro.opened).toContain('/pages/first-run/index'))
  })

  test('when a sign-in is on the way, then that person’s button says 请稍候…', async () => {
    localRuntime({ '/api/dev/personas': DEMO_PEOPLE })
    renderPage(LoginPage)
    fireEvent.click(await screen.findByText('王阿姨'))
    await screen.findByText('请稍候…')
  })

  test('when the sign-in is refused, then the page says why', async () => {
    localRuntime({
      '/api/dev/personas': DEMO_PEOPLE,
      '/api/dev/login': { ok: false, error: { code: 'INTERNAL', message: ERROR_TEXT } },
    })
    renderPage(LoginPage)
    fireEvent.click(await screen.findByText('王阿姨'))
    await screen.findByText(ERROR_TEXT)
  })

  test('when the sign-in succeeds, then the person lands on 首页', async () => {
    localRuntime({ '/api/dev/personas': DEMO_PEOPLE, '/api/dev/login': { ok: true, data: { token: 't' } } })
    backend.signInAs('demo-resident-5')
    renderPage(LoginPage)
    fireEvent.click(await screen.findByText('王阿姨'))
    await waitFor(() => expect(taro.opened).toContain('/pages/home/index'))
  })
})

describe('设置向导 page', () => {
  const check = () => fireEvent.click(screen.getByText('已导入，去登录'))

  test('when the check is on the way, then the button says 请稍候…', async () => {
    backend.hang('account', 'setupStatus')
    renderPage(FirstRunPage)
    check()
    await screen.findByText('请稍候…')
  })

  test('when the household list is not loaded yet, then the page says so and stays', async () => {
    backend.answer('account', 'setupStatus', { neighbourhoodLoaded: false })
    renderPage(FirstRunPage)
    check()
    await screen.findByText('还没有导入住户名单。请按上面的步骤在电脑上运行导入。')
    expect(taro.opened).toEqual([])
  })

  test('when the check fails, then the page says what went wrong', async () => {
    backend.fail('account', 'setupStatus', 'INTERNAL')
    renderPage(FirstRunPage)
    check()
    await screen.findByText(ERROR_TEXT)
  })

  test('when the household list is loaded, then the page goes on to sign-in', async () => {
    renderPage(FirstRunPage)
    check()
    await waitFor(() => expect(taro.opened).toContain('/pages/login/index'))
  })
})
