import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import {
  MEMBERSHIP_STATUS_NAMES,
  PRIVACY_NOTICE_VERSION,
  type EstateView,
  type MembershipView,
  type MeView,
} from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { ErrorState, Loading } from '../../components/States'
import { openPage, restartAt, ROUTES } from '../../features/account/navigation'
import { PrivacyNotice } from '../../features/account/PrivacyNotice'
import { needsPrivacyConsent, useSession } from '../../features/account/session'
import { NEW_USER_NICKNAME, parseJoinLink } from '../../features/account/join-link'
import { useRemote } from '../../hooks/useRemote'
import { accountApi, ApiError, messageOf } from '../../features/account/api'
import { NEEDS_LOGIN } from '../../platform/device'
import { RejectedNotice, waitInWords } from '../../features/account/RejectedNotice'
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
        <View className="lz-card membership-status">
          <Text className="lz-subtitle">
            {membership.estateName} {membership.buildingName} {membership.room}室
          </Text>
          <Text className={`lz-tag ${membership.status === 'verified' ? 'ok' : 'warn'} status-tag`}>
            {MEMBERSHIP_STATUS_NAMES[membership.status]}
          </Text>
          {membership.status === 'pending' ? (
            <Text className="lz-text lz-block">
              申请已提交。楼组长核实后就会通过，通过后您会收到通知。也可以向楼组长要大堂海报上的入楼码，马上加入。
            </Text>
          ) : (
            <Text className="lz-text lz-block">您已经是本楼的认证居民了，欢迎！</Text>
          )}
          <ActionButton onClick={() => restartAt(ROUTES.home)}>去首页</ActionButton>
          <ActionButton tone="plain" onClick={() => void refresh()}>
            刷新状态
          </ActionButton>
          <ActionButton tone="plain" onClick={() => setReapplying(true)}>
            {membership.status === 'pending' ? '填错了，重新申请' : '我搬家了，申请其他楼组'}
          </ActionButton>
        </View>
      ) : null}
    </PageShell>
  )
}

