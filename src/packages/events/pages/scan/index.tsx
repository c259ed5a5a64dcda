import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { EventDetail } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { parseCheckIn } from '../../../../features/events/checkin-link'
import { detailUrl } from '../../../../features/events/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { CAN_SCAN } from '../../../../platform/device'
import { useCheckIn } from '../../../../features/events/useEvents'
import './index.css'

/**
 * 扫码签到: in WeChat, scan the organiser's screen; in the browser, type its six digits. A link
 * from the QR code itself (e and c in the URL) checks in at once.
 */
export default function ScanPage() {
  return (
    <PageShell className="scan-page">
      <Gate>
        <Scan />
      </Gate>
    </PageShell>
  )
}

function Scan() {
  const params = useRouter().params
  const fromLink = parseCheckIn(params)
  const [eventId, setEventId] = useState(fromLink.eventId ?? '')
  const [code, setCode] = useState(fromLink.code ?? '')
  const checkingIn = useCheckIn()
  const busy = checkingIn.busy
  // What the page itself found wrong before sending (no event, not a check-in code), or the refusal.
  const [problem, setProblem] = useState<string | null>(null)
  const error = problem ?? checkingIn.error?.message ?? null
  const [done, setDone] = useState<EventDetail | null>(null)
  const tried = useRef(false)

  async function submit(target: string, digits: string) {
    if (!target) {
      checkingIn.clear()
      setProblem('请扫活动现场的签到二维码')
      return
    }
    setProblem(null)
    const outcome = await checkingIn.run(target, digits)
    if (outcome.ok) setDone(outcome.value)
  }

  useEffect(() => {
    if (tried.current || !fromLink.eventId || !fromLink.code) return
    tried.current = true
    void submit(fromLink.eventId, fromLink.code)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  async function scan() {
    setProblem(null)
    checkingIn.clear()
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const scanned = parseCheckIn(result.result ?? '')
      if (!scanned.eventId || !scanned.code) {
        setProblem('这不是活动的签到二维码')
        return
      }
      setEventId(scanned.eventId)
      setCode(scanned.code)
      await submit(scanned.eventId, scanned.code)
    } catch {
      // The person closed the camera: nothing to say.
    }
  }

  if (done) {
    return (
      <View className="lz-card checked-in">
        <Text className="checked-in-mark lz-block">✓</Text>
        <Text className="lz-title">签到成功</Text>
        <Text className="lz-text lz-block">{done.title}</Text>
        <ActionButton tone="plain" onClick={() => openPage(detailUrl(done.eventId))}>
          查看活动
        </ActionButton>
      </View>
    )
  }

  return (
    <View className="lz-card scan-card">
      <Text className="lz-subtitle">活动签到</Text>
      {CAN_SCAN ? (
        <View>
          <Text className="lz-text lz-block">对准组织者手机上的二维码扫一扫。</Text>
          <ActionButton className="scan-button" loading={busy} onClick={() => void scan()}>
            扫一扫签到
          </ActionButton>
          <Text className="lz-muted lz-block">扫不了？也可以输入组织者屏幕上的 6 位签到码：</Text>
        </View>
      ) : (
        <Text className="lz-text lz-block">请输入组织者屏幕上二维码下方的 6 位签到码：</Text>
      )}
      <Input
        className="lz-input code-input"
        type="number"
        maxlength={6}
        value={code}
        placeholder="6 位数字"
        onInput={(e) => setCode(e.detail.value)}
      />
      {error ? <Text className="lz-error">{error}</Text> : null}
      <ActionButton
        tone={CAN_SCAN ? 'plain' : 'primary'}
        className="submit-code"
        loading={busy}
        disabled={code.length !== 6}
        onClick={() => void submit(eventId, code)}
      >
        签到
      </ActionButton>
    </View>
  )
}
