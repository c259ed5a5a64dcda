import Taro from '@tarojs/taro'
import { HEALTH_PAGES } from '../../../contracts'
import { openPage } from '../account/navigation'

/** The health column's pages (subpackage `packages/health`), shared with the function's notification links. */
export const HEALTH_ROUTES = HEALTH_PAGES

/** Back to where the person came from (which reloads as it shows), or to `url` when there is nothing to go back to. */
export function goBackOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => openPage(url))
  else openPage(url)
}
