import path from 'node:path'
import type { Page } from 'playwright-core'
import { signinCode } from '../../scripts/signin-code'
import { runBootstrap, writeCsv } from '../support/bootstrap'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { H5_BUILD } from './support/app'
import { button, launchBrowser, newPhone, screenshot, watchErrors } from './support/browser'
import type { Browser } from 'playwright-core'
import { firstOf } from '../support/lists'

jest.setTimeout(120_000)

/** A code from `npm run signin-code -- <name>`, as the operator would read it off the console. */
async function printedSignInCode(name: string, env: Record<string, string | undefined>): Promise<string> {
  const out: string[] = []
  expect(
    await signinCode(
      [name],
      env,
      (l) => out.push(l),
      () => undefined,
    ),
  ).toBe(0)
  const code = /登录码：([\d-]+)/.exec(out.join('\n'))?.[1]
  if (!code) throw new Error(`no sign-in code printed: ${out.join('\n')}`)
  return code
}

/** The same page in large-text mode (the device remembers the choice before anyone signs in). */
async function largeTextShot(page: Page, url: string, ready: string, name: string): Promise<void> {
  await page.evaluate(() => localStorage.setItem('louzu.largeText', JSON.stringify({ data: true })))
  await page.goto(url)
  await page.reload()
  await page.waitForSelector(`.lz-large ${ready}`)
  const cut = await page.evaluate(
    () =>
      [...document.querySelectorAll('.lz-large *')].filter(
        (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden',
      ).length,
  )
  expect(cut).toBe(0)
  await screenshot(page, name)
  await page.evaluate(() => localStorage.setItem('louzu.largeText', JSON.stringify({ data: false })))
}

async function signInOnLoginPage(page: Page, url: string, code: string): Promise<void> {
  await page.goto(`${url}/#/pages/login/index`)
  await page.locator('.signin-code-input input').fill(code.replace(/-/g, ''))
  await page.locator('.signin-code-submit').click()
  await page.waitForSelector('.consent-step')
  await page.locator('.accept-privacy').click()
}

async function joinWithLobbyCode(page: Page, building: string, room: string, joinCode: string): Promise<void> {
  await page.locator('.estate-choice', { hasText: '梅村' }).click()
  await page.locator('.building-choice', { hasText: new RegExp(`^${building}$`) }).click()
  await page.locator('.room-input input').fill(room)
  await page.locator('.join-code-input input').fill(joinCode)
  await page.locator('.submit-application').click()
  await page.locator('.status-tag', { hasText: /^已认证$/ }).waitFor()
}

describe('going live: from an empty database to a resident reading a notice', () => {
  let t: TestRuntime
  let browser: Browser
  let env: Record<string, string | undefined>
  beforeAll(async () => {
    t = await startTestRuntime({ staticDir: H5_BUILD, seed: 'none' })
    env = { LOUZU_DB: path.join(t.dir, 'louzu.db') }
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  test('when the committee loads its sheet, claims the committee, appoints a leader, and a neighbour joins with the lobby code, then the neighbour reads the leader’s notice', async () => {
    // An empty database: the app says how to start.
    const staff = await (await newPhone(browser)).newPage()
    const errors = watchErrors(staff)
    await staff.goto(`${t.url}/#/pages/login/index`)
    await staff.waitForSelector('.first-run-page .first-run-check')
    await expect(staff.locator('.first-run-page').innerText()).resolves.toContain('npm run bootstrap')
    await screenshot(staff, 'golive-01-first-run')
    await largeTextShot(staff, `${t.url}/#/pages/first-run/index`, '.first-run-check', 'golive-02-first-run-large-text')

    // The operator loads the sheet; the console shows the claim code.
    const sheet = writeCsv(t.dir, 'meicun.csv', [
      ['小区', '楼栋', '房号', '楼组长'],
      ['梅村', '1', '101', '张阿姨'],
      ['梅村', '1', '102', ''],
      ['梅村', '1', '201', ''],
      ['梅村', '2', '101', ''],
    ])
    const loaded = await runBootstrap([sheet], env)
    expect(loaded.code).toBe(0)
    const claimCode = /居委会认领码：([\d-]+)/.exec(loaded.out)?.[1] as string
    expect(claimCode).toBeDefined()

    // The first-run page now leads to sign-in by code.
    await button(staff, '已导入，去登录').click()
    await staff.waitForSelector('.signin-code-input')
    await screenshot(staff, 'golive-03-signin-code')
    await largeTextShot(
      staff,
      `${t.url}/#/pages/login/index`,
      '.signin-code-submit',
      'golive-04-signin-code-large-text',
    )

    // 陈老师 signs in with a printed code and claims the committee.
    await signInOnLoginPage(staff, t.url, await printedSignInCode('陈老师', env))
    await staff.waitForSelector('.choose-step')
    await staff.goto(`${t.url}/#/pages/me/index`)
    await staff.locator('.open-claim').click()
    await staff.waitForSelector('.claim-code-input')
    await screenshot(staff, 'golive-05-claim')
    // The same page in large-text mode, switched on in 我的 as an older staff member would
    // (opened afresh, as from the tab bar after closing the app).
    await staff.goto(`${t.url}/#/pages/me/index`)
    await staff.reload()
    await staff.locator('.large-text-switch').click()
    await staff.waitForSelector('.lz-large .open-claim')
    await staff.locator('.open-claim').click()
    await staff.waitForSelector('.lz-large .claim-code-input')
    await screenshot(staff, 'golive-06-claim-large-text')
    await staff.locator('.claim-code-input input').fill(claimCode.replace(/-/g, ''))
    await staff.locator('.claim-submit').click()
    await staff.waitForSelector('.claim-done')
    await screenshot(staff, 'golive-07-claimed-large-text')

    // 张阿姨 of 1号楼 joins with the lobby code, and the committee makes her the leader.
    const store = t.runtime.deps.store
    const building1 = firstOf(await store.find('buildings', { name: '1号楼' }, { limit: 1 }))
    const lobbyCode = (await store.get('join_codes', building1._id))!.code
    const zhang = await (await newPhone(browser)).newPage()
    const zhangErrors = watchErrors(zhang)
    await signInOnLoginPage(zhang, t.url, await printedSignInCode('张阿姨', env))
    await joinWithLobbyCode(zhang, '1号楼', '101', lobbyCode)

    await staff.locator('.open-roles').click()
    await staff.locator('.building-picker').click()
    await staff.locator('.weui-picker__action:visible', { hasText: '确定' }).click()
    const card = staff.locator('.resident', { hasText: '张阿姨' })
    await card.locator('.lz-link', { hasText: '设为楼组长' }).click()
    await staff.locator('.taro-modal__foot', { hasText: '确定' }).getByText('确定').click()
    await staff.locator('.staff', { hasText: '楼组长（梅村 1号楼）：张阿姨' }).waitFor()
    await staff.locator('.audit-entry', { hasText: '授予角色' }).waitFor()
    await expect(staff.locator('.audit-log').innerText()).resolves.toContain('认领居委会')

    // The committee makes the new neighbour's sign-in code on its page.
    await staff.locator('.signin-code-who input').fill('孙阿姨')
    await staff.locator('.make-signin-code').click()
    const made = await staff.locator('.made-signin-code').innerText()
    const neighbourCode = /登录码：([\d-]+)/.exec(made)?.[1] as string
    expect(neighbourCode).toMatch(/^\d{4}-\d{4}$/)
    await staff.locator('.audit-entry', { hasText: '生成登录码' }).waitFor()
    await screenshot(staff, 'golive-08-committee-roles-large-text')

    // The new leader publishes a notice to her building.
    const leaderApi = await t.login(
      firstOf(await t.runtime.deps.store.find('users', { nickname: '张阿姨' }, { limit: 1 })).openid,
    )
    const title = '本周六上午楼道大扫除'
    await leaderApi.ok('announcements', 'publish', {
      title,
      body: '请各家把楼道里的杂物收回家，谢谢配合。',
      audience: { buildingId: building1._id },
    })

    // A new neighbour joins 102 with the lobby code and reads it.
    const neighbour = await (await newPhone(browser)).newPage()
    const neighbourErrors = watchErrors(neighbour)
    await signInOnLoginPage(neighbour, t.url, neighbourCode)
    await joinWithLobbyCode(neighbour, '1号楼', '102', lobbyCode)
    await button(neighbour, '去首页').click()
    const item = neighbour.locator('.home-announcements .announcement-item', { hasText: title })
    await item.click()
    await neighbour.locator('.announcement-body', { hasText: '请各家把楼道里的杂物收回家' }).waitFor()

    expect(errors).toEqual([])
    expect(zhangErrors).toEqual([])
    expect(neighbourErrors).toEqual([])
  })
})
