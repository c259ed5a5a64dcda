import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ROLE_NAMES, type MeView } from '../../../../contracts'
import { ActionButton } from '../../../components/Buttons'
import type { MyAccount } from '../useMyAccount'

/** My name (修改称呼) and my roles. */
export function ProfileCard({ me, account }: { me: MeView; account: MyAccount }) {
  const [editing, setEditing] = useState(false)
  const [nickname, setNickname] = useState('')
  const busy = account.busy
  const saveNickname = async () => {
    if (await account.saveNickname(nickname)) setEditing(false)
  }
  return (
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
  )
}
