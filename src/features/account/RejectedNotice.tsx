import { Text, View } from '@tarojs/components'
import type { MembershipView } from '../../../contracts'

/**
 * A turned-down application, said on the page itself (not only in 消息通知): why, in the
 * leader's words, and what to do next.
 */
export function RejectedNotice({ membership }: { membership: MembershipView }) {
  if (membership.status !== 'rejected') return null
  return (
    <View className="rejected-notice">
      <Text className="lz-text lz-block rejected-what">
        您申请加入{membership.estateName} {membership.buildingName} {membership.room}室，楼组长没有通过。
      </Text>
      <Text className="lz-text lz-block rejected-reason">
        {membership.reason ? `原因：${membership.reason}` : '楼组长没有写原因。'}
      </Text>
      <Text className="lz-muted lz-block rejected-next">
        请核对楼号和房号后重新申请；填上大堂海报上的入楼码可以马上加入。有疑问可以当面问问楼组长。
      </Text>
    </View>
  )
}

/** How long to wait, in words: "1 分钟", "25 分钟", "1 小时". */
export function waitInWords(seconds: number | undefined): string {
  const minutes = Math.max(1, Math.ceil((seconds ?? 60) / 60))
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`
}
