import dayjs from 'dayjs'
import type { ArticleChange, CharterVersionStatus } from '../../../contracts'

export const STATUS_NAMES: Record<CharterVersionStatus, string> = {
  draft: '草案',
  voting: '表决中',
  adopted: '已通过',
}

export const CHANGE_NAMES: Record<ArticleChange['kind'], string> = {
  added: '新增',
  changed: '修改',
  same: '未变',
  removed: '删除',
}

export function effectiveLabel(effectiveAt: number | null): string {
  return effectiveAt ? `${dayjs(effectiveAt).format('YYYY年M月D日')}起生效` : '尚未生效'
}

/** The signed share in one sentence, e.g. 36 户中 12 户已签约 */
export function signedLine(signedCount: number, householdCount: number): string {
  return `${householdCount} 户中 ${signedCount} 户已签约`
}
