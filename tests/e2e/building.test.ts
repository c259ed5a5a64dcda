import type { Browser, Page } from 'playwright-core'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { H5_BUILD } from './support/app'
import { launchBrowser, logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(180_000)

/** Taro's h5 router slides a new page in; screenshots wait until it has arrived. */
async function arrived(page: Page, pageClass: string): Promise<void> {
  await page.waitForFunction((cls) => {
    const box = [...document.querySelectorAll(`.${cls}`)].at(-1)?.getBoundingClientRect()
    return !!box && Math.abs(box.left) < 1
  }, pageClass)
}

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/** From the 楼组 tab's building chat, the line under its header opens the building's page. */
async function openBuildingPage(page: Page): Promise<void> {
  await openTab(page, '楼组')
  await page.locator('.building-banner').click()
  await page.waitForSelector('.building-page .building-name-card')
  await arrived(page, 'building-page')
}

describe("a building's page (楼组主页): the leader picks its 特色 from the committee's list, residents see it", () => {
  let t: TestRuntime
  let browser: Browser
  beforeAll(async () => {
    t = await startTestRuntime({ staticDir: H5_BUILD })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  test('when the leader of 5号楼 picks 学习楼组 and 孝亲楼组, then 王阿姨 sees them with the leader and counts, in large text too', async () => {
    const errors: string[] = []
    const admin = await t.login('demo-admin')
    for (const name of ['学习楼组', '健康楼组', '文化楼组', '平安楼组', '孝亲楼组', '党建楼组'])
      await admin.ok('council', 'addBuildingTag', { name })

    const leader = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(leader))
    await logInAs(leader, t.url, 'demo-leader-5')
    await openBuildingPage(leader)
    await leader.locator('.choose-tags').click()
    await leader.locator('.tag-chooser .building-tag', { hasText: '学习楼组' }).click()
    await leader.locator('.tag-chooser .building-tag', { hasText: '孝亲楼组' }).click()
    await leader.getByText('已选 2 个').waitFor()
    const chips = await leader
      .locator('.tag-chooser .building-tag')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
    for (const h of chips) expect(h).toBeGreaterThanOrEqual(44)
    await screenshot(leader, 'building-00-leader-picks-tags')
    await leader.locator('.save-tags').click()
    await leader.locator('.tag-chooser').waitFor({ state: 'detached' })
    await expect(leader.locator('.building-name-card .building-tag').allInnerTexts()).resolves.toEqual([
      '学习楼组',
      '孝亲楼组',
    ])

    const wang = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(wang))
    await logInAs(wang, t.url, 'demo-resident-5')
    await openBuildingPage(wang)
    await expect(wang.locator('.building-name-card .building-tag').allInnerTexts()).resolves.toEqual([
      '学习楼组',
      '孝亲楼组',
    ])
    await expect(wang.locator('.building-people').innerText()).resolves.toContain('楼组长：张阿姨')
    await expect(wang.locator('.choose-tags').count()).resolves.toBe(0)
    await screenshot(wang, 'building-01-resident-sees-the-page')

    // Large text: nothing is cut off and every line one taps is at least 44 px high.
    const wangApi = await t.login('demo-resident-5')
    await wangApi.ok('account', 'updateProfile', {
      nickname: (await wangApi.ok('account', 'me')).nickname,
      largeText: true,
    })
    await wang.reload()
    await wang.waitForSelector('.building-page.lz-large .building-name-card')
    await arrived(wang, 'building-page')
    const overflow = await wang.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const heights = await wang
      .locator('.building-page .building-line')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
    expect(heights.length).toBeGreaterThan(0)
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44)
    await screenshot(wang, 'building-02-large-text')

    expect(errors).toEqual([])
  })
})
