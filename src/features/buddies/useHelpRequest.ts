import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { HelpRequestView } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { requestSubscriptions } from '../notifications/subscribe'
import { buddiesApi, messageOf } from './api'

export type HelpStep = 'offer' | 'accept' | 'decline' | 'complete' | 'withdraw' | 'cancel'

/**
 * One help request and every step on it: the buddy offers (or withdraws), the neighbour accepts or
 * declines, then confirms it done with the minutes spent; the neighbour may cancel. Each step shows
 * the request as it now stands; a refused step loads it again, since someone else may have moved
 * it meanwhile (taken, cancelled).
 */
export function useHelpRequest(requestId: string) {
  const remote = useRemote(() => buddiesApi.getHelpRequest({ requestId }), [requestId], { enabled: !!requestId })
  const [busy, setBusy] = useState<HelpStep | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function act(name: HelpStep, work: () => Promise<HelpRequestView>, done: string) {
    setBusy(name)
    setError(null)
    try {
      remote.setData(await work())
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
      void remote.reload()
    } finally {
      setBusy(null)
    }
  }

  const ref = { requestId }
  return {
    remote,
    busy,
    error,
    offer() {
      // On the tap itself (WeChat shows its prompt only in answer to one): may we tell the buddy on
      // WeChat when the neighbour accepts (or no longer needs it)? A refusal only means the in-app notice.
      const grant = requestSubscriptions(['helpUpdate'])
      return act(
        'offer',
        async () => {
          const offered = await buddiesApi.offerHelp(ref)
          await grant
          return offered
        },
        '已告诉对方',
      )
    },
    accept: () => act('accept', () => buddiesApi.acceptOffer(ref), '已接受'),
    decline: () => act('decline', () => buddiesApi.declineOffer(ref), '已婉拒'),
    complete: (minutes: number) => act('complete', () => buddiesApi.completeHelp({ requestId, minutes }), '已确认完成'),
    withdraw: () => act('withdraw', () => buddiesApi.withdrawOffer(ref), '已退出'),
    cancel: () => act('cancel', () => buddiesApi.cancelHelp(ref), '已取消'),
  }
}
