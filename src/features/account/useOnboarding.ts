import { PRIVACY_NOTICE_VERSION, type EstateView, type MeView } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { accountApi } from './api'

/** 同意并继续: accept the current privacy notice; the account as it now stands goes to `onDone`. */
export function useAcceptPrivacy(onDone: (me: MeView) => void) {
  return useAction(async () => onDone(await accountApi.acceptPrivacy({ version: PRIVACY_NOTICE_VERSION })))
}

/** The name neighbours see, chosen on the first visit (the text size stays as it is). */
export function useChooseNickname(largeText: boolean, onDone: (me: MeView) => void) {
  return useAction(async (nickname: string) => onDone(await accountApi.updateProfile({ nickname, largeText })))
}

export interface Application {
  buildingId: string
  room: string
  /** The lobby poster's code: with it, joining is immediate; without it, the leader checks first. */
  joinCode: string
}

/** 您住在哪里: the estates and their buildings, and applying to (or joining) one of them. */
export function useBuildingApplication() {
  const buildings = useRemote(() => accountApi.listBuildings(), [])
  const estates: EstateView[] = buildings.data?.estates ?? []
  const apply = useAction(async ({ buildingId, room, joinCode }: Application) => {
    const code = joinCode.trim()
    await accountApi.applyToBuilding({ buildingId, room: room.trim(), ...(code ? { joinCode: code } : {}) })
    return { joined: !!code }
  })
  return { buildings, estates, apply }
}
