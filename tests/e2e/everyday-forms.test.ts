import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'
import { arrived, readyPerson, tab, TEXT_SIZES } from './support/people'

jest.setTimeout(120_000)

const slug = (size: string) => size.replace(' ', '-')

describe('nothing typed is lost', () => {
  const e2e = appInBrowser()

  async function verifiedIn(openid: string, nickname: string, largeText: boolean, buildingId = 'jsh-5', room = '402') {
    const admin = await e2e.app.login('demo-admin')
    const client = await readyPerson(e2e.app, openid, nickname, largeText)
    const poster = await admin.ok('account', 'joinPoster', { buildingId })
    await client.ok('account', 'applyToBuilding', { buildingId, room, joinCode: poster.joinCode })
    return client
  }

  test.each(TEXT_SIZES)(
    'when a resident half-writes a chat message (%s), then it is still there after a refresh and after leaving the chat, and gone once sent',
    async (size, largeText) => {
      const openid = `e2e-draft-chat-${slug(size)}-${Date.now()}`
      await verifiedIn(openid, '吴阿姨', largeText)
      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await tab(page, '楼组')
      const box = page.locator('.chat-input textarea')
      await box.fill('明天上午谁家有空帮我收个快递')

      await page.reload()
      await expect(box.inputValue()).resolves.toBe('明天上午谁家有空帮我收个快递')
      await tab(page, '首页')
      await tab(page, '楼组')
      await expect(box.inputValue()).resolves.toBe('明天上午谁家有空帮我收个快递')
      await screenshot(page, `everyday-draft-chat-${slug(size)}`)

      await page.locator('.chat-send').click()
      await page.locator('.chat-bubble', { hasText: '明天上午谁家有空帮我收个快递' }).first().waitFor()
      await expect(box.inputValue()).resolves.toBe('')
      await page.reload()
      await expect(box.inputValue()).resolves.toBe('')
      expect(errors).toEqual([])
    },
  )

  test('when a leader half-writes a notice, then title and body survive a refresh; another leader on the same phone does not see them', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, 'demo-leader-5')
    await page.goto(`${e2e.app.url}/#/packages/announcements/pages/publish/index`)
    await page.locator('.publish-title input').fill('周六上午电梯年检')
    await page.locator('.publish-body textarea').fill('周六上午 9 点到 11 点电梯停用，请走楼梯。')
    await page.reload()
    await expect(page.locator('.publish-title input').inputValue()).resolves.toBe('周六上午电梯年检')
    await expect(page.locator('.publish-body textarea').inputValue()).resolves.toBe(
      '周六上午 9 点到 11 点电梯停用，请走楼梯。',
    )
    await screenshot(page, 'everyday-draft-notice')

    // Someone else signs in on this phone: the draft is the leader's, not theirs.
    await logInAs(page, e2e.app.url, 'demo-admin')
    await page.goto(`${e2e.app.url}/#/packages/announcements/pages/publish/index`)
    await page.locator('.publish-title input').waitFor()
    await expect(page.locator('.publish-title input').inputValue()).resolves.toBe('')
    expect(errors).toEqual([])
  })

  test('when a resident half-writes a question to the doctor, then it survives a refresh', async () => {
    const openid = `e2e-draft-health-${Date.now()}`
    await verifiedIn(openid, '冯老伯', true, 'jsh-11', '502')
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, openid)
    await page.goto(`${e2e.app.url}/#/packages/health/pages/ask/index`)
    const box = page.locator('textarea').first()
    await box.fill('最近早上起来膝盖疼，要不要去医院看看')
    await page.reload()
    await expect(page.locator('textarea').first().inputValue()).resolves.toBe('最近早上起来膝盖疼，要不要去医院看看')
    await screenshot(page, 'everyday-draft-health-large-text')
  })
})

