import type { Page } from 'playwright-core'
import { sendVoiceMessage, wechatVoice } from '../support/voice'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'

jest.setTimeout(120_000)

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/** Holds the 按住 说话 bar with the mouse for `ms`, as a finger would. */
async function holdToTalk(page: Page, ms: number, during?: () => Promise<void>): Promise<void> {
  const box = (await page.locator('.voice-hold').boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.locator('.voice-panel').waitFor()
  await page.waitForTimeout(ms)
  await during?.()
  await page.mouse.up()
}

/**
 * Every `<audio>` the page creates is recorded (the player makes them with `new Audio`), so the
 * test can see what played, whether the browser decoded it, and for how long it lasts.
 */
async function recordAudio(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const played: Array<{ src: string; duration: number; ended: boolean; error: boolean }> = []
    ;(window as unknown as { __played: typeof played }).__played = played
    const Original = window.Audio
    window.Audio = function (src?: string) {
      const audio = new Original(src)
      const entry = { src: src ?? '', duration: 0, ended: false, error: false }
      played.push(entry)
      audio.addEventListener('loadedmetadata', () => (entry.duration = audio.duration))
      audio.addEventListener('ended', () => (entry.ended = true))
      audio.addEventListener('error', () => (entry.error = true))
      return audio
    } as unknown as typeof Audio
  })
}

type Played = Array<{ src: string; duration: number; ended: boolean; error: boolean }>
const playedOn = (page: Page) => page.evaluate(() => (window as unknown as { __played: Played }).__played)

describe('voice messages in the building chat', () => {
  const e2e = appInBrowser()

  test('when 王阿姨 holds to talk, then a neighbour sees the length and an unplayed dot, plays it, and the next unplayed one (recorded in WeChat) follows', async () => {
    const wang = await (await newPhone(e2e.browser)).newPage()
    const neighbour = await (await newPhone(e2e.browser)).newPage()
    await recordAudio(neighbour)
    const errors = [watchErrors(wang), watchErrors(neighbour)]
    await logInAs(wang, e2e.app.url, 'demo-resident-5')
    await logInAs(neighbour, e2e.app.url, 'seed-jsh-5-1')
    await openTab(wang, '楼组')
    await openTab(neighbour, '楼组')
    await wang.waitForSelector('.chat-bubble')
    await neighbour.waitForSelector('.chat-bubble')

    // 语音 turns the text field into the big 按住 说话 bar.
    await wang.locator('.chat-voice-toggle').click()
    await wang.locator('.voice-hold', { hasText: '按住 说话' }).waitFor()

    // Held and slid up: the panel says release to cancel, and nothing is sent.
    await holdToTalk(wang, 1200, async () => {
      const box = (await wang.locator('.voice-hold').boundingBox())!
      await wang.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 4 })
      await wang.locator('.voice-panel.cancelling', { hasText: '松开手指，取消发送' }).waitFor()
    })
    await wang.locator('.voice-panel').waitFor({ state: 'detached' })

    // Held for about two seconds with the fake microphone: sent, and shown to her at once.
    await holdToTalk(wang, 2200, async () => {
      await wang.locator('.voice-panel', { hasText: '松开发送 / 上滑取消' }).waitFor()
      await screenshot(wang, 'chat-voice-01-recording')
    })
    const mine = wang.locator('.chat-row.mine .voice-bar')
    await mine.first().waitFor()
    await expect(mine.first().innerText()).resolves.toMatch(/^▶\s*[2-4]″$/)
    expect(await wang.locator('.chat-row.mine .voice-bar').count()).toBe(1)

    // A second one arrives, recorded in WeChat (MP3 as its RecorderManager writes it).
    const wangClient = await e2e.app.login('demo-resident-5')
    await sendVoiceMessage(wangClient, 'bg-jsh-5', wechatVoice(2), 2000)

    // The neighbour sees both once the check passes, each with its length and an unplayed dot.
    const theirs = neighbour.locator('.chat-row.theirs .voice-bar[data-voice]')
    await neighbour.waitForFunction(
      () => document.querySelectorAll('.chat-row.theirs .voice-bar[data-voice]').length >= 2,
    )
    expect(await neighbour.locator('.chat-row.theirs .voice-unplayed').count()).toBe(2)
    await screenshot(neighbour, 'chat-voice-02-neighbour-sees')

    // Tap the first: it plays, then the next unplayed one plays by itself.
    await theirs.first().click()
    await neighbour.waitForFunction(
      () => (window as unknown as { __played: Played }).__played.filter((p) => p.ended).length >= 2,
      undefined,
      { timeout: 20_000 },
    )
    const played = await playedOn(neighbour)
    expect(played.map((p) => p.error)).toEqual([false, false])
    // Both decoded by Chromium: the browser's recording and WeChat's, each about two seconds.
    for (const p of played) {
      expect(p.duration).toBeGreaterThan(1.5)
      expect(p.duration).toBeLessThan(3)
    }
    expect(await neighbour.locator('.chat-row.theirs .voice-unplayed').count()).toBe(0)

    // Large text at 390 px: the bars and the hold-to-talk button are big and fit.
    await openTab(neighbour, '我的')
    await neighbour.locator('.large-text-switch').click()
    await neighbour.waitForFunction(() => !!document.querySelector('.lz-large'))
    await openTab(neighbour, '楼组')
    await neighbour.waitForFunction(
      () => document.querySelectorAll('.chat-row.theirs .voice-bar[data-voice]').length >= 2,
    )
    // In text mode the field keeps a full line of its own, the buttons on the line below.
    const field = (await neighbour.locator('.chat-input').boundingBox())!
    expect(field.width).toBeGreaterThan(300)
    await screenshot(neighbour, 'chat-voice-03a-large-text-keyboard')
    await neighbour.locator('.chat-voice-toggle').click()
    for (const selector of ['.voice-hold', '.chat-voice-toggle', '.chat-row.theirs .voice-bar']) {
      const box = (await neighbour.locator(selector).first().boundingBox())!
      expect(box.height).toBeGreaterThanOrEqual(44)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    await screenshot(neighbour, 'chat-voice-03-large-text')
    await holdToTalk(neighbour, 800, () => screenshot(neighbour, 'chat-voice-04-large-text-recording'))
    expect(errors.flat()).toEqual([])
  })
})
