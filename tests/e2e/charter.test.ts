import type { Browser, Page } from 'playwright-core'
import { SETTLE_GRACE_MS } from '../../cloudfunctions/core/council/settle'
import type { VoteView } from '../../contracts'
import { verifiedResident } from '../support/api-expect'
import { publishTemplate } from '../support/charter'
import { TestClock } from '../support/clock'
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

/** Nothing on the page is wider than the phone: large text wraps, it is not cut off. */
async function expectNothingCutOff(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

describe("a building's charter: drafted from the committee's template, adopted by two thirds, signed, posted in the lobby", () => {
  const clock = new TestClock(Date.now())
  let t: TestRuntime
  let browser: Browser
  beforeAll(async () => {
    t = await startTestRuntime({ staticDir: H5_BUILD, clock })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  test('when the leader drafts from a template, two of three households agree, the clock passes the close and 王阿姨 signs, then the charter is current, signed and on the poster', async () => {
    const errors: string[] = []
    const admin = await t.login('demo-admin')
    await publishTemplate(admin, '楼组自治公约范本')

    // The leader of 5号楼 starts the building's first charter from the committee's template.
    const leader = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(leader))
    await logInAs(leader, t.url, 'demo-leader-5')
    await leader.locator('.charter-home-card').click()
    await leader.waitForSelector('.charter-page .draft-starter')
    await arrived(leader, 'charter-page')
    await screenshot(leader, 'charter-00-no-charter-yet')
    await leader.locator('.draft-from-template', { hasText: '楼组自治公约范本' }).click()
    await leader.waitForSelector('.charter-version-page .charter-version-title')
    await arrived(leader, 'charter-version-page')
    await expect(leader.locator('.charter-version-title').innerText()).resolves.toContain('第 1 版 · 草案')

    // It changes one article to fit the building, then puts the draft to the vote (two thirds, fixed).
    await leader.locator('.edit-draft').click()
    await leader
      .locator('.article-edit-2 .article-text-input textarea')
      .fill('工作日 8:00–12:00、14:00–18:00 可以装修；开工前在大堂贴出告示，写明工期和电话。')
    await leader.locator('.save-articles').click()
    await leader.locator('.charter-text', { hasText: '开工前在大堂贴出告示' }).waitFor()
    await leader.getByText('草案已保存').waitFor({ state: 'hidden' })
    await leader.locator('.vote-quorum .charter-choice', { hasText: '不限' }).click()
    await screenshot(leader, 'charter-01-draft-from-template')
    await leader.locator('.open-charter-vote').click()
    await leader.waitForSelector('.vote-page .vote-title')
    await arrived(leader, 'vote-page')
    const voteId = new URL(leader.url().replace('#', '')).searchParams.get('id') ?? ''
    await expect(leader.locator('.vote-rules').innerText()).resolves.toContain('三分之二以上同意通过')

    // 王阿姨 (502) agrees in the app; 301 agrees and 402 is against: two of three households.
    const wang = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(wang))
    await logInAs(wang, t.url, 'demo-resident-5')
    await wang.goto(`${t.url}/#/packages/council/pages/vote/index?id=${voteId}`)
    await wang.waitForSelector('.vote-page .vote-option-0')
    await arrived(wang, 'vote-page')
    // The vote links to the draft itself.
    await wang.locator('.vote-charter-link').click()
    await wang.waitForSelector('.charter-version-page .charter-text')
    await wang.locator('.charter-text', { hasText: '开工前在大堂贴出告示' }).waitFor()
    // Back to the vote by opening its link afresh, as from the notification: a hash change inside the open
    // app is the router's business, and under load it can leave the vote page behind the charter's.
    await wang.goto('about:blank')
    await wang.goto(`${t.url}/#/packages/council/pages/vote/index?id=${voteId}`)
    await wang.waitForSelector('.vote-page .vote-option-0')
    await arrived(wang, 'vote-page')
    await wang.locator('.vote-option-0').click()
    await wang.locator('.my-ballot').waitFor()
    await screenshot(wang, 'charter-02-vote-on-the-draft')
    for (const [openid, room, choice] of [
      ['t-e2e-charter-301', '301', 0],
      ['t-e2e-charter-402', '402', 1],
    ] as const) {
      const neighbour = await verifiedResident(t, admin, openid, 'jsh-5', room)
      await neighbour.client.ok('council', 'castBallot', { voteId, choice })
    }

    // The clock passes the close: the charter page reads version 1 as current, effective at the close.
    const vote = (await admin.ok('council', 'getVote', { voteId })).vote as VoteView
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await wang.goto(`${t.url}/#/packages/council/pages/charter/index`)
    await wang.waitForSelector('.charter-page .charter-current')
    await arrived(wang, 'charter-page')
    await expect(wang.locator('.charter-result').innerText()).resolves.toContain('3 户参加，2 户同意')
    await wang.locator('.charter-current', { hasText: '开工前在大堂贴出告示' }).waitFor()

    // 王阿姨 signs for her household with one big button.
    await wang.locator('.sign-charter').click()
    await wang.locator('.my-signature', { hasText: '王阿姨' }).waitFor()
    await screenshot(wang, 'charter-03-signed')

    // The leader sees the signed share and the rooms still to knock on, then prints the lobby poster.
    await leader.goto(`${t.url}/#/packages/council/pages/charter/index`)
    await leader.waitForSelector('.charter-page .charter-follow-up')
    await arrived(leader, 'charter-page')
    await leader.locator('.show-not-signed').click()
    await leader.locator('.charter-not-signed').waitFor()
    await expect(leader.locator('.charter-knock-room', { hasText: /^502$/ }).count()).resolves.toBe(0)
    await expect(leader.locator('.charter-knock-room', { hasText: /^101$/ }).count()).resolves.toBe(1)
    await screenshot(leader, 'charter-04-signed-share-and-knock-list')
    await leader.locator('.print-charter-poster').click()
    await leader.waitForSelector('.charter-poster-page .charter-poster-qr')
    await arrived(leader, 'charter-poster-page')
    await leader.locator('.charter-poster', { hasText: '开工前在大堂贴出告示' }).waitFor()
    await screenshot(leader, 'charter-05-lobby-poster')

    // The committee sees every building's charter, and reads 5号楼's without any way to change it.
    const committee = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(committee))
    await logInAs(committee, t.url, 'demo-admin')
    await committee.locator('.charter-home-card').click()
    await committee.waitForSelector('.charter-buildings-page .charter-buildings')
    await arrived(committee, 'charter-buildings-page')
    await screenshot(committee, 'charter-07-committee-every-building')
    await committee.locator('.charter-list-item', { hasText: '金上海家园 5号楼' }).click()
    await committee.waitForSelector('.charter-page .charter-current')
    await arrived(committee, 'charter-page')
    await expect(committee.locator('.sign-charter, .draft-starter, .edit-draft').count()).resolves.toBe(0)

    // Large text: the charter page still fits the phone.
    const wangApi = await t.login('demo-resident-5')
    await wangApi.ok('account', 'updateProfile', {
      nickname: (await wangApi.ok('account', 'me')).nickname,
      largeText: true,
    })
    await wang.reload()
    await wang.waitForSelector('.charter-page.lz-large .charter-current')
    await arrived(wang, 'charter-page')
    await expectNothingCutOff(wang)
    await screenshot(wang, 'charter-06-large-text')
    // …and so do the version page with its changes and the poster.
    const versionId = (await wangApi.ok('council', 'charter', {})).current.versionId as string
    await wang.goto(`${t.url}/#/packages/council/pages/charter-version/index?id=${versionId}`)
    await wang.waitForSelector('.charter-version-page.lz-large .charter-text')
    await arrived(wang, 'charter-version-page')
    await expectNothingCutOff(wang)
    await wang.goto(`${t.url}/#/packages/council/pages/charter-poster/index?buildingId=jsh-5`)
    await wang.waitForSelector('.charter-poster-page.lz-large .charter-poster-qr')
    await arrived(wang, 'charter-poster-page')
    await expectNothingCutOff(wang)

    expect(errors).toEqual([])
  })
})
