import { isAdmin, isColumnist } from '../../../contracts'
import { useSession } from '../account/session'

/** Whether the person writes for the column (the server decides again on every call). */
export function useColumnist(): { columnist: boolean; committee: boolean } {
  const { me } = useSession()
  return { columnist: !!me && isColumnist(me.roles), committee: !!me && isAdmin(me.roles) }
}
