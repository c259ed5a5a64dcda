import type { Page } from 'playwright-core'
import { MESSAGE_MAX_CHARS, PRIVACY_NOTICE_VERSION } from '../../contracts'
import { userIdOf, verifiedResident } from '../support/api-expect'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'
import { setLargeText } from './support/large-text'

jest.setTimeout(180_000)

/**
 * Everyday use on a 390×844 phone, in both text sizes where words are involved: the 楼组 tab, the
 * chat's send box, buttons whose words say what they do, and the doctor's inbox.
 */
describe('everyday use on a phone', () => {
  const e2e = appInBrowser()
  const SIZES = [
    { large: false, label: 'standard' },
    { large: true, label: 'large-text' },
  ] as const

  /** Taro's h5 router keeps earlier pages in the DOM, hidden: only look at what is on screen. */
  const shown = (page: Page, selector: string) => page.locator(`${selector}:visible`)
  const openTab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click()

  async function phoneAs(openid: string, large = false): Promise<{ page: Page; errors: string[] }> {
    await setLargeText(e2e.app, openid, large)
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, openid)
    if (large) await page.locator('.lz-large:visible').first().waitFor()
    return { page, errors }
  }

  /** A picture once pages have stopped sliding in and toasts have gone. */
  async function shot(page: Page, name: string) {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
    await screenshot(page, name)
  }

  const chatTitle = (page: Page) => shown(page, '.chat-title').innerText()

  describe('the 楼组 tab', () => {
    /** A young neighbour who organises 读书会 and lives in a building: in both a building and an interest group. */
    const readingOrganiser = async (): Promise<string> => {
      const store = e2e.app.runtime.deps.store
      const [row] = await store.find('group_members', { groupId: 'ig-reading', role: 'organiser' }, { limit: 1 })
      const user = row ? await store.get('users', row.userId) : null
      if (!user) throw new Error('the seed has no organiser for 读书会')
      return user.openid
    }

    test('when someone opens 读书会 in the 楼组 tab or from its page and then switches tabs, then the 楼组 tab opens the building’s chat again', async () => {
      const { page, errors } = await phoneAs(await readingOrganiser())
      await openTab(page, '楼组')
      await shown(page, '.chat-bubble, .chat-empty, .chat-title').first().waitFor()
      const building = await chatTitle(page)
      expect(building).toMatch(/号楼$/)

      // From the list inside the tab.
      await shown(page, '.chat-back').click()
      await shown(page, '.chat-group').filter({ hasText: '读书会' }).click()
      await shown(page, '.chat-title')
        .filter({ hasText: /^读书会$/ })
        .waitFor()
      await openTab(page, '首页')
      await openTab(page, '楼组')
      await shown(page, '.chat-title').filter({ hasText: building }).waitFor()
      expect(await chatTitle(page)).toBe(building)

      // From the group's own page (进入群聊).
      await page.goto(`${e2e.app.url}/#/packages/buddies/pages/group/index?id=ig-reading`)
      await shown(page, '.open-group-chat').click()
      await shown(page, '.chat-title')
        .filter({ hasText: /^读书会$/ })
        .waitFor()
      await openTab(page, '我的')
      await openTab(page, '楼组')
      await shown(page, '.chat-title').filter({ hasText: building }).waitFor()
      expect(await chatTitle(page)).toBe(building)
      await shot(page, 'everyday-01-group-tab-opens-building')
      expect(errors).toEqual([])
    })
  })

  describe('switches', () => {
    test('when 王阿姨 taps the words 大字模式 in 我的, then large text turns on, and tapping them again turns it off', async () => {
      const { page, errors } = await phoneAs('seed-jsh-5-3')
      await page.goto(`${e2e.app.url}/#/pages/me/index`)
      const words = shown(page, '.large-text-row .lz-switch-label')
      await expect(words.innerText()).resolves.toBe('大字模式')
      const row = await shown(page, '.large-text-row').boundingBox()
      expect(row!.height).toBeGreaterThanOrEqual(44)
      await words.click()
      await page.locator('.lz-large:visible').first().waitFor()
      await shot(page, 'everyday-09-large-text-by-its-words')
      await shown(page, '.large-text-row .lz-switch-label').click()
      await page.locator('.lz-large:visible').first().waitFor({ state: 'detached' })
      expect(errors).toEqual([])
    })
  })

  describe('the chat send box', () => {
    for (const size of SIZES) {
      test(`when a long message is written (${size.label}), then the box grows to a maximum and scrolls inside with the end in view above the tab bar; over the limit it says how much to remove`, async () => {
        const openid = `e2e-composer-${size.label}`
        const admin = await e2e.app.login('demo-admin')
        const writer = await verifiedResident(e2e.app, admin, openid, 'jsh-5', size.large ? '103' : '104')
        await writer.client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
        await writer.client.ok('account', 'updateProfile', { nickname: size.large ? '严阿姨' : '华老伯' })
        const { page, errors } = await phoneAs(openid, size.large)
        await openTab(page, '楼组')
        const field = shown(page, '.chat-input textarea')
        await field.waitFor()
        const sentence = '明天上午九点楼下集合，一起去菜场买菜，回来顺便看看三楼的李阿婆。'
        await field.fill(sentence.repeat(4).slice(0, 118))
        await field.press('End')
        await field.pressSequentially('好的')

        const measure = () =>
          page.evaluate(() => {
            const visible = (s: string) =>
              [...document.querySelectorAll<HTMLElement>(s)].find((el) => el.getBoundingClientRect().height > 0)!
            const ta = visible('.chat-input textarea') as HTMLTextAreaElement
            const rect = (el: Element) => el.getBoundingClientRect().toJSON() as DOMRect
            return {
              ta: rect(ta),
              box: rect(visible('.chat-input')),
              composer: rect(visible('.chat-composer')),
              tabBar: rect(visible('.weui-tabbar')),
              scrollTop: ta.scrollTop,
              clientHeight: ta.clientHeight,
              scrollHeight: ta.scrollHeight,
            }
          })
        const m = await measure()
        // The text field stays inside its box, and the box above the tab bar.
        expect(m.ta.bottom).toBeLessThanOrEqual(m.box.bottom + 1)
        expect(m.ta.top).toBeGreaterThanOrEqual(m.box.top - 1)
        expect(m.composer.bottom).toBeLessThanOrEqual(m.tabBar.top + 1)
        // Grown, but to a maximum: the messages stay in view above it.
        expect(m.box.height).toBeGreaterThan(80)
        expect(m.composer.height).toBeLessThan(844 * 0.4)
        // In large text the field has a line of its own: wide enough to read back what was written.
        if (size.large) expect(m.box.width).toBeGreaterThan(m.composer.width * 0.8)
        // Longer than the box: it scrolls inside, and the end, where the cursor is, is in view.
        expect(m.scrollHeight).toBeGreaterThan(m.clientHeight)
        expect(m.scrollTop + m.clientHeight).toBeGreaterThanOrEqual(m.scrollHeight - 2)
        await shot(page, `everyday-02-composer-long-${size.label}`)

        // Over the limit: how many characters to take out, in full, and 发送 waits.
        await field.fill('好'.repeat(MESSAGE_MAX_CHARS + 12))
        const count = shown(page, '.chat-count')
        await count.filter({ hasText: '超出 12 字，请删减' }).waitFor()
        const fits = await count.evaluate((el) => {
          const r = el.getBoundingClientRect()
          const bar = [...document.querySelectorAll('.weui-tabbar')]
            .find((b) => b.getBoundingClientRect().height > 0)!
            .getBoundingClientRect()
          return el.scrollWidth <= el.clientWidth + 1 && r.left >= 0 && r.right <= 390 && r.bottom <= bar.top + 1
        })
        expect(fits).toBe(true)
        await expect(shown(page, '.chat-send.disabled').count()).resolves.toBe(1)
        await shot(page, `everyday-03-composer-over-limit-${size.label}`)
        expect(errors).toEqual([])
      })
    }
  })

  describe('words that say what the button does', () => {
    for (const size of SIZES) {
      test(`when the leader looks at 本楼居民 (${size.label}), then the remove action reads 登记搬离 and asks first, saying what happens; cancelling changes nothing`, async () => {
        const { page, errors } = await phoneAs('demo-leader-5', size.large)
        await page.goto(`${e2e.app.url}/#/packages/leader/pages/residents/index`)
        const rows = shown(page, '.residents-page .resident')
        await rows.first().waitFor()
        const before = await rows.count()
        await expect(shown(page, '.residents-page').innerText()).resolves.not.toMatch(/已搬走/)
        const action = shown(page, '.record-moved-away').first()
        await expect(action.innerText()).resolves.toBe('登记搬离')
        await shot(page, `everyday-04-residents-${size.label}`)
        await action.click()
        const modal = shown(page, '.taro-modal__content')
        await modal.waitFor()
        await expect(modal.innerText()).resolves.toMatch(/登记搬离[\s\S]*退出本楼组[\s\S]*重新申请/)
        await shot(page, `everyday-05-residents-confirm-${size.label}`)
        await shown(page, '.taro-model__cancel').click()
        await modal.waitFor({ state: 'hidden' })
        expect(await rows.count()).toBe(before)
        expect(errors).toEqual([])
      })

      test(`when the leader opens a notice's door-knock list (${size.label}), then rooms where nobody has registered are listed apart from rooms whose residents have not read it`, async () => {
        const store = e2e.app.runtime.deps.store
        const leaderApi = await e2e.app.login('demo-leader-5')
        const notice = await leaderApi.ok<{ announcementId: string }>('announcements', 'publish', {
          audience: { buildingId: 'jsh-5' },
          title: size.large ? '周六上午停水' : '周日下午电梯检修',
          body: '请提前储水，给您带来不便，敬请谅解。',
        })
        const [households, residents] = await Promise.all([
          store.find('households', { buildingId: 'jsh-5' }, { limit: 1000 }),
          store.find('memberships', { buildingId: 'jsh-5', status: 'verified' }, { limit: 1000 }),
        ])
        const registered = new Set(residents.map((m) => m.householdId))
        const empty = households.find((h) => !registered.has(h._id))!.room
        const { page, errors } = await phoneAs('demo-leader-5', size.large)
        await page.goto(`${e2e.app.url}/#/packages/announcements/pages/reach/index?id=${notice.announcementId}`)
        const notRead = shown(page, '.knock-section-registered')
        const nobody = shown(page, '.knock-section-unregistered')
        await notRead.waitFor()
        await expect(notRead.innerText()).resolves.toMatch(/已登记、还没看：\d+ 户/)
        await expect(nobody.innerText()).resolves.toMatch(/还没人登记：\d+ 户/)
        await notRead.locator('.knock-room', { hasText: /^502$/ }).waitFor()
        await nobody.locator('.knock-room', { hasText: new RegExp(`^${empty}$`) }).waitFor()
        await expect(nobody.locator('.knock-room', { hasText: /^502$/ }).count()).resolves.toBe(0)
        await shot(page, `everyday-06-knock-list-${size.label}`)
        expect(errors).toEqual([])
      })
    }

    test('when the committee opens the roles list, then leaders’ buildings come in number order (1, 2, … 10)', async () => {
      const admin = await e2e.app.login('demo-admin')
      for (const [i, buildingId] of ['jsh-10', 'jsh-2', 'jsh-1'].entries()) {
        const leader = await e2e.app.login(`e2e-roles-leader-${i}`)
        await admin.ok('account', 'assignRole', { userId: await userIdOf(leader), role: 'leader', buildingId })
      }
      const { page, errors } = await phoneAs('demo-admin', true)
      await page.goto(`${e2e.app.url}/#/packages/committee/pages/roles/index`)
      await shown(page, '.staff').first().waitFor()
      const lines = await shown(page, '.staff').allInnerTexts()
      const numbers = lines
        .map((l) => /楼组长（金上海家园 (\d+)号楼）/.exec(l)?.[1])
        .filter((n): n is string => !!n)
        .map(Number)
      expect(numbers).toEqual(expect.arrayContaining([1, 2, 10]))
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
      await shot(page, 'everyday-07-roles-large-text')
      expect(errors).toEqual([])
    })

    test('when 王阿姨 opens 我的提问 with an answered question, then the health disclaimer appears once on the page', async () => {
      const { page, errors } = await phoneAs('demo-resident-5')
      await page.goto(`${e2e.app.url}/#/packages/health/pages/mine/index`)
      await shown(page, '.my-answer').first().waitFor()
      const text = await shown(page, '.health-mine').innerText()
      expect(text.split('不能替代诊疗').length - 1).toBe(1)
      expect(errors).toEqual([])
    })
  })

  describe('the doctor’s inbox', () => {
    for (const size of SIZES) {
      test(`when a question flagged 含急症信号 arrives after older ordinary ones (${size.label}), then it heads 李医生's inbox, and each says how long it has waited`, async () => {
        const admin = await e2e.app.login('demo-admin')
        const openid = `e2e-urgent-asker-${size.label}`
        const asker = await verifiedResident(e2e.app, admin, openid, 'mc-3', size.large ? '501' : '502')
        await asker.client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
        const asked = await asker.client.ok<{ questionId: string }>('health', 'ask', {
          question: '我爱人刚才突然说话不清楚，嘴角歪了，怎么办？',
          category: '其他',
          allowPublish: false,
        })
        const { page, errors } = await phoneAs('demo-doctor', size.large)
        await page.goto(`${e2e.app.url}/#/packages/health/pages/inbox/index`)
        const items = shown(page, '.inbox-item')
        await items.first().waitFor()
        const urgent = await items.evaluateAll((els) => els.map((el) => el.classList.contains('urgent')))
        expect(urgent[0]).toBe(true)
        expect(urgent.indexOf(false)).toBeGreaterThan(0)
        expect(urgent.slice(urgent.indexOf(false))).not.toContain(true)
        const ours = items.filter({ hasText: '嘴角歪了' })
        await expect(ours.locator('.inbox-urgent-tag').innerText()).resolves.toBe('含急症信号')
        await expect(ours.locator('.inbox-waited').innerText()).resolves.toMatch(/^已等 \d+ 分钟/)
        // 王阿姨's seeded question, asked three hours ago, further down.
        await expect(items.filter({ hasText: '午睡睡多久' }).locator('.inbox-waited').innerText()).resolves.toMatch(
          /^已等 3 小时/,
        )
        await shot(page, `everyday-08-inbox-urgent-first-${size.label}`)
        await asker.client.ok('health', 'withdraw', { questionId: asked.questionId })
        expect(errors).toEqual([])
      })
    }
  })
})
