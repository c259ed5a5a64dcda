import type { Page } from 'playwright-core'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

describe('the leader of 5号楼 publishes a notice and sees who has read it', () => {
  const e2e = appInBrowser()

  /** Taro's h5 router slides a new page in; screenshots wait until it has arrived. */
  async function arrived(page: Page, pageClass: string): Promise<void> {
    await page.waitForFunction((cls) => {
      const pages = [...document.querySelectorAll(`.${cls}`)]
      const box = pages.at(-1)?.getBoundingClientRect()
      return !!box && Math.abs(box.left) < 1
    }, pageClass)
  }

  const knockRoom = (page: Page, room: string) =>
    page.locator('.reach-page .knock-room', { hasText: new RegExp(`^${room}$`) })

  test("when 王阿姨 (502) opens the leader's new notice, then the reach view goes from 0 to 1 household and 502 leaves the door-knock list", async () => {
    const title = '今晚 8 点停水检修'
    const body = '今晚 8 点到 10 点水管检修，全楼停水。\n请提前储水，有困难请打电话给我。'

    // The leader writes an urgent notice from 首页.
    const leader = await (await newPhone(e2e.browser)).newPage()
    const leaderErrors = watchErrors(leader)
    await logInAs(leader, e2e.app.url, 'demo-leader-5')
    await leader.locator('.home-announcements .open-publish').click()
    await leader.waitForSelector('.publish-form')
    await arrived(leader, 'publish-page')
    await leader.locator('.publish-title input').fill(title)
    await leader.locator('.publish-body textarea').fill(body)
    await leader.locator('.urgent-switch').click()
    await expect(leader.locator('.publish-audience').innerText()).resolves.toContain('金上海家园 5号楼')
    await screenshot(leader, 'announce-01-publish-form')
    await leader.locator('.submit-announcement').click()

    // It opens as published, with its reach: nobody has read it yet.
    await leader.waitForSelector('.announcement-detail-title')
    await expect(leader.locator('.announcement-detail-title').innerText()).resolves.toBe(title)
    await leader.waitForSelector('.reach-card .reach-read')
    await expect(leader.locator('.reach-card .reach-read').innerText()).resolves.toBe('0')
    await arrived(leader, 'announcement-page')
    await screenshot(leader, 'announce-02-leader-detail')
    await leader.locator('.reach-card').click()
    await leader.waitForSelector('.reach-page .knock-list')
    await arrived(leader, 'reach-page')
    await expect(leader.locator('.reach-page .reach-read').innerText()).resolves.toBe('0')
    await expect(leader.locator('.reach-page .reach-total').innerText()).resolves.toBe('36')
    await expect(knockRoom(leader, '502').count()).resolves.toBe(1)
    await screenshot(leader, 'announce-03-reach-before')

    // 王阿姨 of 502 sees it on top of her 首页, marked urgent and unread, and opens it.
    const resident = await (await newPhone(e2e.browser)).newPage()
    const residentErrors = watchErrors(resident)
    await logInAs(resident, e2e.app.url, 'demo-resident-5')
    const item = resident.locator('.home-announcements .announcement-item', { hasText: title })
    await item.waitFor()
    await expect(resident.locator('.home-announcements .announcement-item').first().innerText()).resolves.toContain(
      title,
    )
    await expect(item.getAttribute('class')).resolves.toMatch(/\burgent\b/)
    await expect(item.innerText()).resolves.toContain('【紧急】')
    await expect(item.innerText()).resolves.toContain('未读')
    await screenshot(resident, 'announce-04-resident-home')
    await item.click()
    await resident.waitForSelector('.announcement-body')
    await expect(resident.locator('.announcement-body').innerText()).resolves.toContain('请提前储水')
    await expect(resident.locator('.reach-card').count()).resolves.toBe(0)
    await arrived(resident, 'announcement-page')
    await screenshot(resident, 'announce-05-resident-detail')

    // Back on 首页 it is read, and no longer held on top as urgent.
    await resident.goBack()
    const readItem = resident.locator('.home-announcements .announcement-item', { hasText: title })
    await resident.waitForFunction((t) => {
      const el = [...document.querySelectorAll('.home-announcements .announcement-item')].find((e) =>
        e.textContent?.includes(t),
      )
      return !el || el.classList.contains('read')
    }, title)
    if (await readItem.count()) await expect(readItem.innerText()).resolves.not.toContain('未读')

    // The leader refreshes: one household has read it, and 502 is off the door-knock list.
    await leader.locator('.reach-page .refresh-reach').click()
    await leader.waitForFunction(() => document.querySelector('.reach-page .reach-read')?.textContent === '1')
    await expect(knockRoom(leader, '502').count()).resolves.toBe(0)
    await expect(leader.locator('.reach-page .knock-room').count()).resolves.toBe(35)
    await expect(leader.locator('.reach-page .reach-remaining').innerText()).resolves.toContain('还有 35 户')
    await screenshot(leader, 'announce-06-reach-after')

    expect(leaderErrors).toEqual([])
    expect(residentErrors).toEqual([])
  })

  test('when a resident asks to be reminded and an urgent notice follows, then the notification centre shows it as 【紧急】 and sent on WeChat', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, 'demo-resident-11')
    await page.locator('.home-announcements .subscribe-announcement').click()
    await page.waitForSelector('.home-announcements .subscribe-note')
    await expect(page.locator('.home-announcements .subscribe-note').innerText()).resolves.toContain(
      '有新公告时会在微信提醒您，还可以提醒您 1 次',
    )
    await screenshot(page, 'announce-07-subscribe')

    // The leader of 11号楼 publishes (through the API: the form is covered above).
    const leaderOpenid = 'seed-jsh-11-1'
    const leader = await e2e.app.login(leaderOpenid)
    const published = await leader.ok('announcements', 'publish', {
      audience: { buildingId: 'jsh-11' },
      title: '燃气管道紧急抢修',
      body: '请关闭燃气总阀，等待通知。',
      urgent: true,
    })
    // The WeChat message was queued by the request; the outbox sends it (the timer function on CloudBase).
    await e2e.app.runtime.drainOutbox()

    await page.goto(`${e2e.app.url}/#/pages/notifications/index`)
    const notification = page.locator('.notification', { hasText: '燃气管道紧急抢修' })
    await notification.waitFor()
    await expect(notification.innerText()).resolves.toContain('【紧急】')
    await expect(notification.innerText()).resolves.toContain('已发送微信订阅消息')
    await expect(notification.getAttribute('class')).resolves.toMatch(/\burgent\b/)
    await arrived(page, 'notifications-page')
    await screenshot(page, 'announce-08-notifications')

    // Tapping it opens the notice, which reads it.
    await notification.click()
    await page.waitForSelector('.announcement-page .announcement-body')
    await expect(page.locator('.announcement-page .announcement-detail-title').innerText()).resolves.toBe(
      '燃气管道紧急抢修',
    )
    const reach = await leader.ok('announcements', 'reach', { announcementId: published.announcementId })
    expect(reach.buildings[0].unreadRooms).not.toContain('601')
    expect(errors).toEqual([])
  })

  test("when residents asked for WeChat reminders, then the notice's reach page counts its WeChat messages: 排队中 until the outbox sends them, then 已发送", async () => {
    // Two residents of 7号楼 tap “有新公告时微信提醒我” (through the API: the button is covered above).
    for (const openid of ['seed-jsh-7-2', 'seed-jsh-7-3'])
      await (await e2e.app.login(openid)).ok('notifications', 'grantSubscriptions', { templateKeys: ['announcement'] })
    const leaderApi = await e2e.app.login('seed-jsh-7-1')
    const published = await leaderApi.ok('announcements', 'publish', {
      audience: { buildingId: 'jsh-7' },
      title: '周六上午清洗水箱',
      body: '九点到十一点停水，请提前储水。',
    })

    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, 'seed-jsh-7-1')
    await page.goto(`${e2e.app.url}/#/packages/announcements/pages/reach/index?id=${published.announcementId}`)
    await page.waitForSelector('.reach-page .wechat-sends')
    const count = (which: string) => page.locator(`.reach-page .wechat-${which} .wechat-send-number`).innerText()
    await expect(Promise.all([count('sent'), count('queued'), count('failed')])).resolves.toEqual(['0', '2', '0'])
    await arrived(page, 'reach-page')
    await screenshot(page, 'announce-09-wechat-queued')

    await e2e.app.runtime.drainOutbox()
    await page.locator('.reach-page .refresh-reach').click()
    await page.waitForFunction(
      () => document.querySelector('.reach-page .wechat-sent .wechat-send-number')?.textContent === '2',
    )
    await expect(Promise.all([count('queued'), count('failed')])).resolves.toEqual(['0', '0'])
    await screenshot(page, 'announce-10-wechat-sent')

    // In large-text mode nothing is cut off.
    await leaderApi.ok('account', 'updateProfile', {
      nickname: (await leaderApi.ok('account', 'me')).nickname,
      largeText: true,
    })
    await page.reload()
    await page.waitForSelector('.reach-page.lz-large .wechat-sends')
    const overflowing = await page
      .locator('.reach-page .wechat-send-count')
      .evaluateAll((cells) => cells.filter((el) => el.scrollWidth > el.clientWidth + 1).length)
    expect(overflowing).toBe(0)
    await arrived(page, 'reach-page')
    await screenshot(page, 'announce-11-wechat-sent-large-text')
    expect(errors).toEqual([])
  })
})
