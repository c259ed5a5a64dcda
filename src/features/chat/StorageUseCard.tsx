import { Text, View } from '@tarojs/components'
import { ErrorState, Loading } from '../../components/States'
import { useRemote } from '../../hooks/useRemote'
import { chatApi } from './api'
import './voice.css'

/** Bytes as people read them: 12.3 MB, 1.2 GB. */
export function readableBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${Math.max(0, Math.round(bytes / 1024))} KB`
}

/**
 * 存储用量 (committee): how much the chat's photos and voice files take, per building, what the
 * last 30 days added, and how long they are kept.
 */
export function StorageUseCard() {
  const use = useRemote(() => chatApi.storageUse(), [])
  return (
    <View className="storage-use">
      <Text className="lz-subtitle">群聊图片和语音的存储用量</Text>
      {use.loading && !use.data ? <Loading /> : null}
      {use.error ? <ErrorState message={use.error} onRetry={() => void use.reload()} /> : null}
      {use.data ? (
        <View className="lz-card">
          <Text className="lz-text lz-block storage-total">
            共 {readableBytes(use.data.totalBytes)}，最近 30 天新增 {readableBytes(use.data.last30DaysBytes)}
            （照此一年约 {readableBytes(use.data.last30DaysBytes * 12)}）。图片和语音保留 {use.data.retentionDays}{' '}
            天，之后自动删除。
          </Text>
          {[
            ...use.data.buildings.filter((b) => b.bytes > 0),
            ...(use.data.interest.bytes ? [use.data.interest] : []),
          ].map((row) => (
            <View key={row.groupId} className="lz-row storage-row">
              <Text className="lz-text">{row.name}</Text>
              <Text className="lz-muted">
                {readableBytes(row.bytes)} · 图片 {row.photos} · 语音 {row.voices}
              </Text>
            </View>
          ))}
          {use.data.totalBytes === 0 ? <Text className="lz-muted lz-block">还没有人在群里发图片或语音。</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
