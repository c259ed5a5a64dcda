import type { Browser, Page } from 'playwright-core'
import { SETTLE_GRACE_MS } from '../../cloudfunctions/core/council/settle'
import { PRIVACY_NOTICE_VERSION, type VoteView } from '../../contracts'
import { verifiedResident } from '../support/api-expect'
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

describe('a building decides a matter: raised, voted by household (one on paper), closed, announced', () => {
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

  test('when 王阿姨 raises a matter, the leader opens a vote, three households vote (one on paper) and the clock passes the close, then the result is announced in one sentence', async () => {
    const title = '大堂装一个健康宣传栏'
    const errors: string[] = []

    // 王阿姨 (502) raises the matter from 首页 → 楼组议事.
    const wang = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(wang))
    await logInAs(wang, t.url, 'demo-resident-5')
    await wang.locator('.council-home-card').click()
    await wang.waitForSelector('.council-page .raise-matter')
    await arrived(wang, 'council-page')
    await wang.locator('.raise-matter').click()
    await wang.locator('.matter-title input').fill(title)
    await wang.locator('.matter-text textarea').fill('一楼大堂东墙空着，装一个宣传栏，贴健康知识和楼组通知。')
    await screenshot(wang, 'council-01-raise-matter')
    await wang.locator('.submit-matter').click()
    await wang.locator('.matter-name', { hasText: title }).waitFor()

    // The leader opens a secret yes/no vote on it.
    const leader = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(leader))
    await logInAs(leader, t.url, 'demo-leader-5')
    await leader.locator('.council-home-card').click()
    await leader.locator('.open-vote-link').first().waitFor()
    await leader.locator('.matter-item', { hasText: title }).locator('.open-vote-link').click()
    await leader.waitForSelector('.open-vote-form')
    await arrived(leader, 'open-vote-page')
    // A small first vote: no quorum, simple majority of the households that take part.
    await leader.locator('.vote-quorum .council-choice', { hasText: '不限' }).click()
    await screenshot(leader, 'council-02-open-vote-form')
    await leader.locator('.submit-vote').click()
    await leader.waitForSelector('.vote-page .vote-title')
    const voteId = new URL(leader.url().replace('#', '')).searchParams.get('id') ?? ''
    expect(voteId).not.toBe('')

    // 王阿姨 votes 同意 with one big button.
    await wang.goto(`${t.url}/#/packages/council/pages/vote/index?id=${voteId}`)
    await wang.waitForSelector('.vote-page .vote-option-0')
    await arrived(wang, 'vote-page')
    await screenshot(wang, 'council-03-vote')
    await wang.locator('.vote-option-0').click()
    await wang.locator('.my-ballot .my-choice', { hasText: '已投票（不记名）' }).waitFor()
    await screenshot(wang, 'council-04-voted')

    // A neighbour in 305 votes 反对 in the app.
    const admin = await t.login('demo-admin')
    const newcomer = await verifiedResident(t, admin, 't-e2e-council-305', 'jsh-5', '305')
    await newcomer.client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
    const neighbour = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(neighbour))
    await logInAs(neighbour, t.url, 't-e2e-council-305')
    await neighbour.goto(`${t.url}/#/packages/council/pages/vote/index?id=${voteId}`)
    await neighbour.locator('.vote-option-1').click()
    await neighbour.locator('.my-ballot').waitFor()

    // 402 has no smartphone: the leader records their paper ballot (同意) and sees who is left to knock on.
    await leader.reload()
    await leader.locator('.open-paper').click()
    await leader.waitForSelector('.paper-page .paper-form')
    await arrived(leader, 'paper-page')
    await leader.locator('.paper-room input').fill('402')
    await leader.locator('.paper-choice-0').click()
    await leader.locator('.submit-paper').click()
    await leader.locator('.paper-done', { hasText: '402 室' }).waitFor()
    await expect(leader.locator('.knock-room', { hasText: /^402$/ }).count()).resolves.toBe(0)
    await expect(leader.locator('.knock-room', { hasText: /^502$/ }).count()).resolves.toBe(0)
    await expect(leader.locator('.knock-room', { hasText: /^101$/ }).count()).resolves.toBe(1)
    await screenshot(leader, 'council-05-paper-ballot-and-knock-list')

    // The clock passes the close: the first reader settles the vote and the result is announced.
    const vote = (await admin.ok('council', 'getVote', { voteId })).vote as VoteView
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await wang.reload()
    await wang.waitForSelector('.vote-result .result-sentence')
    await expect(wang.locator('.result-sentence').innerText()).resolves.toBe(
      `通过：${vote.householdCount} 户中 3 户参加，2 户同意`,
    )
    await screenshot(wang, 'council-06-result')
    await wang.goto(`${t.url}/#/pages/home/index`)
    await wang.locator('.home-announcements', { hasText: `表决结果：${title}` }).waitFor()

    // Large text: the vote page still fits the phone.
    const wangApi = await t.login('demo-resident-5')
    await wangApi.ok('account', 'updateProfile', {
      nickname: (await wangApi.ok('account', 'me')).nickname,
      largeText: true,
    })
    await wang.goto(`${t.url}/#/packages/council/pages/vote/index?id=${voteId}`)
    await wang.reload()
    await wang.waitForSelector('.vote-page.lz-large .result-sentence')
    await arrived(wang, 'vote-page')
    await expectNothingCutOff(wang)
    await screenshot(wang, 'council-07-result-large-text')
    await wang.goto(`${t.url}/#/packages/council/pages/index/index`)
    await wang.waitForSelector('.council-page.lz-large .matters')
    await arrived(wang, 'council-page')
    await expectNothingCutOff(wang)
    await screenshot(wang, 'council-08-matters-large-text')

    expect(errors).toEqual([])
  })
  test('when 王阿姨 and the leader say +1, then the matter counts two households; the leader lists by most +1s and merges a duplicate into it', async () => {
    const errors: string[] = []
    const wangApi = await t.login('demo-resident-5')
    const wanted = '电梯里装一个扶手'
    const duplicate = '电梯扶手'
    await wangApi.ok('council', 'raiseMatter', { title: wanted, text: '老人坐电梯站不稳，装一个扶手。' })
    await wangApi.ok('council', 'raiseMatter', { title: duplicate, text: '希望电梯里有扶手。' })

    // 王阿姨 (large text since the last flow) says +1 with one big button.
    const wang = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(wang))
    await logInAs(wang, t.url, 'demo-resident-5')
    await wang.goto(`${t.url}/#/packages/council/pages/index/index`)
    const wangItem = wang.locator('.matter-item', { hasText: wanted })
    await wangItem.locator('.support-button').click()
    await wangItem.locator('.lz-tag', { hasText: '您家已附议' }).waitFor()
    await wangItem.locator('.support-count', { hasText: '1 户附议' }).waitFor()
    await arrived(wang, 'council-page')
    await expectNothingCutOff(wang)
    await screenshot(wang, 'council-09-support-large-text')

    // The leader's household says +1 too, lists by most +1s, and merges the duplicate into it.
    const leader = await (await newPhone(browser)).newPage()
    errors.push(...watchErrors(leader))
    await logInAs(leader, t.url, 'demo-leader-5')
    await leader.goto(`${t.url}/#/packages/council/pages/index/index`)
    const leaderItem = leader.locator('.matter-item', { hasText: wanted })
    await leaderItem.locator('.support-button').click()
    // The count comes back with the reply: wait for it rather than read the text once.
    await leaderItem.locator('.support-count', { hasText: '2 户附议' }).waitFor()
    await leader.locator('.order-mostSupported').click()
    await leader.locator('.matter-item').first().locator('.matter-name', { hasText: wanted }).waitFor()
    const dupItem = leader.locator('.matter-item', { hasText: duplicate })
    await dupItem.locator('.merge-link').click()
    await dupItem.locator('.merge-target', { hasText: wanted }).click()
    await screenshot(leader, 'council-10-merge-duplicate')
    await dupItem.locator('.confirm-merge').click()
    await leader.locator('.merged-into', { hasText: `已合并到：${wanted}` }).waitFor()

    expect(errors).toEqual([])
  })
})
