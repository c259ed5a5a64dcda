import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { appInBrowser } from './support/app'
import { button, logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(90_000)

describe('a newcomer joins building 5 and the leader lets them in', () => {
  const e2e = appInBrowser()

  test('when a newcomer applies to 5号楼 302 and the leader approves, then the newcomer sees verified', async () => {
    const newcomer = await (await newPhone(e2e.browser)).newPage()
    const newcomerErrors = watchErrors(newcomer)
    const openid = `e2e-newcomer-${Date.now()}`

    // The newcomer logs in and consents.
    await newcomer.goto(`${e2e.app.url}/#/pages/login/index`)
    await newcomer.waitForSelector('.persona')
    await screenshot(newcomer, '01-login')
    await logInAs(newcomer, e2e.app.url, openid)
    await newcomer.waitForSelector('.consent-step')
    await screenshot(newcomer, '02-privacy-consent')
    await newcomer.locator('.accept-privacy').click()

    // Chooses a name, then estate → building → room, no join code.
    await newcomer.locator('.nickname-input input').fill('钱阿姨')
    await newcomer.locator('.save-nickname').click()
    await newcomer.locator('.estate-choice', { hasText: '金上海家园' }).click()
    await newcomer.locator('.building-choice', { hasText: /^5号楼$/ }).click()
    await newcomer.locator('.room-input input').fill('302')
    await screenshot(newcomer, '03-choose-building')
    await newcomer.locator('.submit-application').click()
    await newcomer.waitForSelector('.membership-status')
    await expect(newcomer.locator('.status-tag').innerText()).resolves.toBe('等待楼组长审核')
    await screenshot(newcomer, '04-application-pending')

    // The leader, on another phone, finds the application and approves it.
    const leader = await (await newPhone(e2e.browser)).newPage()
    const leaderErrors = watchErrors(leader)
    await logInAs(leader, e2e.app.url, 'demo-leader-5')
    await leader.waitForSelector('.leader-alert')
    await screenshot(leader, '05-leader-home')
    await leader.locator('.leader-alert').click()
    const card = leader.locator('.application', { hasText: '钱阿姨' })
    await expect(card.innerText()).resolves.toContain('302室')
    await screenshot(leader, '06-leader-applications')
    await card.locator('.approve').click()
    await leader.waitForSelector('text=没有待处理的申请')

    // The newcomer refreshes and is verified.
    await newcomer.locator('.lz-action', { hasText: '刷新状态' }).click()
    // Wait for the reply rather than read the tag at once (it still says pending until it lands).
    await newcomer.locator('.status-tag', { hasText: /^已认证$/ }).waitFor()
    await button(newcomer, '去首页').click()
    await newcomer.waitForSelector('.membership-tag')
    await expect(newcomer.locator('.membership-tag').innerText()).resolves.toBe('已认证')
    await newcomer.locator('.unread-count', { hasText: '1 条未读' }).waitFor()
    await screenshot(newcomer, '07-home-verified')

    expect(newcomerErrors).toEqual([])
    expect(leaderErrors).toEqual([])
  })

  test('when large-text mode is switched on in 我的, then text on the page is visibly larger', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, 'demo-resident-5')
    await page.goto(`${e2e.app.url}/#/pages/me/index`)
    await page.waitForSelector('.my-nickname')
    const sizeOf = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const before = { page: await sizeOf('.lz-page'), name: await sizeOf('.my-nickname') }
    await screenshot(page, '08-me')

    await page.locator('.large-text-switch').click()
    await page.waitForFunction(
      (size) => parseFloat(getComputedStyle(document.querySelector('.lz-page')!).fontSize) > size,
      before.page,
    )
    const after = { page: await sizeOf('.lz-page'), name: await sizeOf('.my-nickname') }
    expect(after.page).toBeGreaterThanOrEqual(before.page * 1.25)
    expect(after.name).toBeGreaterThanOrEqual(before.name * 1.25)
    await screenshot(page, '09-me-large-text')

    // It persists: a fresh load of another page is large too.
    await page.goto(`${e2e.app.url}/#/pages/home/index`)
    await page.waitForSelector('.greeting')
    expect(await sizeOf('.lz-page')).toBeCloseTo(after.page, 0)
  })

  test('when the leader opens the lobby poster, then its QR code scans to the join link with the current code', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, 'demo-leader-5')
    await page.goto(`${e2e.app.url}/#/packages/leader/pages/poster/index?buildingId=jsh-5`)
    await page.waitForSelector('.poster-code')
    const code = (await page.locator('.poster-code').innerText()).trim()
    expect(code).toMatch(/^\d{6}$/)
    await screenshot(page, '10-lobby-poster')

    const png = PNG.sync.read(await page.locator('.poster-qr').screenshot())
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded?.data).toBe(`${e2e.app.url}/#/pages/onboarding/index?b=jsh-5&c=${code}`)
  })
})
