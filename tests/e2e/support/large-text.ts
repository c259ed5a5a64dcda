import type { Page } from 'playwright-core'
import type { TestRuntime } from '../../support/runtime'

/**
 * Large-text mode as the person chose it in 我的: a setting of their account (the device remembers
 * it too, for the pages before sign-in). Set through the API, then the page is opened afresh.
 */
export async function setLargeText(app: TestRuntime, openid: string, largeText: boolean): Promise<void> {
  const client = await app.login(openid)
  const me = await client.ok<{ nickname: string }>('account', 'me')
  await client.ok('account', 'updateProfile', { nickname: me.nickname || '邻居', largeText })
}

/** The device's own choice, for pages nobody is signed in on. */
export async function setDeviceLargeText(page: Page, largeText: boolean): Promise<void> {
  await page.evaluate((on) => localStorage.setItem('louzu.largeText', JSON.stringify({ data: on })), largeText)
}
