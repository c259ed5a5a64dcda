import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'
import { readyPerson, tab, tabBadge, TEXT_SIZES } from './support/people'
import { say } from '../support/chat'

jest.setTimeout(90_000)

/** Live means within about a second locally; the waits below allow some slack for a loaded machine. */
const LIVE_MS = 2_500

describe('what changes for me reaches my open pages without a reload', () => {
  const e2e = appInBrowser()

  test.each(TEXT_SIZES)(
    'when the leader approves an application (%s), then the newcomer’s open 首页 and 我的 say 已认证 without a reload',
    async (size, largeText) => {
      const openid = `e2e-live-newcomer-${largeText ? 'large' : 'normal'}-${Date.now()}`
      const newcomer = await readyPerson(e2e.app, openid, '钱阿姨', largeText)
      const application = await newcomer.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '302' })
      expect(application.status).toBe('pending')

      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await page.locator('.membership-tag', { hasText: '等待楼组长审核' }).waitFor()
      await tab(page, '我的')
      await page.locator('.membership-status', { hasText: '等待楼组长审核' }).waitFor()
      await tab(page, '首页')
      // A marker on the document: a reload would drop it.
      await page.evaluate(() => Object.assign(window, { notReloaded: true }))

      const leader = await e2e.app.login('demo-leader-5')
      await leader.ok('account', 'reviewApplication', { membershipId: application.membershipId, decision: 'approve' })

      await page.locator('.membership-tag', { hasText: /^已认证$/ }).waitFor({ timeout: LIVE_MS })
      await page.locator('.unread-count', { hasText: '1 条未读' }).waitFor({ timeout: LIVE_MS })
      await screenshot(page, `everyday-live-approved-home-${size.replace(' ', '-')}`)
      await tab(page, '我的')
      await page.locator('.membership-status', { hasText: /^已认证$/ }).waitFor({ timeout: LIVE_MS })
      await expect(page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(
        true,
      )
      await screenshot(page, `everyday-live-approved-me-${size.replace(' ', '-')}`)
      expect(errors).toEqual([])
    },
  )

  test.each(TEXT_SIZES)(
    'when three messages arrive in the building (%s), then the resident sitting on 首页 sees the 楼组 tab badge and the unread count',
    async (size, largeText) => {
      const openid = `e2e-live-resident-${largeText ? 'large' : 'normal'}-${Date.now()}`
      const admin = await e2e.app.login('demo-admin')
      const resident = await readyPerson(e2e.app, openid, '孙阿姨', largeText)
      const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-11' })
      await resident.ok('account', 'applyToBuilding', { buildingId: 'jsh-11', room: '201', joinCode: poster.joinCode })

      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await page.locator('.chat-unread-count').waitFor()
      const before = Number((await page.locator('.chat-unread-count').innerText()).replace(/\D/g, '') || 0)

      const neighbour = await e2e.app.login('demo-resident-11')
      for (const text of ['今天下午停水', '三点到五点', '请提前接好水']) await say(neighbour, 'bg-jsh-11', text)

      const expected = `${before + 3} 条未读`
      await page.locator('.chat-unread-count', { hasText: expected }).waitFor({ timeout: LIVE_MS })
      await expect(tabBadge(page, '楼组')).resolves.toBe(String(before + 3))
      await screenshot(page, `everyday-live-chat-badge-${size.replace(' ', '-')}`)
      expect(errors).toEqual([])
    },
  )
})
