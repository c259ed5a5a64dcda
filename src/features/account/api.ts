import type { Envelope } from '../../../contracts'
import { endpoint } from '../../services/api'
import { API_BASE } from '../../services/origin'

/**
 * The account function's actions, the only way this feature (and its pages) reach the back end:
 * `accountApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const accountApi = endpoint('account')

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'

export { devLogin, hasSession, signOut } from '../../services/session'

/** A demo person of the local runtime (the browser's sign-in page lists them). */
export interface Persona {
  openid: string
  nickname: string
  role: string
}

/** The local runtime's demo people; only the browser build has a local runtime to ask. */
export async function loadPersonas(): Promise<Persona[]> {
  const response = await fetch(`${API_BASE}/api/dev/personas`)
  const envelope = (await response.json()) as Envelope<{ personas: Persona[] }>
  return envelope.ok ? envelope.data.personas : []
}
