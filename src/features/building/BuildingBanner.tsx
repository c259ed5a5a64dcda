import { Text, View } from '@tarojs/components'
import { openPage } from '../account/navigation'
import { buildingUrl } from './routes'

/** At the top of the building's chat: the way to the building's own page (楼组主页). */
export function BuildingBanner({ buildingId }: { buildingId: string }) {
  return (
    <View className="building-banner" onClick={() => openPage(buildingUrl(buildingId))}>
      <Text className="building-banner-text">楼组主页：特色、楼组长、公约、活动</Text>
      <Text className="lz-link">›</Text>
    </View>
  )
}
