import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { photoWithGps } from '../support/media'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'
import { take } from '../support/lists'

jest.setTimeout(120_000)

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/** Every thumbnail (or the full-screen picture) in `scope` has really loaded from its signed link. */
async function picturesLoaded(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    ({ selector, count }) => {
      const images = [...document.querySelectorAll(`${selector} img`)] as HTMLImageElement[]
      return images.length >= count && images.every((img) => img.complete && img.naturalWidth > 0)
    },
    { selector, count },
  )
}

describe('photos in the building chat', () => {
  const e2e = appInBrowser()

  test('when 王阿姨 sends two photos, then she sees them at once, a neighbour sees them after the check and opens them full screen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-photos-'))
    const first = path.join(dir, 'pipe.jpg')
    const second = path.join(dir, 'notice.jpg')
    fs.writeFileSync(first, await photoWithGps({ width: 1600, height: 1200, colour: '#4a90d9' }))
    fs.writeFileSync(second, await photoWithGps({ width: 900, height: 1200, colour: '#e0a030' }))

    const wang = await (await newPhone(e2e.browser)).newPage()
    const neighbour = await (await newPhone(e2e.browser)).newPage()
    const errors = [watchErrors(wang), watchErrors(neighbour)]
    await logInAs(wang, e2e.app.url, 'demo-resident-5')
    await logInAs(neighbour, e2e.app.url, 'seed-jsh-5-1')
    await openTab(wang, '楼组')
    await openTab(neighbour, '楼组')
    await wang.waitForSelector('.chat-bubble')
    await neighbour.waitForSelector('.chat-bubble')

    // 图片 opens the picker; two photos become two messages, each shown to her at once.
    const chooser = wang.waitForEvent('filechooser')
    await wang.locator('.chat-photo-button').click()
    await (await chooser).setFiles([first, second])
    await picturesLoaded(wang, '.chat-row.mine .photo-thumb', 2)
    await screenshot(wang, 'chat-photos-01-sent')

    // The neighbour sees them once the (local) content check passes, then opens the second.
    await picturesLoaded(neighbour, '.chat-row.theirs .photo-thumb', 2)
    await expect(neighbour.locator('.chat-row.theirs .photo-thumb').count()).resolves.toBeGreaterThanOrEqual(2)
    await screenshot(neighbour, 'chat-photos-02-neighbour-sees')
    await neighbour.locator('.chat-row.theirs .photo-thumb').last().click()
    await neighbour.locator('.photo-overlay').waitFor()
    await picturesLoaded(neighbour, '.photo-overlay-stage', 1)
    const count = () => neighbour.locator('.photo-overlay-count').innerText()
    await expect(count()).resolves.toMatch(/^(\d+) \/ \1$/)
    await screenshot(neighbour, 'chat-photos-03-full-screen')

    // Back to the one before, then closed.
    await neighbour.locator('.photo-overlay-prev').click()
    await expect(count()).resolves.toMatch(/^(\d+) \/ (\d+)$/)
    const [shown, total] = take((await count()).split(' / ').map(Number), 2)
    expect(shown).toBe(total - 1)
    await picturesLoaded(neighbour, '.photo-overlay-stage', 1)
    await neighbour.locator('.photo-overlay-close').click()
    await neighbour.locator('.photo-overlay').waitFor({ state: 'detached' })

    // Large text: the conversation and the viewer still fit at 390 px, with big buttons.
    await openTab(neighbour, '我的')
    await neighbour.locator('.large-text-switch').click()
    await neighbour.waitForFunction(() => !!document.querySelector('.lz-large'))
    await openTab(neighbour, '楼组')
    await picturesLoaded(neighbour, '.chat-row.theirs .photo-thumb', 2)
    const button = await neighbour.locator('.chat-photo-button').boundingBox()
    expect(button!.height).toBeGreaterThanOrEqual(44)
    await screenshot(neighbour, 'chat-photos-04-large-text')
    await neighbour.locator('.chat-row.theirs .photo-thumb').last().click()
    await picturesLoaded(neighbour, '.photo-overlay-stage', 1)
    for (const selector of ['.photo-overlay-close', '.photo-overlay-prev']) {
      const box = await neighbour.locator(selector).boundingBox()
      expect(box!.height).toBeGreaterThanOrEqual(44)
      expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    }
    await screenshot(neighbour, 'chat-photos-05-full-screen-large-text')
    expect(errors.flat()).toEqual([])
  })
})
