import type { Page } from 'playwright-core'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, watchErrors } from './support/browser'

jest.setTimeout(90_000)

/** Records every CSP violation the page reports, from its first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  await page.exposeFunction('__reportCsp', (line: string) => violations.push(line))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ;(window as unknown as { __reportCsp(line: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      )
    })
  })
  return violations
}

describe('the e2e.browser build under its content security policy', () => {
  const e2e = appInBrowser()

  test('when a resident opens every tab and back, then each page works and the e2e.browser reports no policy violation', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    const violations = await watchCsp(page)
    const response = await page.goto(`${e2e.app.url}/#/pages/login/index`)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await logInAs(page, e2e.app.url, 'demo-resident-5')
    // The tab bar's items are javascript: links, the very thing the policy refuses to follow.
    await expect(page.locator('.weui-tabbar__item').first().getAttribute('href')).resolves.toMatch(/^javascript:/)

    for (const [tab, shown] of [
      ['楼组', '.group-page'],
      ['活动', '.events-page'],
      ['我的', '.me-page'],
      ['首页', '.greeting'],
    ] as const) {
      await page.locator('.weui-tabbar__item', { hasText: tab }).click()
      await page.locator(`${shown}:visible`).first().waitFor()
    }
    expect({ violations, errors }).toEqual({ violations: [], errors: [] })
  })
})
