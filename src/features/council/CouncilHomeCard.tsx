import { Text, View } from '@tarojs/components'
import { openPage } from '../account/navigation'
import { COUNCIL_ROUTES } from './routes'

/** 首页's way into 楼组议事: matters and votes (the building's charter has its own card). */
export function CouncilHomeCard() {
  return (
    <View className="lz-card council-home-card" onClick={() => openPage(COUNCIL_ROUTES.overview)}>
      <View className="lz-row">
        <Text className="lz-text">楼组议事：提议题、投票</Text>
        <Text className="lz-link">›</Text>
      </View>
    </View>
  )
}
