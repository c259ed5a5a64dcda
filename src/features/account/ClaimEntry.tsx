import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/useRemote'
import { openPage, ROUTES } from './navigation'
import { accountApi } from './api'

/** On 我的, while nobody holds the committee role yet: the way in for the first committee member. */
export function ClaimEntry() {
  const status = useRemote(() => accountApi.setupStatus(), [])
  if (!status.data || status.data.committeeClaimed) return null
  return (
    <View className="lz-card claim-entry">
      <View className="lz-row" onClick={() => openPage(ROUTES.claim)}>
        <Text className="lz-text open-claim">居委会认领</Text>
        <Text className="lz-muted">›</Text>
      </View>
      <Text className="lz-muted lz-block">居委会工作人员：用导入住户名单时得到的认领码成为管理员。</Text>
    </View>
  )
}