describe('no dead ends', () => {
  const e2e = appInBrowser()

  test.each(TEXT_SIZES)(
    'when the leader turns an application down with a reason (%s), then the applicant reads it and what to do next on 首页 and when applying again',
    async (size, largeText) => {
      const openid = `e2e-rejected-${slug(size)}-${Date.now()}`
      const applicant = await readyPerson(e2e.app, openid, '陈阿姨', largeText)
      const application = await applicant.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '303' })
      const leader = await e2e.app.login('demo-leader-5')
      await leader.ok('account', 'reviewApplication', {
        membershipId: application.membershipId,
        decision: 'reject',
        reason: '303室登记的住户不是这个名字',
      })

      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await expect(page.locator('.building-card .rejected-reason').innerText()).resolves.toBe(
        '原因：303室登记的住户不是这个名字',
      )
      await expect(page.locator('.building-card .rejected-next').innerText()).resolves.toContain('重新申请')
      await screenshot(page, `everyday-rejected-home-${slug(size)}`)
      await page.locator('.building-card').click()
      await page.locator('.choose-step .rejected-reason', { hasText: '303室登记的住户不是这个名字' }).waitFor()
      expect(errors).toEqual([])
    },
  )

  test.each(TEXT_SIZES)(
    'when someone types wrong join codes until they are locked out (%s), then they are told how many minutes to wait and can still apply for the leader’s review',
    async (size, largeText) => {
      const openid = `e2e-lockout-${slug(size)}-${Date.now()}`
      await readyPerson(e2e.app, openid, '蒋阿姨', largeText)
      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await page.goto(`${e2e.app.url}/#/pages/onboarding/index`)
      await page.locator('.estate-choice', { hasText: '金上海家园' }).click()
      await page.locator('.building-choice', { hasText: /^17号楼$/ }).click()
      await page.locator('.room-input input').fill('101')
      await page.locator('.join-code-input input').fill('000000')
      const codeError = page.locator('.join-code-error')
      for (let attempt = 1; attempt <= 6 && !(await page.locator('.apply-without-code').count()); attempt++) {
        await page.locator('.submit-application').click()
        await codeError.waitFor()
        await page.waitForTimeout(150)
      }
      await expect(codeError.innerText()).resolves.toMatch(/请 \d+ 分钟后再试/)
      await expect(codeError.innerText()).resolves.toContain('不填入楼码')
      await screenshot(page, `everyday-join-code-lockout-${slug(size)}`)

      await page.locator('.apply-without-code').click()
      await page.locator('.status-tag', { hasText: '等待楼组长审核' }).waitFor()
      expect(errors).toEqual([])
    },
  )

  test('when a page not loaded yet is opened offline, then the tab bar stays, 网络不太好 offers 重试, and back online the page opens without a reload', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, 'demo-resident-5')
    await page.evaluate(() => Object.assign(window, { notReloaded: true }))
    await page.context().setOffline(true)
    await tab(page, '活动')
    await page.locator('.lz-offline-page', { hasText: '网络不太好' }).waitFor()
    await expect(page.locator('.lz-offline-retry').isVisible()).resolves.toBe(true)
    await expect(page.locator('.weui-tabbar__item', { hasText: '首页' }).isVisible()).resolves.toBe(true)
    await screenshot(page, 'everyday-offline-page')

    await page.context().setOffline(false)
    await page.locator('.events-page').first().waitFor()
    await expect(page.locator('.lz-offline-page').count()).resolves.toBe(0)
    await expect(page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true)
  })

  test('when the committee opens 首页, then it is not asked to join a building like a newcomer', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    await logInAs(page, e2e.app.url, 'demo-admin')
    await page.locator('.staff-card').waitFor()
    await expect(page.locator('.join-building').count()).resolves.toBe(0)
    await expect(page.locator('.home-page').innerText()).resolves.not.toContain('还没有加入楼组')
    await screenshot(page, 'everyday-committee-home')
  })
})

async function text(page: Page): Promise<string> {
  return page.locator('.lz-page:visible').first().innerText()
}

describe('my data, readable', () => {
  const e2e = appInBrowser()

  test.each(TEXT_SIZES)(
    'when a resident taps 导出我的数据 (%s), then a page lists what is kept in sections with dates like 2026年12月1日 14:05, and offers the JSON as a download',
    async (size, largeText) => {
      const openid = `e2e-export-${slug(size)}-${Date.now()}`
      await readyPerson(e2e.app, openid, '褚阿姨', largeText)
      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await tab(page, '我的')
      await page.locator('.export-data').click()
      await page.locator('.my-data-section').first().waitFor()
      await arrived(page, 'my-data-page')
      const shown = await page.locator('.my-data-page').innerText()
      expect(shown).toContain('我的账号')
      expect(shown).toContain('褚阿姨')
      expect(shown).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
      expect(shown).not.toContain('"exportedAt"')
      await screenshot(page, `everyday-my-data-${slug(size)}`)

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.my-data-file').click()])
      expect(download.suggestedFilename()).toMatch(/^louzu-my-data-\d{4}-\d{2}-\d{2}\.json$/)
      const file = await download.path()
      const json = JSON.parse(fs.readFileSync(file, 'utf8'))
      expect(JSON.stringify(json.data)).toContain('褚阿姨')
      expect(typeof json.exportedAt).toBe('number')
      await page.locator('.my-data-handed', { hasText: '已下载' }).waitFor()
      expect(errors).toEqual([])
    },
  )
})

