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

export function printPage(): void {
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
