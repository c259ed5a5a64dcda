import { Text, View } from '@tarojs/components'
import { PageShell } from '../../features/layout/PageShell'
import { Gate } from '../../features/account/Gate'

/** 活动 tab. Event RSVPs arrive with the events feature. */
export default function EventsPage() {
  return (
    <PageShell className='events-page'>
      <Gate>
        <View className='lz-card coming-soon'>
          <Text className='lz-subtitle'>活动报名</Text>
          <Text className='lz-text lz-block'>读书会、舞蹈队、合唱团、健身操、免费量血压……活动报名功能正在开发中，上线后可以在这里一键报名、排队候补、收到提醒。</Text>
        </View>
      </Gate>
    </PageShell>
  )
}