function ConsentStep({ onDone }: { onDone(me: MeView): void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [declined, setDeclined] = useState(false)
  async function accept() {
    setBusy(true)
    setError(null)
    try {
      onDone(await accountApi.acceptPrivacy({ version: PRIVACY_NOTICE_VERSION }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="consent-step">
      <Text className="lz-title">欢迎使用楼组一片天</Text>
      <Text className="lz-text lz-block">
        这是我们居民区自己的楼组小程序：楼里的通知、聊天、活动报名和健康答疑都在这里。
      </Text>
      <PrivacyNotice />
      <ActionButton className="accept-privacy" loading={busy} onClick={() => void accept()}>
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
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}

function NameStep({ largeText, onDone }: { largeText: boolean; onDone(me: MeView): void }) {
  const [nickname, setNickname] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function save() {
    setBusy(true)
    setError(null)
    try {
      onDone(await accountApi.updateProfile({ nickname, largeText }))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
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
      {error ? <Text className="lz-error">{error}</Text> : null}
      <ActionButton className="save-nickname" loading={busy} disabled={!nickname.trim()} onClick={() => void save()}>
        下一步
      </ActionButton>
    </View>
  )
}

interface ChooseProps {
  initialBuildingId?: string
  initialCode?: string
  movingFrom: string | null
  /** The application the leader turned down, said again above the form. */
  rejected: MembershipView | null
  onDone(): void
}

function ChooseStep({ initialBuildingId, initialCode, movingFrom, rejected, onDone }: ChooseProps) {
  const buildings = useRemote(() => accountApi.listBuildings(), [])
  const [estateId, setEstateId] = useState<string | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(initialBuildingId ?? null)
  const [room, setRoom] = useState('')
  const [joinCode, setJoinCode] = useState(initialCode ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field?: string; message: string; locked?: boolean } | null>(null)

  const estates: EstateView[] = buildings.data?.estates ?? []
  const building = estates.flatMap((e) => e.buildings).find((b) => b.buildingId === buildingId) ?? null
  const estate = estates.find((e) => e.estateId === (building?.estateId ?? estateId)) ?? null

  async function submit(withCode = true) {
    if (!buildingId) return
    setBusy(true)
    setError(null)
    const code = withCode ? joinCode.trim() : ''
    if (!withCode) setJoinCode('')
    try {
      await accountApi.applyToBuilding({ buildingId, room: room.trim(), ...(code ? { joinCode: code } : {}) })
      void Taro.showToast({ title: code ? '已加入楼组' : '申请已提交', icon: 'success' })
      onDone()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATE.LIMITED' && code) {
        // Too many wrong codes: say how long, and keep the way without a code open.
        setError({
          field: 'joinCode',
          locked: true,
          message: `入楼码试错次数太多，请 ${waitInWords(e.retryAfterSeconds)}后再试。也可以不填入楼码，直接提交申请，等楼组长核实。`,
        })
      } else setError(e instanceof ApiError ? { field: e.field, message: e.message } : { message: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  if (buildings.loading && !buildings.data) return <Loading />
  if (buildings.error) return <ErrorState message={buildings.error} onRetry={() => void buildings.reload()} />

  return (
    <View className="choose-step">
      <Text className="lz-title">您住在哪里？</Text>
      {movingFrom ? <Text className="lz-muted lz-block">提交新的申请后，您将退出{movingFrom}。</Text> : null}
      {rejected ? (
        <View className="lz-card">
          <RejectedNotice membership={rejected} />
        </View>
      ) : null}
      <View className="lz-card">
        <Text className="lz-subtitle">1. 选择小区</Text>
        <View className="choice-grid">
          {estates.map((e) => (
            <View
              key={e.estateId}
              className={`choice estate-choice ${estate?.estateId === e.estateId ? 'chosen' : ''}`}
              onClick={() => {
                setEstateId(e.estateId)
                setBuildingId(null)
              }}
            >
              {e.name}
            </View>
          ))}
        </View>
      </View>
      {estate ? (
        <View className="lz-card">
          <Text className="lz-subtitle">2. 选择楼号（{estate.name}）</Text>
          <View className="choice-grid buildings">
            {estate.buildings.map((b) => (
              <View
                key={b.buildingId}
                className={`choice building-choice ${buildingId === b.buildingId ? 'chosen' : ''}`}
                onClick={() => setBuildingId(b.buildingId)}
              >
                {b.name}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {building ? (
        <View className="lz-card">
          <Text className="lz-subtitle">3. 房号（{building.name}）</Text>
          <Input
            className="lz-input room-input"
            type="text"
            value={room}
            maxlength={10}
            placeholder="门牌上的房号，例如 302"
            onInput={(e) => setRoom(e.detail.value)}
          />
          {error?.field === 'room' ? <Text className="lz-error">{error.message}</Text> : null}
          <Text className="lz-subtitle">4. 入楼码（可不填）</Text>
          <Text className="lz-muted lz-block">大堂海报上有 6 位入楼码。填了马上加入；不填就等楼组长核实。</Text>
          <Input
            className="lz-input join-code-input"
            type="number"
            value={joinCode}
            maxlength={6}
            placeholder="6 位数字"
            onInput={(e) => setJoinCode(e.detail.value)}
          />
          {error?.field === 'joinCode' ? <Text className="lz-error join-code-error">{error.message}</Text> : null}
          {error?.locked ? (
            <ActionButton className="apply-without-code" loading={busy} onClick={() => void submit(false)}>
              不填入楼码，提交申请
            </ActionButton>
          ) : null}
          {error && error.field !== 'room' && error.field !== 'joinCode' ? (
            <Text className="lz-error">{error.message}</Text>
          ) : null}
          <ActionButton
            className="submit-application"
            loading={busy}
            disabled={!room.trim()}
            onClick={() => void submit()}
          >
            {joinCode.trim() ? '加入楼组' : '提交申请'}
          </ActionButton>
        </View>
      ) : null}
      <ActionButton tone="plain" onClick={() => openPage(ROUTES.home)}>
        以后再说
      </ActionButton>
    </View>
  )
}
