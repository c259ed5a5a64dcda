import fs from 'node:fs'
import path from 'node:path'
import { createLocalCore, type LocalCore } from '../../cloudfunctions/local-runtime'
import { DIST, installWx, renderPage, waitFor } from './support/weapp'

/**
 * The WeChat build itself (dist/weapp, compiled by WeChat's wcc), not the h5 one: the home page
 * loads who I am through `wx.cloud.callFunction` and shows my building.
 */
describe('WeChat build: 首页', () => {
  let core: LocalCore

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'app.js')))
      throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it)')
    core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent' })
  })
  afterAll(() => core?.db.close())
  beforeEach(() => jest.resetModules())

  test('when a verified resident opens 首页 in WeChat, then it greets them and shows their building, fetched through wx.cloud', async () => {
    const wx = installWx(core.router, 'demo-resident-5')

    const page = renderPage('pages/home/index')

    await waitFor(() => expect(page.dom.textContent).toContain('王阿姨'))
    expect(page.dom.textContent).toContain('金上海家园 5号楼')
    expect(page.dom.textContent).toContain('已认证')
    expect(wx.calls).toEqual(expect.arrayContaining([{ name: 'account', action: 'me' }]))
    // The mini-program never needs the browser's login page or a token.
    expect([...wx.storage.keys()]).not.toContain('louzu.token')
  })
})

describe('WeChat build: 我的', () => {
  let core: LocalCore

  beforeAll(async () => {
    core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent' })
  })
  afterAll(() => core?.db.close())
  beforeEach(() => jest.resetModules())

  test('when a resident taps the large-text switch in WeChat, then the page switches to large text and the profile remembers it', async () => {
    const wx = installWx(core.router, 'demo-resident-11')
    const page = renderPage('pages/me/index')
    await waitFor(() => expect(page.querySelector('.large-text-switch')).toBeTruthy())
    // Classes are scoped by the compiler (page-…--lz-large), so look at the rendered markup.
    const isLarge = () => /--lz-large\b/.test(page.dom.innerHTML)
    expect(isLarge()).toBe(false)

    page.querySelector('.large-text-switch').dispatchEvent('tap')

    await waitFor(() => expect(isLarge()).toBe(true))
    expect(wx.calls).toEqual(expect.arrayContaining([{ name: 'account', action: 'updateProfile' }]))
    const me = await core.router.dispatch('account', { action: 'me' }, { openid: 'demo-resident-11' }, 'check')
    expect(me.envelope).toMatchObject({ ok: true, data: { settings: { largeText: true } } })
  })
})
