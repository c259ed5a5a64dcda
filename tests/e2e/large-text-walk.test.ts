import type { Page } from 'playwright-core'
import type { CollectionName } from '../../cloudfunctions/core/store-schema'
import type { Filter } from '../../cloudfunctions/core/shared/document-store'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { openVote, raiseMatter } from '../support/council'
import { appInBrowser } from './support/app'
import { logInAs, newPhone, screenshot, watchErrors } from './support/browser'
import { setDeviceLargeText, setLargeText } from './support/large-text'
import { findLargeTextProblems } from './support/large-text-checks'
import { lastOf } from '../support/lists'

jest.setTimeout(600_000)

/**
 * Every page in large-text mode on a 390×844 phone, as each kind of person who can reach it
 * (MIIT 适老化): no text cut off or running off the screen, every tap target at least 44×44 px,
 * no badge broken over two lines, no placeholder cut off, tab-bar labels large, the health
 * disclaimer at most once. One list of problems per person, so a failure names every page at once.
 */
describe('large text is large everywhere', () => {
  const e2e = appInBrowser()

  /** One document of a collection matching `filter`: the ids a page needs in its link. */
  async function one(collection: CollectionName, filter: Filter = {}): Promise<string> {
    const [doc] = await e2e.app.runtime.deps.store.find(collection, filter, { limit: 1 })
    if (!doc) throw new Error(`the seed has no ${collection} matching ${JSON.stringify(filter)}`)
    return doc._id
  }

  /** Open a page afresh and wait until it has loaded and stopped moving. */
  async function open(page: Page, route: string): Promise<void> {
    await page.goto(`${e2e.app.url}/#${route}`)
    await page.reload()
    await page.waitForFunction(
      () => {
        const shownPage = [...document.querySelectorAll('.lz-page')].find((el) => el.getBoundingClientRect().width > 0)
        return !!shownPage && !shownPage.querySelector('.lz-loading')
      },
      undefined,
      { timeout: 15_000 },
    )
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
    await page.waitForLoadState('networkidle')
  }

  /** Walk `routes` as `openid` (null: nobody signed in); the picture is of `shotOf` (default: the last route). */
  async function walk(
    openid: string | null,
    routes: readonly string[],
    shotName: string,
    shotOf: string = lastOf(routes),
  ): Promise<void> {
    const page = await (await newPhone(e2e.browser)).newPage()
    const errors = watchErrors(page)
    if (openid) {
      await setLargeText(e2e.app, openid, true)
      await logInAs(page, e2e.app.url, openid)
    } else {
      await page.goto(`${e2e.app.url}/#/pages/login/index`)
      await setDeviceLargeText(page, true)
    }
    const problems: string[] = []
    for (const route of routes) {
      await open(page, route)
      const found = await findLargeTextProblems(page)
      problems.push(...found.map((p) => `${route}: ${p}`))
      if (route === shotOf) await screenshot(page, shotName)
    }
    expect(problems).toEqual([])
    expect(errors).toEqual([])
  }

  test('when a resident walks every page they can reach in large text, then nothing is cut off, every target is big enough and no badge wraps', async () => {
    const announcement = await one('announcements', { audienceKey: 'jsh-5' })
    const event = await one('events', { status: 'scheduled' })
    const tip = await one('health_tips', { status: 'published' })
    const qa = await one('health_entries', { kind: 'qa' })
    await walk(
      'demo-resident-5',
      [
        '/pages/home/index',
        '/pages/group/index',
        '/pages/events/index',
        '/pages/me/index',
        '/pages/notifications/index',
        '/packages/announcements/pages/list/index',
        `/packages/announcements/pages/detail/index?id=${announcement}`,
        `/packages/events/pages/detail/index?id=${event}`,
        '/packages/events/pages/mine/index',
        '/packages/health/pages/column/index',
        `/packages/health/pages/tip/index?id=${tip}`,
        `/packages/health/pages/qa/index?id=${qa}`,
        '/packages/health/pages/ask/index',
        '/packages/health/pages/mine/index',
        '/packages/buddies/pages/help/index',
        '/packages/buddies/pages/ask/index',
        '/packages/council/pages/index/index',
        '/packages/chat/pages/members/index?groupId=jsh-5',
      ],
      'walk-01-resident-me-large-text',
      '/pages/me/index',
    )
  })

  test('when a building leader walks their pages in large text, then the same holds', async () => {
    const announcement = await one('announcements', { audienceKey: 'jsh-5' })
    // A matter 王阿姨 raised, with a vote the leader opened: the council's pages have something to show.
    const wang = await e2e.app.login('demo-resident-5')
    const leader = await e2e.app.login('demo-leader-5')
    const matterId = await raiseMatter(wang)
    const vote = await openVote(leader, matterId, e2e.app.runtime.deps.clock.now())
    const event = await one('events', { status: 'scheduled', audienceKey: 'b:jsh-5' })
    await walk(
      'demo-leader-5',
      [
        '/packages/council/pages/index/index',
        `/packages/council/pages/vote/index?id=${vote.voteId}`,
        `/packages/council/pages/open/index?matterId=${matterId}`,
        `/packages/council/pages/paper/index?id=${vote.voteId}`,
        '/packages/leader/pages/applications/index',
        '/packages/leader/pages/poster/index',
        '/packages/leader/pages/residents/index',
        '/packages/announcements/pages/publish/index',
        '/packages/announcements/pages/list/index?manage=1',
        `/packages/announcements/pages/reach/index?id=${announcement}`,
        '/packages/events/pages/edit/index',
        `/packages/events/pages/roster/index?id=${event}`,
        `/packages/events/pages/checkin/index?id=${event}`,
        '/packages/chat/pages/reports/index?groupId=jsh-5',
      ],
      'walk-02-leader-large-text',
    )
  })

  test('when the doctor walks the column’s writing pages in large text, then the same holds', async () => {
    const waiting = await one('health_questions', { status: 'waiting' })
    await walk(
      'demo-doctor',
      [
        '/packages/health/pages/inbox/index',
        `/packages/health/pages/answer/index?id=${waiting}`,
        '/packages/health/pages/write/index',
      ],
      'walk-03-doctor-large-text',
    )
  })

  test('when the committee walks its pages in large text, then the same holds', async () => {
    await walk(
      'demo-admin',
      [
        '/pages/home/index',
        '/pages/me/index',
        '/packages/committee/pages/roles/index',
        '/packages/buddies/pages/committee/index',
        '/packages/buddies/pages/proposals/index',
        `/packages/buddies/pages/help-detail/index?id=${await one('help_requests', {})}`,
        '/packages/events/pages/scan/index',
      ],
      'walk-04-committee-large-text',
    )
  })

  test('when a young resident walks the buddies pages in large text, then the same holds', async () => {
    await walk(
      'demo-youth',
      [
        '/packages/buddies/pages/join/index',
        '/packages/buddies/pages/groups/index',
        '/packages/buddies/pages/group/index?id=ig-reading',
        '/packages/buddies/pages/propose/index',
      ],
      'walk-05-youth-large-text',
    )
  })

  test('when a newcomer and someone not signed in see their pages in large text, then the same holds', async () => {
    // Before and after accepting the privacy notice: the notice, then choosing a building.
    await walk('demo-newcomer', ['/pages/onboarding/index'], 'walk-06-newcomer-privacy-large-text')
    const newcomer = await e2e.app.login('demo-newcomer')
    await newcomer.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
    await walk(
      'demo-newcomer',
      ['/pages/onboarding/index', '/pages/home/index', '/pages/me/index'],
      'walk-07-newcomer-choose-large-text',
      '/pages/onboarding/index',
    )
    await walk(null, ['/pages/login/index'], 'walk-08-login-large-text')
  })
})
