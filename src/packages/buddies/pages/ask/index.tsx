import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BUDDY_LIMITS, SKILLS, type Skill } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { SingleChips } from '../../../../components/Chips'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee, managedBuildingIds } from '../../../../features/account/roles'
import { isVerified, useSession } from '../../../../features/account/session'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { useAskForHelp } from '../../../../features/buddies/useHelpRequests'
import { useDraft } from '../../../../features/account/useDraft'
import '../../../../features/buddies/buddies.css'

export default function AskPage() {
  return (
    <PageShell className="buddy-ask-page">
      <Gate>
        <AskGate />
      </Gate>
    </PageShell>
  )
}

/** Residents ask for themselves; leaders and the committee may also ask for a neighbour. */
function AskGate() {
  const { me } = useSession()
  const staff = managedBuildingIds(me).length > 0 || isCommittee(me)
  if (staff || isVerified(me)) return <Ask />
  return (
    <Gate require="verified" purpose="找小伙伴帮忙">
      <Ask />
    </Gate>
  )
}

const WHEN_PICKS = ['今天', '明天上午', '明天下午', '这个周末', '这周内都可以']

function Ask() {
  const { me } = useSession()
  const led = managedBuildingIds(me)
  const committee = isCommittee(me)
  const canAskForOthers = led.length > 0 || committee
  const [skill, setSkill] = useState<Skill | null>(null)
  const [when, setWhen, clearWhen] = useDraft('help-request:when', '')
  const [note, setNote, clearNote] = useDraft('help-request:note', '')
  const askedForNeighbour = useRouter().params.for === 'neighbour'
  const [forNeighbour, setForNeighbour] = useState(canAskForOthers && (askedForNeighbour || !isVerified(me)))
  const [buildingId, setBuildingId] = useState<string | null>(led[0] ?? null)
  const [room, setRoom] = useState('')
  const asking = useAskForHelp()
  const [skillMissing, setSkillMissing] = useState(false)
  const busy = asking.busy
  const error = skillMissing ? { field: 'skill', message: '请选择需要哪种帮忙' } : asking.error

  async function submit() {
    setSkillMissing(!skill)
    if (!skill) return asking.clear()
    const outcome = await asking.run({
      skill,
      when,
      note,
      ...(forNeighbour && buildingId ? { onBehalfOf: { buildingId, room } } : {}),
    })
    if (!outcome.ok) return
    clearWhen()
    clearNote()
    void Taro.showToast({ title: '已发出求助', icon: 'success' })
    void Taro.redirectTo({ url: `${BUDDY_ROUTES.helpDetail}?id=${outcome.value.requestId}` })
  }

  const fieldError = (field: string) =>
    error?.field === field ? <Text className="lz-error">{error.message}</Text> : null

  return (
    <View>
      <Text className="lz-title">找小伙伴帮忙</Text>
      <Text className="lz-text lz-block intro">
        同小区会这项本事的年轻邻居会看到您的求助。有人愿意帮忙时会通知您，您同意后，对方才会知道您的门牌号。
      </Text>

      {canAskForOthers ? (
        <View className="lz-card">
          <Text className="lz-subtitle">为谁求助</Text>
          <View className="lz-chips">
            {isVerified(me) ? (
              <View className={`lz-chip ${!forNeighbour ? 'chosen' : ''}`} onClick={() => setForNeighbour(false)}>
                <Text>为自己</Text>
              </View>
            ) : null}
            <View
              className={`lz-chip for-neighbour ${forNeighbour ? 'chosen' : ''}`}
              onClick={() => setForNeighbour(true)}
            >
              <Text>替本楼邻居登记</Text>
            </View>
          </View>
          {forNeighbour ? (
            <View>
              <Text className="buddy-why">替不会用手机的邻居登记：小伙伴的消息会发给您，由您联系邻居、确认完成。</Text>
              <BuildingPicker value={buildingId} onChange={setBuildingId} only={committee ? undefined : led} />
              <Input
                className="lz-input neighbour-room"
                value={room}
                maxlength={10}
                placeholder="邻居的房号，例如 302"
                onInput={(e) => setRoom(e.detail.value)}
              />
              {fieldError('onBehalfOf.room')}
              {fieldError('onBehalfOf.buildingId')}
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="lz-card">
        <View className="buddy-field">
          <Text className="lz-subtitle">需要哪种帮忙</Text>
          <SingleChips<Skill> className="skill-choice" options={SKILLS} value={skill} onChange={setSkill} />
          {fieldError('skill')}
        </View>
        <View className="buddy-field">
          <Text className="lz-subtitle">什么时候方便</Text>
          <View className="lz-chips when-picks">
            {WHEN_PICKS.map((w) => (
              <View key={w} className={`lz-chip ${when === w ? 'chosen' : ''}`} onClick={() => setWhen(w)}>
                <Text>{w}</Text>
              </View>
            ))}
          </View>
          <Input
            className="lz-input when-input"
            value={when}
            maxlength={BUDDY_LIMITS.whenMax}
            placeholder="或自己写，如：周六下午"
            onInput={(e) => setWhen(e.detail.value)}
          />
          {fieldError('when')}
        </View>
        <View className="buddy-field">
          <Text className="lz-subtitle">说说具体情况（可不填）</Text>
          <Text className="buddy-why">例如：想学用微信和孙子视频。请不要写电话和门牌号，对方确认后会看到门牌号。</Text>
          <View className="lz-textarea">
            <Textarea
              className="note-input"
              value={note}
              maxlength={BUDDY_LIMITS.noteMax}
              placeholder="最多 200 字"
              onInput={(e) => setNote(e.detail.value)}
            />
          </View>
          <Text className="lz-muted">
            {note.length}/{BUDDY_LIMITS.noteMax}
          </Text>
          {fieldError('note')}
        </View>
      </View>
      {error && !['skill', 'when', 'note', 'onBehalfOf.room', 'onBehalfOf.buildingId'].includes(error.field ?? '') ? (
        <Text className="lz-error">{error.message}</Text>
      ) : null}
      <ActionButton
        className="submit-help"
        loading={busy}
        disabled={!when.trim() || (forNeighbour && (!buildingId || !room.trim()))}
        onClick={() => void submit()}
      >
        发出求助
      </ActionButton>
    </View>
  )
}
