import type { Envelope } from '../../../contracts'
import { accountContract } from '../../../contracts/account'
import { endpoint } from '../../services/api'
import { API_BASE } from '../../services/origin'

/**
 * The account function's actions, the only way this feature (and its pages) reach the back end:
 * `accountApi.<action>(input)` checks the input with the contract's schema, calls the function through
 * the platform's transport, and resolves with its output or throws an ApiError.
 */
export const accountApi = endpoint('account', accountContract)

/** What a failed call throws, and the Chinese message to show for anything thrown. */
export { ApiError, messageOf } from '../../services/api-error'

export { devLogin, hasSession, signInWithCode, signOut } from '../../services/session'

/** A demo person of the local runtime (the browser's sign-in page lists them). */
export interface Persona {
  openid: string
  nickname: string
  role: string
}

/**
 * The local runtime's demo people; only the browser build has a local runtime to ask. `demo` is
 * false on a real deployment (no demo sign-in; people sign in with one-time codes).
 */
export async function loadPersonas(): Promise<{ demo: boolean; personas: Persona[] }> {
  const response = await fetch(`${API_BASE}/api/dev/personas`)
  const envelope = (await response.json()) as Envelope<{ demo: boolean; personas: Persona[] }>
  return envelope.ok ? envelope.data : { demo: true, personas: [] }
}
