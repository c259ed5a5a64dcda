import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { restartAt, ROUTES } from '../../features/account/navigation'
import { useSignIn } from '../../features/account/useSignIn'
import { NEEDS_LOGIN } from '../../platform/device'
import './index.css'

/**
 * Browser version only: in WeChat the platform knows who you are. On the demo database, pick a
 * demo persona or type any id to be a new user; on a real deployment, type the one-time sign-in
 * code the committee gave you. Before the neighbourhood is loaded, the first-run page explains how.
 */
export default function LoginPage() {
  const { demo, personas, busy, error, logIn } = useSignIn()
  const [openid, setOpenid] = useState('')
  const [code, setCode] = useState('')

  if (!NEEDS_LOGIN) {
    return (
      <PageShell className="login-page">
        <Text className="lz-text lz-block">在微信里会自动用您的微信身份登录，不需要这个页面。</Text>
        <ActionButton onClick={() => restartAt(ROUTES.home)}>回到首页</ActionButton>
      </PageShell>
    )
  }

  if (demo === false) {
    return (
      <PageShell className="login-page">
        <Text className="lz-title">楼组一片天</Text>
        <View className="lz-card">
          <Text className="lz-subtitle">用登录码登录</Text>
          <Text className="lz-text lz-block">请输入居委会给您的 8 位登录码。每个登录码只能用一次，3 天内有效。</Text>
          <Input
            className="lz-input signin-code-input"
            type="number"
            value={code}
            placeholder="例如 2468 1357"
            maxlength={12}
            onInput={(e) => setCode(e.detail.value.trim())}
          />
          <ActionButton
            className="signin-code-submit"
            loading={busy === code && !!code}
            disabled={!code}
            onClick={() => void logIn(code, 'code')}
          >
            登录
          </ActionButton>
          <Text className="lz-muted lz-block">没有登录码？请联系居委会。</Text>
        </View>
        {error ? <Text className="lz-error signin-error">{error}</Text> : null}
      </PageShell>
    )
  }

  return (
    <PageShell className="login-page">
      <Text className="lz-title">楼组一片天</Text>
      <Text className="lz-muted lz-block">本地体验版：选择一个身份登录。在微信里打开时会自动用微信身份登录。</Text>
      <View className="lz-card">
        <Text className="lz-subtitle">演示身份</Text>
        {personas.map((p) => (
          <View key={p.openid} className="persona" data-openid={p.openid}>
            <ActionButton tone="plain" loading={busy === p.openid} onClick={() => void logIn(p.openid)}>
              {p.nickname}
            </ActionButton>
            <Text className="lz-muted lz-block persona-role">{p.role}</Text>
          </View>
        ))}
      </View>
      <View className="lz-card">
        <Text className="lz-subtitle">新用户</Text>
        <Text className="lz-muted lz-block">输入任意标识（字母、数字、- 或 _），就是一个还没加入楼组的新用户。</Text>
        <Input
          className="lz-input openid-input"
          value={openid}
          placeholder="例如 my-test-user"
          maxlength={64}
          onInput={(e) => setOpenid(e.detail.value.trim())}
        />
        <ActionButton
          className="login-new"
          loading={busy === openid}
          disabled={!openid}
          onClick={() => void logIn(openid)}
        >
          以新用户登录
        </ActionButton>
      </View>
      {error ? <Text className="lz-error">{error}</Text> : null}
    </PageShell>
  )
}
