import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { BUDDY_LIMITS, INTERESTS, type Interest } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { MultiChips } from '../../../../components/Chips'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { BUDDY_ROUTES } from '../../../../features/buddies/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { useProposeGroup } from '../../../../features/buddies/useInterestGroups'
import '../../../../features/buddies/buddies.css'

export default function ProposePage() {
  return (
    <PageShell className="buddy-propose-page">
      <Gate>
        <Propose />
      </Gate>
    </PageShell>
  )
}

/** A buddy proposes a group for the committee to approve; the committee creates one directly. */
function Propose() {
  const { me } = useSession()
  const committee = isCommittee(me)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [interests, setInterests] = useState<Interest[]>([])
  const proposing = useProposeGroup(committee)
  const { busy, error } = proposing

  async function submit() {
    const outcome = await proposing.run({ name: name.trim(), description: description.trim(), interests })
    if (!outcome.ok) return
    if (outcome.value.createdId) {
      void Taro.showToast({ title: '小组已创建', icon: 'success' })
      void Taro.redirectTo({ url: `${BUDDY_ROUTES.group}?id=${outcome.value.createdId}` })
    } else {
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.redirectTo({ url: BUDDY_ROUTES.proposals })
    }
  }

  const fieldError = (field: string) =>
    error?.field === field || error?.field?.startsWith(`${field}.`) ? (
      <Text className="lz-error">{error.message}</Text>
    ) : null

  return (
    <View>
      <Text className="lz-title">{committee ? '创建兴趣小组' : '提议成立兴趣小组'}</Text>
      {!committee ? (
        <Text className="lz-muted lz-block">居委会审核通过后，小组就会出现在小组列表里，您是它的组织者。</Text>
      ) : null}
      <View className="lz-card">
        <View className="buddy-field">
          <Text className="lz-subtitle">小组名称</Text>
          <Input
            className="lz-input group-name-input"
            value={name}
            maxlength={BUDDY_LIMITS.groupNameMax}
            placeholder="例如 桌游小组"
            onInput={(e) => setName(e.detail.value)}
          />
          {fieldError('name')}
        </View>
        <View className="buddy-field">
          <Text className="lz-subtitle">介绍</Text>
          <Text className="buddy-why">大家一起做什么、大概什么时候活动。</Text>
          <View className="lz-textarea">
            <Textarea
              className="group-description-input"
              value={description}
              maxlength={BUDDY_LIMITS.groupDescriptionMax}
              placeholder="例如 周五晚上在活动室玩桌游，新手也欢迎"
              onInput={(e) => setDescription(e.detail.value)}
            />
          </View>
          {fieldError('description')}
        </View>
        <View className="buddy-field">
          <Text className="lz-subtitle">相关兴趣（1–{BUDDY_LIMITS.groupInterestsMax} 个）</Text>
          <Text className="buddy-why">用来把小组推荐给有同样兴趣的小伙伴。</Text>
          <MultiChips
            options={INTERESTS}
            value={interests}
            onChange={setInterests}
            max={BUDDY_LIMITS.groupInterestsMax}
          />
          {fieldError('interests')}
        </View>
      </View>
      {error && !error.field ? <Text className="lz-error">{error.message}</Text> : null}
      <ActionButton
        className="submit-group"
        loading={busy}
        disabled={!name.trim() || !description.trim() || !interests.length}
        onClick={() => void submit()}
      >
        {committee ? '创建小组' : '提交给居委会'}
      </ActionButton>
    </View>
  )
}
