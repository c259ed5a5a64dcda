import { Text, View } from '@tarojs/components'
import type { EmergencyNotice as Notice } from '../../../contracts'
import { callPhone } from '../../platform/device'
import './health.css'

function call120() {
  callPhone('120')
}

/** Emergency guidance: shown before sending when the text mentions an emergency sign, and in the reply. */
export function EmergencyNotice({ notice }: { notice: Notice }) {
  return (
    <View className="lz-card emergency-notice" role="alert">
      <Text className="emergency-title">{notice.title}</Text>
      <Text className="lz-muted lz-block">提到了：{notice.signs.join('、')}</Text>
      {notice.steps.map((step, i) => (
        <Text key={i} className="emergency-step">
          {i + 1}. {step}
        </Text>
      ))}
      <View className="emergency-call" onClick={call120}>
        <Text>拨打 120</Text>
      </View>
    </View>
  )
}
