import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '../../components/Buttons'
import { NEEDS_LOGIN } from '../../platform/device'
import { dayAndTime } from '../../utils/time'
import { accountApi, messageOf } from './api'

/**
 * A real local deployment has no WeChat to say who is who: the committee makes a one-time sign-in
 * code for a neighbour (by their name; a new name makes a new account) and hands it over in person.
 * Not shown in WeChat, where nobody signs in.
 */
export function SignInCodeMaker({ onMade }: { onMade?: () => void }) {
  const [who, setWho] = useState('')
  const [busy, setBusy] = useState(false)
  const [made, setMade] = useState<{ nickname: string; code: string; expiresAt: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!NEEDS_LOGIN) return null

  async function make() {
    setBusy(true)
    setError(null)
    try {
      setMade(await accountApi.createSignInCode({ who }))
      onMade?.()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="lz-card signin-code-maker">
      <Text className="lz-subtitle">登录码</Text>
      <Text className="lz-muted lz-block">
        为居民生成一次性登录码（3 天内有效，用一次），当面或电话告诉对方，不要发到群里。
      </Text>
      <Input
        className="lz-input signin-code-who"
        value={who}
        maxlength={20}
        placeholder="居民的称呼，例如 孙阿姨"
        onInput={(e) => setWho(e.detail.value.trim())}
      />
      <ActionButton
        tone="plain"
        className="make-signin-code"
        loading={busy}
        disabled={!who}
        onClick={() => void make()}
      >
        生成登录码
      </ActionButton>
      {made ? (
        <Text className="lz-text lz-block made-signin-code">
          {made.nickname} 的登录码：{made.code}（{dayAndTime(made.expiresAt)} 前有效）
        </Text>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
