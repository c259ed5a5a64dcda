import type { Page } from 'playwright-core'

/** What a finger can tap (MIIT 适老化: at least 44×44 px): our links, buttons, chips, switches, the tab bar. */
const TAP_TARGETS = [
  '.lz-link',
  '.lz-action',
  '.lz-chip',
  '.lz-switch-row',
  // A switch on its own is a 58×28 pill: it must sit in a row with its words (LabelledSwitch).
  '.nut-switch:not(.lz-switch-row .nut-switch)',
  '.chat-chip',
  '.chat-at',
  '.chat-send',
  '.category-chip',
  '.health-tab',
  '.search-button',
  '.member-button',
  '.weui-tabbar__item',
  'button',
  '[role="button"]',
].join(', ')

/** Small labels that must read as one piece: 未读, 已认证, 601室, 撤销. */
const BADGES = ['.lz-tag', '.weui-badge', '.knock-room', '.chat-badge', '[class*="badge"]'].join(', ')

/** A target may be a hair under 44 px from rounding (rem on a 390 px screen). */
const MIN_TARGET_PX = 43.5
/** Large-text tab-bar labels: at least this size (WeChat's own default is 10 px). */
const MIN_TAB_LABEL_PX = 16

/**
 * Everything on the page on screen that breaks large-text mode, described so a person can find
 * it: text cut off or running off the screen, tap targets under 44 px, badges wrapped to two
 * lines, placeholders cut off, tab-bar labels too small, the health disclaimer more than once.
 */
export function findLargeTextProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ targets, badges, minTarget, minTabLabel }) => {
      const problems: string[] = []
      const isShown = (el: Element): boolean => {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) return false
        const cs = getComputedStyle(el)
        return cs.visibility !== 'hidden' && cs.display !== 'none' && cs.opacity !== '0'
      }
      const name = (el: Element): string => {
        const classes = [...el.classList].filter((c) => !c.startsWith('taro') && !c.startsWith('hydrated')).join('.')
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24)
        return `${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}${text ? ` "${text}"` : ''}`
      }
      const root = [...document.querySelectorAll('.lz-page')].find(isShown)
      if (!root) return ['no page on screen']
      if (!root.classList.contains('lz-large')) problems.push('the page is not in large-text mode')
      const tabBar = [...document.querySelectorAll('.weui-tabbar')].find(isShown)
      const scope = [...root.querySelectorAll('*'), ...(tabBar ? tabBar.querySelectorAll('*') : [])].filter(isShown)
      const width = document.documentElement.clientWidth

      // Off the screen sideways, or cut off inside a box that hides overflow.
      if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways')
      for (const el of scope) {
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
        if (!ownText) continue
        const r = el.getBoundingClientRect()
        if (r.right > width + 1 || r.left < -1) problems.push(`off the screen: ${name(el)}`)
        const cs = getComputedStyle(el)
        if ((cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1)
          problems.push(`text cut off: ${name(el)}`)
        if ((cs.overflowY === 'hidden' || cs.overflowY === 'clip') && el.scrollHeight > el.clientHeight + 1)
          problems.push(`text cut off below: ${name(el)}`)
      }

      // Tap targets.
      for (const el of scope.filter((e) => e.matches(targets))) {
        const r = el.getBoundingClientRect()
        if (r.width < minTarget || r.height < minTarget)
          problems.push(`tap target ${Math.round(r.width)}×${Math.round(r.height)} px: ${name(el)}`)
      }

      // Badges on one line.
      for (const el of scope.filter((e) => e.matches(badges))) {
        const range = document.createRange()
        range.selectNodeContents(el)
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0.5).map((r) => Math.round(r.top + r.height / 2)),
        )
        if (lines.size > 1) problems.push(`badge on ${lines.size} lines: ${name(el)}`)
      }

      // Placeholders that fit their field.
      const ruler = document.createElement('canvas').getContext('2d')
      for (const input of scope.filter((e): e is HTMLInputElement => e instanceof HTMLInputElement)) {
        if (!input.placeholder || input.value || !ruler) continue
        const cs = getComputedStyle(input)
        ruler.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`
        const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
        if (ruler.measureText(input.placeholder).width > room + 1)
          problems.push(`placeholder cut off: "${input.placeholder}"`)
      }

      // Tab-bar labels.
      for (const label of tabBar ? [...tabBar.querySelectorAll('.weui-tabbar__label')] : []) {
        const size = parseFloat(getComputedStyle(label).fontSize)
        if (size < minTabLabel) problems.push(`tab label ${size} px: ${name(label)}`)
      }

      // The health disclaimer, once at most.
      const disclaimers = ((root as HTMLElement).innerText.match(/不能替代诊疗/g) ?? []).length
      if (disclaimers > 1) problems.push(`the health disclaimer appears ${disclaimers} times`)
      return [...new Set(problems)]
    },
    { targets: TAP_TARGETS, badges: BADGES, minTarget: MIN_TARGET_PX, minTabLabel: MIN_TAB_LABEL_PX },
  )
}
