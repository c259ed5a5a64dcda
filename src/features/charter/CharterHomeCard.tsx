import { Text, View } from '@tarojs/components'
import { openPage } from '../account/navigation'
import { CHARTER_ROUTES, charterUrl } from './routes'

/** 首页's way into the building's charter; for the committee, into every building's charter and the templates. */
export function CharterHomeCard({ committee }: { committee: boolean }) {
  return (
    <View
      className="lz-card charter-home-card"
      onClick={() => openPage(committee ? CHARTER_ROUTES.buildings : charterUrl())}
    >
      <View className="lz-row">
        <Text className="lz-text">{committee ? '各楼自治公约与公约范本' : '本楼自治公约：看一看、签个约'}</Text>
        <Text className="lz-link">›</Text>
      </View>
    </View>
  )
}
