import type { Page } from 'playwright-core'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { verifiedResident } from '../support/api-expect'
import { appInBrowser } from './support/app'
import { button, logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

describe('the health column: a private question, a published answer, a neighbour who searches', () => {
  const e2e = appInBrowser()

  /** Screenshot once the page has slid fully into view (Taro's h5 page transition). */
  async function shot(page: Page, pageClass: string, name: string) {
    await page.waitForFunction((cls) => {
      const shown = [...document.querySelectorAll(`.${cls}`)].find((el) => el.getBoundingClientRect().width > 0)
      return !!shown && Math.abs(shown.getBoundingClientRect().left) < 1
    }, pageClass)
    await screenshot(page, name)
  }

  async function phoneAs(openid: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, openid)
    return { page, errors }
  }

  test('when a resident asks privately allowing publication and 李医生 publishes the answer, then a neighbour finds it by searching without the asker, and the asker sees 已回复 and a notification', async () => {
    // The asker: a verified resident of 梅村 3号楼 402, called 吕阿姨.
    const admin = await e2e.app.login('demo-admin')
    const openid = `e2e-asker-${Date.now()}`
    const asker = await verifiedResident(e2e.app, admin, openid, 'mc-3', '402')
    await asker.client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
    await asker.client.ok('account', 'updateProfile', { nickname: '吕阿姨' })

    const a = await phoneAs(openid)
    await a.page.waitForSelector('.health-home-card .featured-title')
    await shot(a.page, 'home-page', 'health-01-home-card')
    await a.page.locator('.health-home-card .lz-link', { hasText: '进入专栏' }).click()
    await a.page.waitForSelector('.featured-tip')
    await expect(a.page.locator('.featured-tip .lz-tag').innerText()).resolves.toBe('本月小贴士')
    await shot(a.page, 'health-column', 'health-02-column')

    // The ask form: the emergency guidance appears while typing, before anything is sent.
    await button(a.page, '我要提问').click()
    await a.page.waitForSelector('.ask-question textarea')
    await expect(a.page.locator('.health-disclaimer').first().innerText()).resolves.toContain('急症请拨打120')
    await a.page.locator('.category-chip', { hasText: '慢病' }).click()
    await a.page.locator('.ask-question textarea').fill('昨晚突然胸痛，现在好了，要紧吗？')
    await a.page.waitForSelector('.emergency-notice')
    await expect(a.page.locator('.emergency-notice').innerText()).resolves.toContain('120')
    await a.page.locator('.emergency-notice').scrollIntoViewIfNeeded()
    await shot(a.page, 'health-ask', 'health-03-ask-emergency')

    const question = '我有高血压，冬天早上起床头晕，住在隔壁的老姐妹让我把降压药加量，可以吗？'
    await a.page.locator('.ask-question textarea').fill(question)
    await a.page.waitForSelector('.emergency-notice', { state: 'detached' })
    await a.page.locator('.allow-publish-switch').click()
    await a.page.waitForSelector('text=不会显示您的名字、楼号和房号')
    await a.page.locator('.allow-publish-switch').scrollIntoViewIfNeeded()
    await shot(a.page, 'health-ask', 'health-04-ask')
    await button(a.page, '发送给医生').click()
    await a.page.waitForSelector('.asked-card')
    await expect(a.page.locator('.asked-status').innerText()).resolves.toBe('等待回复')
    await shot(a.page, 'health-ask', 'health-05-asked')

    // 李医生 finds it in the inbox under a pseudonym, edits the question for publication and publishes.
    const doctor = await phoneAs('demo-doctor')
    await doctor.page.locator('.home-inbox').click()
    const card = doctor.page.locator('.inbox-item', { hasText: '降压药加量' })
    await card.waitFor()
    const cardText = await card.innerText()
    expect(cardText).toMatch(/提问者 [A-Z]\d{3}/)
    expect(cardText).toContain('同意公开')
    for (const trace of ['吕阿姨', '梅村', '402', asker.userId])
      expect(await doctor.page.locator('body').innerText()).not.toContain(trace)
    await shot(doctor.page, 'health-inbox', 'health-06-inbox')
    await card.click()
    await doctor.page.waitForSelector('.answer-text textarea')
    const answer =
      '冬天血压偏高、早上头晕要重视。请不要自己给降压药加量，把一周早晚的血压记录带去复诊，请医生调整。起床时先坐一会儿再站起来。'
    await doctor.page.locator('.answer-text textarea').fill(answer)
    await doctor.page.locator('.publish-switch').click()
    await doctor.page.waitForSelector('.edited-question textarea')
    const edited = '我有高血压，冬天早上起床头晕，降压药可以自己加量吗？'
    await doctor.page.locator('.edited-question textarea').fill(edited)
    await expect(doctor.page.locator('.preview-question').innerText()).resolves.toBe(edited)
    await expect(doctor.page.locator('.answer-preview').innerText()).resolves.toContain('急症请拨打120')
    await doctor.page.locator('.answer-preview').scrollIntoViewIfNeeded()
    await shot(doctor.page, 'health-answer', 'health-07-answer-preview')
    await button(doctor.page, '回复并公开').click()
    // Back in the inbox, which reloads: the answered question has left it.
    await doctor.page.waitForSelector('.health-answer', { state: 'detached' })
    await doctor.page.locator('.inbox-item', { hasText: '降压药加量' }).waitFor({ state: 'detached' })

    // Another resident searches 血压 and finds the published Q&A, with no sign of who asked.
    const neighbour = await phoneAs('demo-resident-11')
    await neighbour.page.locator('.health-home-card .lz-link', { hasText: '进入专栏' }).click()
    await neighbour.page.locator('.health-search-input input').fill('血')
    await neighbour.page.locator('.search-button').click()
    await expect(neighbour.page.locator('.search-error').innerText()).resolves.toBe('请至少输入两个字')
    await neighbour.page.locator('.health-search-input input').fill('血压 加量')
    await neighbour.page.locator('.search-button').click()
    const hit = neighbour.page.locator('.search-hit', { hasText: '降压药可以自己加量吗' })
    await hit.waitFor()
    const marks = await hit.locator('.hl-mark').allInnerTexts()
    expect(marks).toEqual(expect.arrayContaining(['血压', '加量']))
    const results = await neighbour.page.locator('body').innerText()
    for (const trace of ['吕阿姨', '梅村', '402', '老姐妹', asker.userId]) expect(results).not.toContain(trace)
    await shot(neighbour.page, 'health-column', 'health-08-search')
    await hit.click()
    await neighbour.page.waitForSelector('.qa-detail')
    await expect(neighbour.page.locator('.qa-question').innerText()).resolves.toBe(edited)
    await expect(neighbour.page.locator('.qa-answer').innerText()).resolves.toBe(answer)
    const detail = await neighbour.page.locator('body').innerText()
    expect(detail).toContain('李医生')
    expect(detail).toContain('急症请拨打120')
    for (const trace of ['吕阿姨', '梅村', '402', '老姐妹']) expect(detail).not.toContain(trace)
    await shot(neighbour.page, 'health-qa', 'health-09-qa')

    // The asker sees 已回复 and a notification.
    await a.page.goto(`${e2e.app.url}/#/pages/home/index`)
    await a.page.waitForSelector('.unread-count')
    await expect(a.page.locator('.unread-count').innerText()).resolves.toContain('1 条未读')
    await a.page.locator('.lz-card', { hasText: '消息通知' }).click()
    const notice = a.page.locator('.notification', { hasText: '您的健康提问有回复了' })
    await notice.waitFor()
    await shot(a.page, 'notifications-page', 'health-10-notification')
    await notice.click()
    await a.page.waitForSelector('.my-question.focused')
    await expect(a.page.locator('.my-question.focused .question-status').innerText()).resolves.toBe('已回复')
    await expect(a.page.locator('.my-question.focused .my-answer-text').innerText()).resolves.toBe(answer)
    await shot(a.page, 'health-mine', 'health-11-my-questions')

    expect(a.errors).toEqual([])
    expect(doctor.errors).toEqual([])
    expect(neighbour.errors).toEqual([])
  })
})
