import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MeView } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { PrivacyNotice } from '../PrivacyNotice'
import { useAcceptPrivacy } from '../useOnboarding'

/** The first step: what the mini-program is, the privacy notice, and 同意 or 不同意. */
export function ConsentStep({ onDone }: { onDone(me: MeView): void }) {
  const accept = useAcceptPrivacy(onDone)
  const [declined, setDeclined] = useState(false)
  return (
    <View className="consent-step">
      <Text className="lz-title">欢迎使用楼组一片天</Text>
      <Text className="lz-text lz-block">
        这是我们居民区自己的楼组小程序：楼里的通知、聊天、活动报名和健康答疑都在这里。
      </Text>
      <PrivacyNotice />
      <ActionButton className="accept-privacy" loading={accept.busy} onClick={() => void accept.run()}>
        同意并继续
      </ActionButton>
      <ActionButton tone="plain" onClick={() => setDeclined(true)}>
        不同意
      </ActionButton>
      {declined ? (
        <Text className="lz-text lz-block">
          没关系。不同意的话，我们不会记录您的任何信息，但也没法为您提供楼组服务。您可以随时回来。
        </Text>
      ) : null}
      {accept.error ? <Text className="lz-error">{accept.error.message}</Text> : null}
    </View>
  )
}
