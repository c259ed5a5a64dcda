import Taro from '@tarojs/taro'
import { openPage } from '../account/navigation'

/** The health column's pages (subpackage `packages/health`). */
export const HEALTH_ROUTES = {
  column: '/packages/health/pages/column/index',
  tip: '/packages/health/pages/tip/index',
  qa: '/packages/health/pages/qa/index',
  ask: '/packages/health/pages/ask/index',
  mine: '/packages/health/pages/mine/index',
  inbox: '/packages/health/pages/inbox/index',
  answer: '/packages/health/pages/answer/index',
  write: '/packages/health/pages/write/index',
} as const

/** Back to where the person came from (which reloads as it shows), or to `url` when there is nothing to go back to. */
export function goBackOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => openPage(url))
  else openPage(url)
}
