import type { Page } from 'playwright-core'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot as shoot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

/**
 * Network buddies in a real Chromium on the h5 build: a young resident signs up, joins a
 * recommended group, signs up for its next session (the seats left drop) and says hello in its
 * chat (another member sees it arrive); an older resident asks for help with the phone; the buddy
 * offers, the elder accepts (only then does the buddy see the room), the elder confirms, and the
 * buddy's hours grow.
 */
describe('network buddies: sign up, join a group, help an older neighbour', () => {
  const e2e = appInBrowser()

  /** A picture once the page has stopped sliding in (Taro's h5 page transition) and any toast (已加入) has gone. */
  const screenshot = async (page: Page, name: string) => {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => getComputedStyle(t).display === 'none'),
    )
    await shoot(page, name)
  }

  /** Taro's h5 router keeps earlier pages in the DOM, hidden: only look at what is on screen. */
  const shown = (page: Page, selector: string) => page.locator(`${selector}:visible`)
  const chip = (page: Page, scope: string, label: string) =>
    shown(page, `${scope} .lz-chip`).filter({ hasText: new RegExp(`^(✓ )?${label}$`) })
  /** Wait until an element on screen reads exactly `text` (pages update after the reply arrives). */
  const reads = (page: Page, selector: string, text: string) =>
    shown(page, selector)
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .first()
      .waitFor()

  /** The openid of 读书会's seeded organiser, a young neighbour who can log in like anyone. */
  const readingOrganiser = async (): Promise<string> => {
    const store = e2e.app.runtime.deps.store
    const [row] = await store.find('group_members', { groupId: 'ig-reading', role: 'organiser' }, { limit: 1 })
    const user = row ? await store.get('users', row.userId) : null
    if (!user) throw new Error('the seed has no organiser for 读书会')
    return user.openid
  }
  const seats = async (page: Page, selector: string) =>
    Number((await shown(page, selector).first().innerText()).match(/还剩 (\d+) 个名额/)?.[1])

  test('when 小周 signs up, joins a recommended group, RSVPs its session and chats in it, and helps 王阿姨 with her phone, then the room shows only after acceptance and the hours grow', async () => {
    const youth = await (await newPhone(e2e.browser)).newPage()
    const elder = await (await newPhone(e2e.browser)).newPage()
    const member = await (await newPhone(e2e.browser)).newPage()
    const youthErrors = watchErrors(youth)
    const elderErrors = watchErrors(elder)
    const memberErrors = watchErrors(member)

    // 小周 finds 网络小伙伴 on 首页 and signs up.
    await logInAs(youth, e2e.app.url, 'demo-youth')
    await shown(youth, '.join-buddies').click()
    await shown(youth, '.buddy-form').waitFor()
    await expect(shown(youth, '.buddy-nickname input').inputValue()).resolves.toBe('小周')
    await expect(shown(youth, '.field-workplace .buddy-why').innerText()).resolves.toContain('用于双楼共建')
    await chip(youth, '.age-bands', '26–35 岁').click()
    await chip(youth, '.interests', '摄影').click()
    await chip(youth, '.interests', '读书').click()
    await chip(youth, '.skills', '教老人用手机').click()
    await shown(youth, '.buddy-workplace input').fill('张江科技园')
    await chip(youth, '.availability', '周末').click()
    await shown(youth, '.consent-check').click()
    await screenshot(youth, 'buddies-01-signup')
    await shown(youth, '.submit-buddy').click()

    // Straight to the directory: the groups sharing her interests come first, and say why.
    await shown(youth, '.group-section-recommended').waitFor()
    const recommended = shown(youth, '.group-section-recommended .group-name')
    await expect(recommended.allInnerTexts()).resolves.toEqual(['读书会', '摄影小组'])
    await screenshot(youth, 'buddies-02-recommended-groups')
    await shown(youth, '.group-section-recommended .group-card').first().click()
    await shown(youth, '.join-group').waitFor()
    const before = Number((await shown(youth, '.member-count').innerText()).match(/\d+/)?.[0])
    await shown(youth, '.join-group').click()
    await reads(youth, '.my-role', '我已加入')
    await reads(youth, '.member-count', `${before + 1} 位成员`)

    // Joining opens the group's chat and its sessions at once: the latest messages, what is unread, the way in.
    await shown(youth, '.group-chat-line').first().waitFor()
    await expect(shown(youth, '.group-chat-unread').innerText()).resolves.toMatch(/^\d+ 条未读$/)
    const session = shown(youth, '.group-event').filter({ hasText: '《繁花》交流会' })
    await session.waitFor()
    const seatsBefore = await seats(youth, '.group-event:has-text("《繁花》交流会") .lz-muted')
    expect(seatsBefore).toBeGreaterThan(0)
    await expect(shown(youth, '.buddy-group-page').innerText()).resolves.not.toContain('即将上线')
    await screenshot(youth, 'buddies-03-group-joined')

    // She signs up for the group's next session: one seat fewer.
    await session.click()
    await shown(youth, '.rsvp-button').waitFor()
    expect(await seats(youth, '.seats-left')).toBe(seatsBefore)
    await shown(youth, '.rsvp-button').click()
    await shown(youth, '.cancel-rsvp').waitFor()
    expect(await seats(youth, '.seats-left')).toBe(seatsBefore - 1)
    await screenshot(youth, 'buddies-04-group-event-rsvp')
    await youth.goBack()
    await shown(youth, '.open-group-chat').waitFor()

    // 读书会's organiser has the group chat open on his phone.
    await logInAs(member, e2e.app.url, await readingOrganiser())
    await member.locator('.weui-tabbar__item', { hasText: '楼组' }).click()
    await shown(member, '.chat-back').click()
    await shown(member, '.chat-group').filter({ hasText: '读书会' }).click()
    await reads(member, '.chat-title', '读书会')

    // 小周 goes into the group's chat from its page and says hello; he sees it arrive without reloading.
    await shown(youth, '.open-group-chat').click()
    await reads(youth, '.chat-title', '读书会')
    await reads(youth, '.chat-back', '‹ 返回小组')
    const hello = '大家好，我是17号楼的小周，交流会我报名了，到时候见！'
    await shown(youth, '.chat-input textarea').fill(hello)
    await shown(youth, '.chat-send').click()
    await shown(youth, '.chat-row.mine .chat-bubble').filter({ hasText: hello }).waitFor()
    await shown(member, '.chat-row.theirs').filter({ hasText: hello }).waitFor()
    await expect(
      shown(member, '.chat-row.theirs').filter({ hasText: hello }).locator('.chat-sender-name').innerText(),
    ).resolves.toBe('小周')
    await screenshot(youth, 'buddies-05-group-chat')

    // Back to the group page: her message is the latest there.
    await shown(youth, '.chat-back').click()
    await shown(youth, '.group-chat-line').last().filter({ hasText: hello }).waitFor()

    // Her hours before helping anyone.
    await youth.goto(`${e2e.app.url}/#/packages/buddies/pages/help/index?tab=hours`)
    await reads(youth, '.hours-total', '0 分钟')

    // 王阿姨 (5号楼 502) asks for help with her phone from 首页.
    await logInAs(elder, e2e.app.url, 'demo-resident-5')
    await shown(elder, '.ask-help-row').click()
    await chip(elder, '.skill-choice', '教老人用手机').click()
    await chip(elder, '.when-picks', '明天下午').click()
    await shown(elder, '.note-input textarea').fill('请教我用手机给外孙打视频电话')
    await screenshot(elder, 'buddies-06-ask-for-help')
    await shown(elder, '.submit-help').click()
    await reads(elder, '.help-status', '等待小伙伴')
    const requestUrl = elder.url()

    // 小周 sees it among the requests she can take — without the room — and offers.
    await youth.goto(`${e2e.app.url}/#/packages/buddies/pages/help/index`)
    const card = shown(youth, '.help-list-open .help-card').filter({ hasText: '请教我用手机给外孙打视频电话' })
    await expect(card.innerText()).resolves.toContain('金上海家园 5号楼')
    await expect(card.innerText()).resolves.not.toContain('502')
    await screenshot(youth, 'buddies-07-help-board')
    await card.click()
    await shown(youth, '.offer-help').click()
    await reads(youth, '.help-status', '有人愿意帮忙，待确认')
    await shown(youth, '.waiting-note').waitFor()
    await expect(shown(youth, '.buddy-help-detail-page').innerText()).resolves.not.toContain('502')

    // 王阿姨 accepts.
    await elder.goto(requestUrl)
    await elder.reload()
    await expect(shown(elder, '.helper-name').innerText()).resolves.toContain('小周')
    await screenshot(elder, 'buddies-08-offer-to-accept')
    await shown(elder, '.accept-offer').click()
    await reads(elder, '.help-status', '已确认，等待帮忙')

    // Now, and only now, 小周 sees where to go.
    await youth.reload()
    await reads(youth, '.revealed-room', '金上海家园 5号楼 502室')
    await screenshot(youth, 'buddies-09-room-revealed')

    // 王阿姨 confirms it is done: one hour.
    await elder.reload()
    await chip(elder, '.minute-picks', '1 小时').click()
    await shown(elder, '.complete-help').click()
    await reads(elder, '.help-status', '已完成')

    // 小周's hours grew.
    await youth.goto(`${e2e.app.url}/#/packages/buddies/pages/help/index?tab=hours`)
    await youth.reload()
    await reads(youth, '.hours-total', '1 小时')
    await expect(shown(youth, '.hours-entry').first().innerText()).resolves.toContain('教老人用手机')
    await screenshot(youth, 'buddies-10-hours')

    expect(youthErrors).toEqual([])
    expect(elderErrors).toEqual([])
    expect(memberErrors).toEqual([])
  })

  test('when the committee opens the buddies page, then it sees sign-ups per building and per interest as bar charts', async () => {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    await logInAs(page, e2e.app.url, 'demo-admin')
    await page.goto(`${e2e.app.url}/#/packages/buddies/pages/committee/index`)
    await shown(page, '.chart-buildings .lz-bar-row').first().waitFor()
    const total = Number(await shown(page, '.buddy-total').innerText())
    expect(total).toBeGreaterThan(50)
    // Bars are Views with % widths: the longest is 100%, the others in proportion.
    const widths = await shown(page, '.chart-interests .lz-bar-fill').evaluateAll((bars) =>
      bars.map((b) => (b as HTMLElement).style.width),
    )
    expect(widths[0]).toBe('100%')
    expect(widths.every((w) => /^\d+(\.\d)?%$/.test(w))).toBe(true)
    await screenshot(page, 'buddies-11-committee-charts')
    await reads(page, '.member-total', `共 ${total} 人`)
    expect(errors).toEqual([])
  })
})
