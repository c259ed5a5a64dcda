import { Text, View } from '@tarojs/components'
import type { WechatSendCounts } from '../../../contracts'
import './announcements.css'

/**
 * 微信提醒 已发送 / 排队中 / 失败: how the WeChat subscribe messages of a notice are doing. They go
 * out in the background after publishing (within a minute), so “排队中” first is normal.
 */
export function WechatSendSummary({ counts }: { counts: WechatSendCounts }) {
  const total = counts.sent + counts.queued + counts.failed
  return (
    <View className="lz-card wechat-sends">
      <Text className="lz-subtitle">微信提醒</Text>
      {total === 0 ? (
        <Text className="lz-muted lz-block wechat-sends-none">
          这条公告的收件人里，还没有人开通微信提醒，只在小程序里通知。
        </Text>
      ) : (
        <View>
          <View className="wechat-sends-counts">
            <SendCount label="已发送" value={counts.sent} className="wechat-sent" />
            <SendCount label="排队中" value={counts.queued} className="wechat-queued" />
            <SendCount label="失败" value={counts.failed} className="wechat-failed" />
          </View>
          <Text className="lz-muted lz-block">
            {counts.queued > 0 ? '排队中的会在一分钟内陆续发出。' : ''}
            {counts.failed > 0 ? '失败多是对方的提醒次数用完了，他们仍能在小程序里看到。' : ''}
          </Text>
        </View>
      )}
    </View>
  )
}

function SendCount({ label, value, className }: { label: string; value: number; className: string }) {
  return (
    <View className={`wechat-send-count ${className}${value > 0 ? ' some' : ''}`}>
      <Text className="wechat-send-number">{value}</Text>
      <Text className="lz-muted">{label}</Text>
    </View>
  )
}
