import { View, Text } from '@tarojs/components'
import { contracts, validate } from '../../../contracts'
export default function Home() {
  const r = validate(contracts.account.applyToBuilding.input, { buildingId: 'b1', room: '3 02' })
  return <View><Text>{r.ok ? 'ok' : r.problem.message}</Text></View>
}
