import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MeView } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import { useChooseNickname } from '../useOnboarding'

/** The second step: what neighbours call me. */
export function NameStep({ largeText, onDone }: { largeText: boolean; onDone(me: MeView): void }) {
  const [nickname, setNickname] = useState('')
  const save = useChooseNickname(largeText, onDone)
  return (
    <View className="lz-card name-step">
      <Text className="lz-subtitle">邻居们怎么称呼您？</Text>
      <Text className="lz-muted lz-block">例如“王阿姨”“小周”“3楼李老师”，不需要真实姓名。</Text>
      <Input
        className="lz-input nickname-input"
        value={nickname}
        maxlength={20}
        placeholder="您的称呼"
        onInput={(e) => setNickname(e.detail.value)}
      />
      {save.error ? <Text className="lz-error">{save.error.message}</Text> : null}
      <ActionButton
        className="save-nickname"
        loading={save.busy}
        disabled={!nickname.trim()}
        onClick={() => void save.run(nickname)}
      >
        下一步
      </ActionButton>
    </View>
  )
}
