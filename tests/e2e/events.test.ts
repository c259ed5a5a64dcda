import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import type { EventDetail } from '../../contracts'
import type { ApiClient } from '../support/runtime'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot as rawScreenshot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

const HOUR = 3600_000

/** A screenshot once the page has finished sliding in (Taro's h5 page animation). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.locator('.taro_page.taro_page_stationed:visible').last().waitFor()
  await rawScreenshot(page, name)
}

describe('events in the browser', () => {
  const e2e = appInBrowser()
  let admin: ApiClient

  beforeAll(async () => {
    admin = await e2e.app.login('demo-admin')
  })

  async function phone(openid: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, openid)
    return { page, errors }
  }

  async function openEvent(page: Page, eventId: string): Promise<void> {
    await page.goto(`${e2e.app.url}/#/packages/events/pages/detail/index?id=${eventId}`)
    await page.waitForSelector('.event-detail-title')
  }

  /** A verified resident made over the API, to fill seats. */
  async function filler(openid: string, buildingId: string): Promise<ApiClient> {
    const client = await e2e.app.login(openid)
    const poster = await admin.ok('account', 'joinPoster', { buildingId })
    await client.ok('account', 'applyToBuilding', { buildingId, room: '201', joinCode: poster.joinCode })
    return client
  }

  test('when a resident RSVPs, the seats left drop; when full the next is waitlisted; when the first cancels the waitlisted one sees 已确认', async () => {
    const startAt = Date.now() + 2 * 24 * HOUR
    const { event } = (await admin.ok('events', 'create', {
      title: '免费量血压（e2e）',
      description: '请带上平时吃的药的盒子。',
      place: '居委会卫生服务点',
      startAt,
      endAt: startAt + 2 * HOUR,
      capacity: 2,
      audience: 'neighbourhood',
      questions: [{ kind: 'choice', text: '希望的时段', options: ['上午', '下午'] }],
    })) as { event: EventDetail }

    // 王阿姨 finds it on the 活动 tab and opens it.
    const wang = await phone('demo-resident-5')
    await wang.page.goto(`${e2e.app.url}/#/pages/events/index`)
    const card = wang.page.locator('.event-card', { hasText: '免费量血压（e2e）' })
    await expect(card.locator('.event-seats').innerText()).resolves.toBe('还剩 2 个名额')
    await screenshot(wang.page, 'events-list')
    await card.click()
    await wang.page.waitForSelector('.event-detail-title')
    await expect(wang.page.locator('.seats-left').innerText()).resolves.toContain('还剩 2 个名额')

    // She answers the question and signs up: the seats left drop.
    await wang.page.locator('.choice', { hasText: '上午' }).click()
    await screenshot(wang.page, 'events-detail')
    await wang.page.locator('.rsvp-button').click()
    await wang.page.waitForSelector('.my-state')
    await expect(wang.page.locator('.my-state').innerText()).resolves.toBe('已确认')
    await expect(wang.page.locator('.seats-left').innerText()).resolves.toContain('还剩 1 个名额')
    await screenshot(wang.page, 'events-confirmed')

    // Someone else takes the last seat.
    await (
      await filler('e2e-filler-1', 'jsh-3')
    ).ok('events', 'rsvp', { eventId: event.eventId, answers: { q1: '下午' } })

    // 赵老伯 opens it: full, so he joins the waitlist.
    const zhao = await phone('demo-resident-11')
    await openEvent(zhao.page, event.eventId)
    await expect(zhao.page.locator('.seats-left').innerText()).resolves.toContain('已满')
    await zhao.page.locator('.choice', { hasText: '下午' }).click()
    await expect(zhao.page.locator('.rsvp-button').innerText()).resolves.toContain('已满，加入候补')
    await zhao.page.locator('.rsvp-button').click()
    await zhao.page.waitForSelector('.my-position')
    await expect(zhao.page.locator('.my-position').innerText()).resolves.toBe('候补第 1 位')
    await screenshot(zhao.page, 'events-waitlisted')

    // 王阿姨 cancels.
    await wang.page.locator('.cancel-rsvp').click()
    await wang.page.getByText('确定取消').click()
    await wang.page.waitForSelector('.rsvp-button')

    // 赵老伯 reloads: confirmed, and told so.
    await zhao.page.reload()
    await zhao.page.waitForSelector('.my-state')
    await expect(zhao.page.locator('.my-state').innerText()).resolves.toBe('已确认')
    await screenshot(zhao.page, 'events-promoted')
    await zhao.page.goto(`${e2e.app.url}/#/pages/notifications/index`)
    await zhao.page.waitForSelector('.notification')
    await expect(zhao.page.locator('.notification').first().innerText()).resolves.toContain('候补成功')

    // His home page shows it under 我的近期活动.
    await zhao.page.goto(`${e2e.app.url}/#/pages/home/index`)
    await zhao.page.waitForSelector('.upcoming-row')
    await expect(zhao.page.locator('.upcoming-events').innerText()).resolves.toContain('免费量血压（e2e）')
    await screenshot(zhao.page, 'events-home')

    expect(wang.errors).toEqual([])
    expect(zhao.errors).toEqual([])
  })

  test('when a leader publishes an event and shows the check-in code, then a resident checks in with it and the roster ticks them off', async () => {
    // The leader publishes through the form (tomorrow 09:00–10:30 by default).
    const leader = await phone('demo-leader-5')
    await leader.page.goto(`${e2e.app.url}/#/pages/events/index`)
    await leader.page.locator('.events-create').click()
    await leader.page.waitForSelector('.title-input')
    await leader.page.locator('.title-input input').fill('楼道大扫除')
    await leader.page.locator('.place-input input').fill('5号楼门口')
    await leader.page.locator('.capacity-input input').fill('15')
    await screenshot(leader.page, 'events-create')
    await leader.page.locator('.save-event').click()
    await leader.page.waitForSelector('.organiser-tools')
    await expect(leader.page.locator('.event-detail-title').innerText()).resolves.toBe('楼道大扫除')
    await expect(leader.page.locator('.event-facts').innerText()).resolves.toContain('金上海家园 5号楼')

    // A session starting within the hour, so check-in is open.
    const startAt = Date.now() + 30 * 60_000
    const { event } = (await (
      await e2e.app.login('demo-leader-5')
    ).ok('events', 'create', {
      title: '读书会（e2e）',
      place: '5号楼一楼活动室',
      startAt,
      endAt: startAt + 2 * HOUR,
      capacity: 10,
      audience: { buildingId: 'jsh-5' },
    })) as { event: EventDetail }
    const wangApi = await e2e.app.login('demo-resident-5')
    await wangApi.ok('events', 'rsvp', { eventId: event.eventId })

    // The organiser's screen: a QR code that scans to the check-in link with the current code.
    await leader.page.goto(`${e2e.app.url}/#/packages/events/pages/checkin/index?id=${event.eventId}`)
    await leader.page.waitForSelector('.checkin-digits')
    await screenshot(leader.page, 'events-checkin-qr')
    const digits = async () => (await leader.page.locator('.checkin-digits').innerText()).trim()
    // The code changes every minute: read it, the QR code, and the digits again until both agree.
    let code = ''
    let decoded: string | undefined
    for (let attempt = 0; attempt < 3; attempt++) {
      code = await digits()
      const png = PNG.sync.read(await leader.page.locator('.checkin-qr').screenshot())
      decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
      if ((await digits()) === code) break
    }
    expect(code).toMatch(/^\d{6}$/)
    expect(decoded).toBe(`${e2e.app.url}/#/packages/events/pages/scan/index?e=${event.eventId}&c=${code}`)

    // 王阿姨 opens the event, taps 签到 and types the code.
    const wang = await phone('demo-resident-5')
    await openEvent(wang.page, event.eventId)
    await wang.page.locator('.open-scan').click()
    await wang.page.locator('.code-input input').fill(code)
    await wang.page.locator('.submit-code').click()
    await wang.page.waitForSelector('.checked-in')
    await screenshot(wang.page, 'events-checked-in')

    // The roster shows her as arrived.
    await leader.page.goto(`${e2e.app.url}/#/packages/events/pages/roster/index?id=${event.eventId}`)
    const entry = leader.page.locator('.roster-entry', { hasText: '王阿姨' })
    await expect(entry.locator('.attend-toggle').innerText()).resolves.toBe('✓ 已到')
    await expect(leader.page.locator('.attended-count').innerText()).resolves.toContain('1 人')
    await screenshot(leader.page, 'events-roster')

    // 我的活动 lists it with the check-in mark.
    await wang.page.goto(`${e2e.app.url}/#/packages/events/pages/mine/index`)
    await expect(
      wang.page.locator('.event-card', { hasText: '读书会（e2e）' }).locator('.event-state').innerText(),
    ).resolves.toBe('已签到')
    await screenshot(wang.page, 'events-mine')

    expect(leader.errors).toEqual([])
    expect(wang.errors).toEqual([])
  })
})
