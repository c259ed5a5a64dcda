import type { Envelope } from '../../contracts'
import { networkError } from '../services/api-error'
import { API_BASE } from '../services/origin'
import { readStored, STORAGE_KEYS } from '../services/storage'
import type { Transport } from './types'

/** In the browser: HTTP to the local runtime, with the session token from dev login. */
export const transport: Transport = async (fn, body) => {
  const token = readStored<string>(STORAGE_KEYS.token, '')
  let response: Response
  try {
    response = await fetch(`${API_BASE}/api/functions/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
  } catch {
    throw networkError()
  }
  try {
    return (await response.json()) as Envelope<unknown>
  } catch {
    throw networkError()
  }
}
