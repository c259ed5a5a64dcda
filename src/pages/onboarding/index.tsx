import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { PageShell } from '../../features/layout/PageShell'
import { ErrorState, Loading } from '../../components/States'
import { restartAt, ROUTES } from '../../features/account/navigation'
import { ChooseStep } from '../../features/account/onboarding/ChooseStep'
import { ConsentStep } from '../../features/account/onboarding/ConsentStep'
import { MembershipStatus } from '../../features/account/onboarding/MembershipStatus'
import { NameStep } from '../../features/account/onboarding/NameStep'
import { needsPrivacyConsent, useSession } from '../../features/account/session'
import { NEW_USER_NICKNAME, parseJoinLink } from '../../features/account/join-link'
import { NEEDS_LOGIN } from '../../platform/device'
import './index.css'

type Step = 'consent' | 'name' | 'choose' | 'status'

export default function OnboardingPage() {
  const { status, me, setMe, error: sessionError, refresh } = useSession()
  const router = useRouter()
  const link = useMemo(() => parseJoinLink(router.params), [router.params])
  const [reapplying, setReapplying] = useState(false)

  useEffect(() => {
    if (status === 'signed-out' && NEEDS_LOGIN) restartAt(ROUTES.login)
  }, [status])

  if (status === 'loading' || status === 'signed-out')
    return (
      <PageShell>
        <Loading />
      </PageShell>
    )
  if (status === 'error' || !me)
    return (
      <PageShell>
        <ErrorState message={sessionError ?? '加载失败'} onRetry={() => void refresh()} />
      </PageShell>
    )

  const membership = me.membership
  const settled = membership && (membership.status === 'pending' || membership.status === 'verified')
  const step: Step = needsPrivacyConsent(me)
    ? 'consent'
    : me.nickname === NEW_USER_NICKNAME
      ? 'name'
      : !settled || reapplying || (link && membership?.buildingId !== link.buildingId)
        ? 'choose'
        : 'status'

  return (
    <PageShell className="onboarding-page">
      {step === 'consent' ? <ConsentStep onDone={setMe} /> : null}
      {step === 'name' ? <NameStep largeText={me.settings.largeText} onDone={setMe} /> : null}
      {step === 'choose' ? (
        <ChooseStep
          initialBuildingId={link?.buildingId}
          initialCode={link?.code}
          movingFrom={settled ? `${membership.estateName} ${membership.buildingName}` : null}
          rejected={membership?.status === 'rejected' ? membership : null}
          onDone={() => {
            setReapplying(false)
            void refresh()
          }}
        />
      ) : null}
      {step === 'status' && membership ? (
        <MembershipStatus
          membership={membership}
          onRefresh={() => void refresh()}
          onReapply={() => setReapplying(true)}
        />
      ) : null}
    </PageShell>
  )
}
