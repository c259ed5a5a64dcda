import { Text, View } from '@tarojs/components'
import { PageShell } from '../../features/layout/PageShell'
import { Gate } from '../../features/account/Gate'
import { useSession } from '../../features/account/session'

/** 楼组 tab: the building's group. The chat itself arrives with the chat feature. */
export default function GroupPage() {
  return (
    <PageShell className='group-page'>
      <Gate require='verified' purpose='楼组群聊'>
        <BuildingGroup />
      </Gate>
    </PageShell>
  )
}

function BuildingGroup() {
  const { me } = useSession()
  const membership = me?.membership
  return (
    <View className='lz-card coming-soon'>
      <Text className='lz-subtitle'>
        {membership?.estateName} {membership?.buildingName} 楼组群
      </Text>
      <Text className='lz-text lz-block'>楼组群聊正在开发中。上线后，只有本楼认证过的邻居能在这里聊天，楼组长的通知也不会被刷掉。</Text>
    </View>
  )
}