describe('WeChat reminders without jargon', () => {
  const e2e = appInBrowser()

  test.each(TEXT_SIZES)(
    'when a resident with no reminders left reads a notice (%s), then one big button offers them; 我的 then says 还可以提醒您 1 次, and said plainly before that they had run out',
    async (size, largeText) => {
      const openid = `e2e-reminders-${slug(size)}-${Date.now()}`
      const admin = await e2e.app.login('demo-admin')
      const resident = await readyPerson(e2e.app, openid, '卫阿姨', largeText)
      const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-5' })
      await resident.ok('account', 'applyToBuilding', { buildingId: 'jsh-5', room: '501', joinCode: poster.joinCode })
      const leader = await e2e.app.login('demo-leader-5')
      const notice = await leader.ok('announcements', 'publish', {
        audience: { buildingId: 'jsh-5' },
        title: '下周二清洗水箱',
        body: '下周二上午清洗水箱，停水两小时。',
      })

      const page = await (await newPhone(e2e.browser)).newPage()
      const errors = watchErrors(page)
      await logInAs(page, e2e.app.url, openid)
      await tab(page, '我的')
      await expect(page.locator('.reminders-none').innerText()).resolves.toContain('微信提醒已经用完了')
      await screenshot(page, `everyday-reminders-none-${slug(size)}`)

      await page.goto(`${e2e.app.url}/#/packages/announcements/pages/detail/index?id=${notice.announcementId}`)
      await page.locator('.reminder-offer .reminder-yes').click()
      await expect(page.locator('.reminder-answer').innerText()).resolves.toBe('好的，还可以提醒您 1 次。')
      await screenshot(page, `everyday-reminders-offer-${slug(size)}`)

      await page.goto(`${e2e.app.url}/#/pages/me/index`)
      await page.locator('.reminders-left', { hasText: '新公告：还可以提醒您 1 次' }).waitFor()
      expect(await text(page)).not.toContain('每点一次')
      await screenshot(page, `everyday-reminders-left-${slug(size)}`)
      expect(errors).toEqual([])
    },
  )
})

describe('fast on a phone network', () => {
  const e2e = appInBrowser()

  test('when the login page and 首页 are opened cold, then the login page loads no more JavaScript than 首页, all of it compressed', async () => {
    /** Each script of a cold load (nothing cached), with the bytes that crossed the network and its encoding. */
    async function scriptsOf(hash: string, signedInAs?: string) {
      const context = await newPhone(e2e.browser)
      const page = await context.newPage()
      if (signedInAs) await logInAs(page, e2e.app.url, signedInAs)
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
      const scripts: Array<{ url: string; encoding?: string; bytes: number }> = []
      const pending: Array<Promise<void>> = []
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return
        pending.push(
          response
            .request()
            .sizes()
            .then((sizes) => {
              scripts.push({
                url: response.url(),
                encoding: response.headers()['content-encoding'],
                bytes: sizes.responseBodySize,
              })
            }),
        )
      })
      await page.goto('about:blank')
      await page.goto(`${e2e.app.url}/${hash}`)
      await page.waitForLoadState('networkidle')
      await Promise.all(pending)
      await context.close()
      return scripts
    }
    const total = (scripts: Array<{ bytes: number }>) => scripts.reduce((n, s) => n + s.bytes, 0)
    const login = await scriptsOf('#/pages/login/index')
    const home = await scriptsOf('#/pages/home/index', 'demo-resident-5')
    expect(login.length).toBeGreaterThan(0)
    expect(total(login)).toBeLessThanOrEqual(total(home))
    expect(login.filter((script) => script.encoding !== 'br')).toEqual([])
  })
})
