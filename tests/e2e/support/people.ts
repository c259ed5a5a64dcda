import { PRIVACY_NOTICE_VERSION } from '../../../contracts'
import type { Page } from 'playwright-core'
import type { ApiClient, TestRuntime } from '../../support/runtime'

/** A new person who has accepted the privacy notice and chosen a name, signed in through the API. */
export async function readyPerson(
  app: TestRuntime,
  openid: string,
  nickname: string,
  largeText = false,
): Promise<ApiClient> {
  const client = await app.login(openid)
  await client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
  await client.ok('account', 'updateProfile', { nickname, largeText })
  return client
}

/** Switch large text on or off for a person (a profile setting), before their page is opened. */
export async function setLargeText(client: ApiClient, largeText: boolean): Promise<void> {
  const me = await client.ok('account', 'me')
  await client.ok('account', 'updateProfile', { nickname: me.nickname, largeText })
}

/** Open a tab by its label, as a person taps the tab bar (no reload). */
export async function tab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/** The badge on a tab, or null when there is none. */
export async function tabBadge(page: Page, label: string): Promise<string | null> {
  const badge = page.locator('.weui-tabbar__item', { hasText: label }).locator('.weui-badge')
  return (await badge.count()) && (await badge.isVisible()) ? badge.innerText() : null
}

export const TEXT_SIZES = [
  ['normal text', false],
  ['large text', true],
] as const

/** Wait until the page with this class has slid fully in (Taro's h5 page transition), e.g. before a screenshot. */
export async function arrived(page: Page, pageClass: string): Promise<void> {
  await page.waitForFunction((cls) => {
    const box = [...document.querySelectorAll(`.${cls}`)].at(-1)?.getBoundingClientRect()
    return !!box && Math.abs(box.left) < 1
  }, pageClass)
}
