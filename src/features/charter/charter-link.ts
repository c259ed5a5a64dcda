import { linkInto } from '../../platform/device'
import { buildSetting } from '../events/build-config'
import { charterUrl } from './routes'

/**
 * What the lobby poster's QR code opens: in the browser, this app's charter page for the
 * building; in WeChat, the HTTPS link registered for 扫普通链接二维码打开小程序
 * (TARO_APP_CHARTER_URL), which opens the charter page on the reader's own building.
 */
export function charterPosterLink(buildingId: string): string {
  const base = linkInto(
    charterUrl(buildingId),
    buildSetting(() => process.env.TARO_APP_CHARTER_URL) ?? 'https://louzu.example.cn/charter',
  )
  return base.includes('?') ? base : `${base}?b=${encodeURIComponent(buildingId)}`
}
