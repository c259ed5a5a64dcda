import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { managedBuildingIds } from './roles'
import { useSession } from './session'

/**
 * Which building a leader page is about: from the link, else the first one the person leads.
 * Leaders only ever see their own buildings; the committee may pick any.
 */
export function useManagedBuilding(): {
  buildingId: string | null
  setBuildingId(id: string): void
  choices: string[] | undefined
} {
  const { me } = useSession()
  const router = useRouter()
  const led = managedBuildingIds(me)
  const fromLink = router.params.buildingId || null
  const [buildingId, setBuildingId] = useState<string | null>(fromLink ?? led[0] ?? null)
  return { buildingId, setBuildingId, choices: led.length ? led : undefined }
}
