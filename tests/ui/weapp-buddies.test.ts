import fs from 'node:fs'
import path from 'node:path'
import { createLocalCore, type LocalCore } from '../../cloudfunctions/local-runtime'
import { DIST, installWx, renderPage, waitFor } from './support/weapp'
import { at } from '../support/lists'

/**
 * The buddies pages in the WeChat build (dist/weapp, WeChat's own template compiler): the bar
 * chart is plain Views with % widths, so it must draw the same bars here as in the browser.
 */
describe('WeChat build: 网络小伙伴', () => {
  let core: LocalCore

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'app.js')))
      throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does it)')
    core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent' })
  })
  afterAll(() => core?.db.close())
  beforeEach(() => jest.resetModules())

  test('when the committee opens the buddies page in WeChat, then the charts are bars with widths in % of the largest, labelled with their numbers', async () => {
    const wx = installWx(core.router, 'demo-admin')
    const page = renderPage('packages/buddies/pages/committee/index')

    await waitFor(() => expect(page.dom.textContent).toContain('各楼报名人数'), 10_000)
    const stats = await core.router.dispatch('buddies', { action: 'memberStats' }, { openid: 'demo-admin' }, 'check')
    const byInterest = (
      stats.envelope as { ok: true; data: { byInterest: Array<{ label: string; count: number }> } }
    ).data.byInterest.filter((r) => r.count > 0)
    const max = at(byInterest, 0).count
    // Every interest bar is drawn with the width the data gives it, in order, beside its label and number.
    const rows = [...page.dom.querySelectorAll('[class*="chart-interests"] [class*="lz-bar-row"]')] as HTMLElement[]
    expect(rows.map((row) => row.textContent)).toEqual(byInterest.map((r) => `${r.label}${r.count} 人`))
    const widths = rows.map((row) => (row.querySelector('[class*="lz-bar-fill"]') as HTMLElement).style.width)
    expect(widths).toEqual(byInterest.map((r) => `${Math.max(2, Math.round((r.count / max) * 1000) / 10)}%`))
    expect(widths[0]).toBe('100%')
    expect(wx.calls).toEqual(
      expect.arrayContaining([
        { name: 'buddies', action: 'memberStats' },
        { name: 'buddies', action: 'listMembers' },
      ]),
    )
  })

  test('when a verified resident opens 首页 in WeChat, then the 网络小伙伴 card offers to join and to ask for help', async () => {
    installWx(core.router, 'demo-resident-11')
    const page = renderPage('pages/home/index')
    await waitFor(() => expect(page.dom.textContent).toContain('加入网络小伙伴'), 10_000)
    expect(page.dom.textContent).toContain('找小伙伴帮忙')
  })
})
