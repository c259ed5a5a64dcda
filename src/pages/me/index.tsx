import { Text, View } from '@tarojs/components'
import { LabelledSwitch } from '../../components/LabelledSwitch'
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
import { LeaderTools, MyBuildingCard } from '../../features/account/MeCards'
import { MyDataCard } from '../../features/account/me/MyDataCard'
import { ProfileCard } from '../../features/account/me/ProfileCard'
import { useMyAccount } from '../../features/account/useMyAccount'
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
  const { me, signOut } = useSession()
  const unread = useUnreadNotifications()
  const account = useMyAccount()
  const { busy, error } = account
  if (!me) return null

  return (
    <View>
      <ProfileCard me={me} account={account} />

      <MyBuildingCard membership={me.membership} />

      <View className="lz-card">
        <LabelledSwitch
          label="大字模式"
          rowClassName="lz-row large-text-row"
          className="large-text-switch"
          checked={me.settings.largeText}
          disabled={busy === 'largeText'}
          activeText="开"
          inactiveText="关"
          onChange={(value) => void account.setLargeText(value)}
        />
        <View className="lz-row" onClick={() => openPage(ROUTES.notifications)}>
          <Text className="lz-text">消息通知</Text>
          <Text className={unread > 0 ? 'lz-tag bad' : 'lz-muted'}>{unread > 0 ? `${unread} 条未读` : '›'}</Text>
        </View>
      </View>

      <LeaderTools me={me} />

      {isCommittee(me) ? null : <ClaimEntry />}

      <BuddiesMeSection />

      <RemindersCard />

      <MyDataCard account={account} />

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
