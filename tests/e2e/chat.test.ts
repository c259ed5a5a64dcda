import type { Page } from 'playwright-core'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

/** Type into the send box and press 发送. */
async function send(page: Page, text: string): Promise<void> {
  await page.locator('.chat-input textarea').fill(text)
  await page.locator('.chat-send').click()
}

/** The bubble that says exactly this. */
const bubble = (page: Page, text: string) => page.locator('.chat-bubble', { hasText: text })

/** Tap one of the choices of Taro's action sheet. */
async function pick(page: Page, label: string): Promise<void> {
  await page.locator('.taro-actionsheet__cell', { hasText: label }).first().click()
}

/** Wait until a newly opened page has slid into place, so a screenshot shows it whole. */
async function settled(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor()
  await page.waitForFunction((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect()
    return !!box && box.left >= 0 && box.left < 60
  }, selector)
}

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

describe('two residents of 5号楼 chat in the building group', () => {
  const e2e = appInBrowser()

  test("when 王阿姨 and a neighbour chat, then each sees the other's messages, replies, recalls and the leader's moderation appear without reloading", async () => {
    const wang = await (await newPhone(e2e.browser)).newPage()
    const neighbour = await (await newPhone(e2e.browser)).newPage()
    const errors = [watchErrors(wang), watchErrors(neighbour)]
    await logInAs(wang, e2e.app.url, 'demo-resident-5')
    await logInAs(neighbour, e2e.app.url, 'seed-jsh-5-1')
    const neighbourName = (await neighbour.locator('.greeting').innerText()).split('，')[0]

    // 王阿姨's home shows the building chat with its unread count and the badge on the 楼组 tab.
    await wang.waitForSelector('.chat-card')
    await expect(wang.locator('.chat-unread-count').innerText()).resolves.toMatch(/\d+ 条未读/)
    await screenshot(wang, 'chat-01-home-unread')

    // Both open the 楼组 tab: the seeded conversation, newest at the bottom.
    await openTab(wang, '楼组')
    await openTab(neighbour, '楼组')
    await wang.waitForSelector('.chat-bubble')
    await neighbour.waitForSelector('.chat-bubble')
    await expect(wang.locator('.chat-title').innerText()).resolves.toBe('金上海家园 5号楼')
    await bubble(wang, '谢谢您组织散步').waitFor()
    await screenshot(wang, 'chat-02-history')

    // 王阿姨 writes; it shows on her right at once, and on the neighbour's phone without a reload.
    await send(wang, '明天早上八点楼下集合，一起去菜场')
    await wang.locator('.chat-row.mine .chat-bubble', { hasText: '明天早上八点楼下集合' }).waitFor()
    await neighbour.locator('.chat-row.theirs .chat-bubble', { hasText: '明天早上八点楼下集合' }).waitFor()
    await expect(
      neighbour
        .locator('.chat-row.theirs', { hasText: '明天早上八点楼下集合' })
        .locator('.chat-sender-name')
        .innerText(),
    ).resolves.toBe('王阿姨')

    // The neighbour replies to that message from its actions; 王阿姨 sees the quote arrive.
    await bubble(neighbour, '明天早上八点楼下集合').click()
    await pick(neighbour, '回复')
    await neighbour.locator('.chat-replying').waitFor()
    await send(neighbour, '好的，我也去，帮我带个篮子')
    const reply = wang.locator('.chat-row.theirs', { hasText: '好的，我也去' })
    await reply.waitFor()
    await expect(reply.locator('.chat-quote').innerText()).resolves.toContain('王阿姨：明天早上八点楼下集合')
    await screenshot(neighbour, 'chat-03-neighbour-sees-and-replies')
    await screenshot(wang, 'chat-04-wang-sees-reply')

    // 王阿姨 mentions the neighbour with @.
    await wang.locator('.chat-at').click()
    await wang.locator('.chat-picker-item', { hasText: neighbourName }).first().click()
    await wang.locator('.chat-input textarea').press('End')
    await wang.locator('.chat-input textarea').pressSequentially('篮子我有两个')
    await wang.locator('.chat-send').click()
    await neighbour.locator('.chat-mention', { hasText: `@${neighbourName}` }).waitFor()

    // A message sent by mistake is recalled; the neighbour's screen says so.
    await send(wang, '发错了，这条不算')
    await neighbour.locator('.chat-bubble', { hasText: '发错了，这条不算' }).waitFor()
    await bubble(wang, '发错了，这条不算').click()
    await pick(wang, '撤回')
    await wang.locator('.taro-model__confirm').click()
    await neighbour.locator('.chat-notice', { hasText: '王阿姨撤回了一条消息' }).waitFor()
    await wang.locator('.chat-notice', { hasText: '您撤回了一条消息' }).waitFor()
    await expect(neighbour.locator('.chat-bubble', { hasText: '发错了，这条不算' }).count()).resolves.toBe(0)
    await screenshot(neighbour, 'chat-05-recalled')

    // The neighbour reports an advert; the leader hides it from the reports queue; it disappears for both.
    await send(wang, '低价代购名牌包，私聊')
    await bubble(neighbour, '低价代购名牌包').click()
    await pick(neighbour, '举报')
    await pick(neighbour, '广告推销')
    await neighbour.locator('.taro-model__confirm').click()
    const leader = await (await newPhone(e2e.browser)).newPage()
    errors.push(watchErrors(leader))
    await logInAs(leader, e2e.app.url, 'demo-leader-5')
    await openTab(leader, '楼组')
    await leader.locator('.chat-reports-link', { hasText: '举报 1' }).click()
    const card = leader.locator('.report-card', { hasText: '低价代购名牌包' })
    await settled(leader, '.report-card')
    await expect(card.innerText()).resolves.toContain('1 位邻居举报：广告推销')
    await screenshot(leader, 'chat-06-leader-reports')
    await card.locator('.hide-message').click()
    await leader.waitForSelector('text=没有待处理的举报')
    await wang.locator('.chat-notice', { hasText: '您的一条消息因被举报已隐藏' }).waitFor()
    await neighbour.locator('.chat-notice', { hasText: '王阿姨的一条消息因被举报已隐藏' }).waitFor()
    await screenshot(neighbour, 'chat-07-hidden')

    // While 王阿姨 is on 首页, the neighbour writes: her home and the tab badge count it; opening the chat clears it.
    await openTab(wang, '首页')
    await wang.waitForSelector('.chat-card')
    await send(neighbour, '王阿姨，菜场见！')
    await openTab(wang, '我的')
    await openTab(wang, '首页')
    await wang.locator('.chat-unread-count', { hasText: '1 条未读' }).waitFor()
    await expect(
      wang.locator('.weui-tabbar__item', { hasText: '楼组' }).locator('.weui-badge').innerText(),
    ).resolves.toBe('1')
    await wang.locator('.chat-card').click()
    await bubble(wang, '王阿姨，菜场见！').waitFor()
    await wang.locator('.weui-tabbar__item', { hasText: '楼组' }).locator('.weui-badge').waitFor({ state: 'detached' })
    await screenshot(wang, 'chat-08-read')

    expect(errors.flat()).toEqual([])
  })

  test('when a resident is muted by the leader, then their send box says so instead of letting them type', async () => {
    const leader = await (await newPhone(e2e.browser)).newPage()
    const resident = await (await newPhone(e2e.browser)).newPage()
    await logInAs(leader, e2e.app.url, 'demo-leader-5')
    await logInAs(resident, e2e.app.url, 'seed-jsh-5-2')
    await openTab(resident, '楼组')
    await send(resident, '我来刷个屏')
    await openTab(leader, '楼组')
    await bubble(leader, '我来刷个屏').click()
    await pick(leader, '禁言')
    await pick(leader, '10 分钟')
    await leader.locator('.taro-model__confirm').click()
    await leader.locator('.taro-modal__text', { hasText: '已禁言' }).waitFor()
    await leader.locator('.taro-model__confirm').click()

    await send(resident, '还能说话吗')
    await resident.locator('.chat-muted').waitFor()
    await expect(resident.locator('.chat-muted').innerText()).resolves.toContain('暂时不能在群里发言')
    await screenshot(resident, 'chat-09-muted')

    // The leader lifts it from the member list.
    await leader.locator('.chat-members-link').click()
    await settled(leader, '.member-row')
    await screenshot(leader, 'chat-10-members')
    await leader.locator('.member-row', { hasText: '禁言到' }).locator('.member-button', { hasText: '解除' }).click()
    await leader.locator('.member-row', { hasText: '禁言到' }).waitFor({ state: 'detached' })
  })

  test('when the large-text switch is on, then chat bubbles are larger too', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, 'seed-jsh-5-3')
    await openTab(page, '楼组')
    await page.waitForSelector('.chat-bubble')
    const size = () =>
      page
        .locator('.chat-bubble')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const before = await size()
    await openTab(page, '我的')
    await page.locator('.large-text-switch').click()
    await page.waitForFunction(() => !!document.querySelector('.lz-large'))
    await openTab(page, '楼组')
    await page.waitForFunction(
      (px) => parseFloat(getComputedStyle(document.querySelector('.chat-bubble')!).fontSize) > px * 1.25,
      before,
    )
    await screenshot(page, 'chat-11-large-text')
  })
})
