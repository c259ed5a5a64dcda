import Taro from '@tarojs/taro'
import { useState } from 'react'
import { NEEDS_LOGIN } from '../../platform/device'
import { accountApi, messageOf } from './api'
import { restartAt, ROUTES } from './navigation'
import { useSession } from './session'

export type AccountTask = 'nickname' | 'largeText' | 'delete'

/**
 * 我的: what I can change about my own account — my name, large text, deleting the
 * account (exporting my data has its own page). One thing at a time: `busy` names it, `error` is the last failure's message.
 */
export function useMyAccount() {
  const { me, setMe, signOut } = useSession()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<AccountTask | null>(null)

  async function run(name: AccountTask, work: () => Promise<void>): Promise<boolean> {
    setBusy(name)
    setError(null)
    try {
      await work()
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      setBusy(null)
    }
  }

  const saveNickname = (nickname: string) =>
    run('nickname', async () => {
      setMe(await accountApi.updateProfile({ nickname, largeText: me?.settings.largeText ?? false }))
    })

  const setLargeText = (largeText: boolean) =>
    run('largeText', async () => {
      setMe(await accountApi.updateProfile({ nickname: me?.nickname ?? '', largeText }))
    })

  /** Asks first; once deleted, signs out and starts again from the beginning. */
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

  return { busy, error, saveNickname, setLargeText, deleteAccount }
}

export type MyAccount = ReturnType<typeof useMyAccount>
