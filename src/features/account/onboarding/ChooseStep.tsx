import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../../components/Buttons'
import { ErrorState, Loading } from '../../../components/States'
import type { MembershipView } from '../../../../contracts'
import { openPage, ROUTES } from '../navigation'
import { RejectedNotice, waitInWords } from '../RejectedNotice'
import { useBuildingApplication } from '../useOnboarding'

/** 您住在哪里: estate, building, room and (if I have it) the lobby poster's join code. */
export interface ChooseProps {
  initialBuildingId?: string
  initialCode?: string
  movingFrom: string | null
  /** The application the leader turned down, said again above the form. */
  rejected: MembershipView | null
  onDone(): void
}

export function ChooseStep({ initialBuildingId, initialCode, movingFrom, rejected, onDone }: ChooseProps) {
  const { buildings, estates, apply } = useBuildingApplication()
  const [estateId, setEstateId] = useState<string | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(initialBuildingId ?? null)
  const [room, setRoom] = useState('')
  const [joinCode, setJoinCode] = useState(initialCode ?? '')
  const [triedCode, setTriedCode] = useState(false)
  // Too many wrong codes: say how long to wait, and keep the way without a code open.
  const locked = triedCode && apply.error?.code === 'RATE.LIMITED'
  const error = locked
    ? {
        field: 'joinCode',
        message: `入楼码试错次数太多，请 ${waitInWords(apply.error?.retryAfterSeconds)}后再试。也可以不填入楼码，直接提交申请，等楼组长核实。`,
      }
    : apply.error

  const building = estates.flatMap((e) => e.buildings).find((b) => b.buildingId === buildingId) ?? null
  const estate = estates.find((e) => e.estateId === (building?.estateId ?? estateId)) ?? null

  async function submit(withCode = true) {
    if (!buildingId) return
    const code = withCode ? joinCode.trim() : ''
    if (!withCode) setJoinCode('')
    setTriedCode(!!code)
    const outcome = await apply.run({ buildingId, room, joinCode: code })
    if (!outcome.ok) return
    void Taro.showToast({ title: outcome.value.joined ? '已加入楼组' : '申请已提交', icon: 'success' })
    onDone()
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
          {locked ? (
            <ActionButton className="apply-without-code" loading={apply.busy} onClick={() => void submit(false)}>
              不填入楼码，提交申请
            </ActionButton>
          ) : null}
          {error && error.field !== 'room' && error.field !== 'joinCode' ? (
            <Text className="lz-error">{error.message}</Text>
          ) : null}
          <ActionButton
            className="submit-application"
            loading={apply.busy}
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
