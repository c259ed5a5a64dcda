import { Text, View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { MEMBERSHIP_STATUS_NAMES } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { ErrorState, Loading } from '../../components/States'
import { NEEDS_LOGIN } from '../../platform/device'
import { openPage, restartAt, ROUTES } from './navigation'
import { isVerified, needsPrivacyConsent, useSession } from './session'

interface GateProps {
  /** `signedIn`: any account (after privacy consent); `verified`: a verified resident of a building. */
  require?: 'signedIn' | 'verified'
  /** What a page that needs verification says it is for ("楼组群聊"). */
  purpose?: string
  children: ReactNode
}

/** Shows the page only when the person may use it; otherwise the one next step they need. */
export function Gate({ require = 'signedIn', purpose, children }: GateProps) {
  const { status, me, error, refresh } = useSession()
  const mustConsent = needsPrivacyConsent(me)

  useEffect(() => {
    if (status === 'signed-out' && NEEDS_LOGIN) restartAt(ROUTES.login)
    else if (status === 'ready' && mustConsent) restartAt(ROUTES.onboarding)
  }, [status, mustConsent])

  if (status === 'loading') return <Loading />
  if (status === 'signed-out') return <Loading label="正在前往登录…" />
  if (status === 'error' || !me) return <ErrorState message={error ?? '加载失败'} onRetry={() => void refresh()} />
  if (mustConsent) return <Loading label="请先阅读隐私说明…" />
  if (require === 'verified' && !isVerified(me)) {
    const membership = me.membership
    return (
      <View className="lz-card lz-gate">
        <Text className="lz-subtitle">
          {purpose ? `${purpose}只对本楼已认证的居民开放` : '这里只对已认证的居民开放'}
        </Text>
        {membership ? (
          <Text className="lz-text lz-block">
            您申请加入 {membership.estateName} {membership.buildingName}（{membership.room}室）：
            {MEMBERSHIP_STATUS_NAMES[membership.status]}
          </Text>
        ) : (
          <Text className="lz-text lz-block">加入您所住的楼组后就能使用。</Text>
        )}
        {membership?.status !== 'pending' ? (
          <ActionButton onClick={() => openPage(ROUTES.onboarding)}>加入我的楼组</ActionButton>
        ) : null}
      </View>
    )
  }
  return <>{children}</>
}
