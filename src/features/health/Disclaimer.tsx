import { Text } from '@tarojs/components'
import { HEALTH_DISCLAIMER } from '../../../contracts'
import './health.css'

/** The words every answer and the ask page carry (the same text the function returns). */
export function Disclaimer() {
  return <Text className="health-disclaimer">⚠️ {HEALTH_DISCLAIMER}</Text>
}
