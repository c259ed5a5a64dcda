import Taro from '@tarojs/taro'

export const NEEDS_LOGIN: boolean = false
export const CAN_SCAN: boolean = true
export const CAN_PRINT: boolean = false

export function prepareApp(): void {}

export function onAppLaunch(): void {
  // The cloud env comes from TARO_APP_CLOUD_ENV at build time (see docs/DEPLOY.md).
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
}

export function printPage(_paper?: 'A3' | 'A4'): void {}

export function callPhone(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

export function linkInto(_route: string, wechatUrl: string): string {
  return wechatUrl
}

/**
 * WeChat draws its own tab bar, whose label size no mini-program can set: it follows the phone's
 * font size setting (微信 → 设置 → 通用 → 字体大小), which is where older residents enlarge it.
 */
export function showLargeTextAroundPages(_largeText: boolean): void {}
