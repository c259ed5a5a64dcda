import { fitStrictCsp } from '../utils/strict-csp'
import { recoverFromOfflinePages } from './offline-page.h5'

/** The browser has no WeChat identity: the local runtime needs a dev login and a token. */
export const NEEDS_LOGIN: boolean = true
/** No camera scanning in the browser: check-in is by typing the 6-digit code. */
export const CAN_SCAN: boolean = false
/** A browser can print a page (the join poster). */
export const CAN_PRINT: boolean = true

/** Before the first render: the browser build runs under a strict CSP (docs/SECURITY.md). */
export function prepareApp(): void {
  fitStrictCsp(document)
  recoverFromOfflinePages()
}

/** When the app launches; nothing to set up in the browser. */
export function onAppLaunch(): void {}

/**
 * Print the page; `paper` picks the sheet (a lobby poster is A3). The @page rule is added here,
 * not in a stylesheet, because WeChat's style compiler has no use for it.
 */
export function printPage(paper?: 'A3' | 'A4'): void {
  if (paper) {
    const style = document.createElement('style')
    style.textContent = `@page { size: ${paper} portrait; margin: 15mm; }`
    document.head.appendChild(style)
    window.addEventListener('afterprint', () => style.remove(), { once: true })
  }
  window.print()
}

export function callPhone(phoneNumber: string): void {
  window.location.href = `tel:${phoneNumber}`
}

/**
 * Where a printed QR code leads. In the browser: this app's own page (a phone camera opens it).
 * In WeChat: the HTTPS link registered for 扫普通链接二维码打开小程序 (`wechatUrl`).
 */
export function linkInto(route: string, _wechatUrl: string): string {
  return `${window.location.origin}/#${route}`
}

/**
 * Large text reaches the browser's tab bar too, which lives outside every page (app.css:
 * `html.lz-large-text`).
 */
export function showLargeTextAroundPages(largeText: boolean): void {
  document.documentElement.classList.toggle('lz-large-text', largeText)
}
