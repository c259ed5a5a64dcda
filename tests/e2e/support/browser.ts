import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = path.resolve(__dirname, '../../../docs/screenshots')

/** Headless Debian Chromium; the flags keep it off the network this machine does not have, and give it a fake microphone. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A microphone that plays a tone, allowed without asking (hold to talk), and sound that
      // may start without a gesture (the next voice message plays after the one tapped).
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
}

/** A phone-sized browser profile of its own: separate storage, so separate people. */
export async function newPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}

/** Page errors fail the test: a page that throws is broken even if the assertion passes. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

export async function logInAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await page.locator('.openid-input input').fill(openid)
  await page.locator('.login-new').click()
  await page.waitForURL((url) => !url.hash.includes('/pages/login/'))
  // Wait until the landing page has rendered: a page.goto while it is still loading races Taro's
  // h5 router, which can then show the landing page on top of the page just opened.
  await page.locator(LANDED).first().waitFor()
}

/** What 首页 or the onboarding steps show once they have loaded. */
const LANDED = ['.greeting', '.consent-step', '.name-step', '.choose-step', '.membership-status']
  .map((s) => `${s}:visible`)
  .join(', ')

/** Press one of our ActionButtons by its label. */
export function button(page: Page, label: string) {
  return page.locator('.lz-action', { hasText: label })
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
