import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import type { PropsWithChildren } from 'react'
import type { MatterSummary } from '../../../contracts'
import { openPage } from '../account/navigation'
import { openVoteUrl, voteUrl } from './routes'
import './council.css'

const STATUS: Record<MatterSummary['status'], string> = {
  open: '待议',
  voting: '表决中',
  decided: '已表决',
  merged: '已合并',
}

/**
 * One matter in the building's list: how many households said +1 (附议), a big +1 button for a
 * household of the building that has not yet, and the way to its vote.
 */
export function MatterItem({
  matter,
  canSupport,
  canManage,
  supporting,
  error,
  onSupport,
  children,
}: PropsWithChildren<{
  matter: MatterSummary
  /** The caller is a verified resident of this building. */
  canSupport: boolean
  canManage: boolean
  supporting: boolean
  error: string | null
  onSupport(): void
}>) {
  return (
    <View className="matter-item">
      <View className="lz-row">
        <Text className="lz-text matter-name">{matter.title}</Text>
        <Text className={`lz-tag ${matter.status === 'voting' ? 'warn' : matter.status === 'decided' ? 'ok' : ''}`}>
          {STATUS[matter.status]}
        </Text>
      </View>
      <Text className="lz-muted lz-block">
        {matter.authorName} · {dayjs(matter.raisedAt).format('M月D日')}
      </Text>
      {matter.mergedInto ? (
        <Text className="lz-text lz-block merged-into">已合并到：{matter.mergedInto.title}</Text>
      ) : null}
      <View className="lz-row matter-support">
        <Text className="lz-text support-count">{matter.supportCount} 户附议</Text>
        {matter.supportedByMyHousehold ? (
          <Text className="lz-tag ok">您家已附议</Text>
        ) : canSupport && (matter.status === 'open' || matter.status === 'voting') ? (
          <View
            className="support-button"
            role="button"
            aria-label={`附议：${matter.title}`}
            onClick={() => !supporting && onSupport()}
          >
            <Text>{supporting ? '请稍候…' : '+1 附议'}</Text>
          </View>
        ) : null}
      </View>
      {error ? <Text className="lz-error lz-block">{error}</Text> : null}
      {matter.voteId ? (
        <Text className="lz-link lz-block matter-vote" onClick={() => openPage(voteUrl(matter.voteId ?? ''))}>
          {matter.status === 'decided' ? '看表决结果 ›' : '看表决 ›'}
        </Text>
      ) : canManage && matter.status === 'open' ? (
        <Text className="lz-link lz-block open-vote-link" onClick={() => openPage(openVoteUrl(matter.matterId))}>
          发起表决 ›
        </Text>
      ) : null}
      {children}
    </View>
  )
}
