import { Text, View } from '@tarojs/components'
import { MEMBERSHIP_STATUS_NAMES, type MembershipView } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { restartAt, ROUTES } from '../navigation'

/** Where my application stands (pending or verified), with 刷新 and 重新申请. */
export function MembershipStatus({
  membership,
  onRefresh,
  onReapply,
}: {
  membership: MembershipView
  onRefresh(): void
  onReapply(): void
}) {
  return (
    <View className="lz-card membership-status">
      <Text className="lz-subtitle">
        {membership.estateName} {membership.buildingName} {membership.room}室
      </Text>
      <Text className={`lz-tag ${membership.status === 'verified' ? 'ok' : 'warn'} status-tag`}>
        {MEMBERSHIP_STATUS_NAMES[membership.status]}
      </Text>
      {membership.status === 'pending' ? (
        <Text className="lz-text lz-block">
          申请已提交。楼组长核实后就会通过，通过后您会收到通知。也可以向楼组长要大堂海报上的入楼码，马上加入。
        </Text>
      ) : (
        <Text className="lz-text lz-block">您已经是本楼的认证居民了，欢迎！</Text>
      )}
      <ActionButton onClick={() => restartAt(ROUTES.home)}>去首页</ActionButton>
      <ActionButton tone="plain" onClick={onRefresh}>
        刷新状态
      </ActionButton>
      <ActionButton tone="plain" onClick={onReapply}>
        {membership.status === 'pending' ? '填错了，重新申请' : '我搬家了，申请其他楼组'}
      </ActionButton>
    </View>
  )
}
