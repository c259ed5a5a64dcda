import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_NAMES } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { Gate } from '../../features/account/Gate'
import { openPage, restartAt, ROUTES } from '../../features/account/navigation'
import { isCommittee } from '../../features/account/roles'
import { ClaimEntry } from '../../features/account/ClaimEntry'
import { useSession } from '../../features/account/session'
import { BuddiesMeSection } from '../../features/buddies/MeSection'
import { RemindersCard } from '../../features/notifications/reminders'
import { useUnreadNotifications } from '../../features/notifications/useUnread'
import { NEEDS_LOGIN } from '../../platform/device'
import { accountApi, messageOf } from '../../features/account/api'
import { LeaderTools, MyBuildingCard } from '../../features/account/MeCards'
import './index.css'

export default function MePage() {
  return (
    <PageShell className="me-page">
      <Gate>
        <Me />
      </Gate>
    </PageShell>
  )
}

function Me() {
  const { me, setMe, signOut } = useSession()
  const unread = useUnreadNotifications()
  const [editing, setEditing] = useState(false)
  const [nickname, setNickname] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (!me) return null

  async function run(name: string, work: () => Promise<void>) {
    setBusy(name)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const saveNickname = () =>
    run('nickname', async () => {
      setMe(await accountApi.updateProfile({ nickname, largeText: me.settings.largeText }))
      setEditing(false)
    })

  const toggleLargeText = (largeText: boolean) =>
    run('largeText', async () => {
      setMe(await accountApi.updateProfile({ nickname: me.nickname, largeText }))
    })

  const deleteAccount = async () => {
    const answer = await Taro.showModal({
      title: '确定注销账号吗？',
      content:
        '注销后，您的称呼、楼组和房号、通知等个人信息会被删除，不能恢复。您在楼组里发过的内容会显示为“已注销用户”。',
      confirmText: '确定注销',
      confirmColor: '#b3261e',
      cancelText: '再想想',
    })
    if (!answer.confirm) return
    await run('delete', async () => {
      await accountApi.deleteMe({ confirm: true })
      signOut()
      void Taro.showToast({ title: '账号已注销', icon: 'none' })
      restartAt(NEEDS_LOGIN ? ROUTES.login : ROUTES.home)
    })
  }

  return (
    <View>
      <View className="lz-card profile-card">
        {editing ? (
          <View>
            <Text className="lz-subtitle">修改称呼</Text>
            <Input
              className="lz-input nickname-input"
              value={nickname}
              maxlength={20}
              onInput={(e) => setNickname(e.detail.value)}
            />
            <ActionButton loading={busy === 'nickname'} disabled={!nickname.trim()} onClick={() => void saveNickname()}>
              保存
            </ActionButton>
            <ActionButton tone="plain" onClick={() => setEditing(false)}>
              取消
            </ActionButton>
          </View>
        ) : (
          <View className="lz-row">
            <Text className="lz-title my-nickname">{me.nickname}</Text>
            <Text
              className="lz-link edit-nickname"
              onClick={() => {
                setNickname(me.nickname)
                setEditing(true)
              }}
            >
              修改称呼
            </Text>
          </View>
        )}
        {me.roles.length ? (
          <View className="roles">
            {me.roles.map((r) => (
              <Text key={`${r.role}-${r.buildingId ?? ''}`} className="lz-tag role-tag">
                {ROLE_NAMES[r.role]}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      <MyBuildingCard membership={me.membership} />

      <View className="lz-card">
        <View className="lz-row large-text-row">
          <Text className="lz-text">大字模式</Text>
          <Switch
            className="large-text-switch"
            checked={me.settings.largeText}
            disabled={busy === 'largeText'}
            activeText="开"
            inactiveText="关"
            // NutUI's spinner is an HTML element the mini-program cannot render; our own busy state suffices.
            loadingIcon={null}
            onChange={(value) => void toggleLargeText(value)}
          />
        </View>
        <View className="lz-row" onClick={() => openPage(ROUTES.notifications)}>
          <Text className="lz-text">消息通知</Text>
          <Text className={unread > 0 ? 'lz-tag bad' : 'lz-muted'}>{unread > 0 ? `${unread} 条未读` : '›'}</Text>
        </View>
      </View>

      <LeaderTools me={me} />

      {isCommittee(me) ? null : <ClaimEntry />}

      <BuddiesMeSection />

      <RemindersCard />

      <View className="lz-card">
        <Text className="lz-subtitle">我的数据</Text>
        <ActionButton tone="plain" className="export-data" onClick={() => openPage(ROUTES.myData)}>
          导出我的数据
        </ActionButton>
        <ActionButton
          tone="danger"
          className="delete-account"
          loading={busy === 'delete'}
          onClick={() => void deleteAccount()}
        >
          注销账号
        </ActionButton>
      </View>

      {NEEDS_LOGIN ? (
        <ActionButton
          tone="plain"
          className="sign-out"
          onClick={() => {
            signOut()
            restartAt(ROUTES.login)
          }}
        >
          退出登录（切换身份）
        </ActionButton>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
