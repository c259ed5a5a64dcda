import type { Envelope } from '../../contracts'
import { ApiError, networkError } from './api-error'
import { NEEDS_LOGIN } from '../platform/device'
import { API_BASE } from './origin'
import { readStored, removeStored, STORAGE_KEYS, writeStored } from './storage'

/** In WeChat the platform identifies the caller; in the browser we hold a local session token. */
export { NEEDS_LOGIN }

export function hasSession(): boolean {
  return !NEEDS_LOGIN || readStored<string>(STORAGE_KEYS.token, '') !== ''
}

async function startSession(path: string, body: unknown): Promise<void> {
  let envelope: Envelope<{ token: string }>
  try {
    const response = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    envelope = (await response.json()) as Envelope<{ token: string }>
  } catch {
    throw networkError()
  }
  if (!envelope.ok) throw new ApiError(envelope.error)
  writeStored(STORAGE_KEYS.token, envelope.data.token)
}

/** Local runtime with the demo neighbourhood only: log in as a demo persona or any new id. */
export async function devLogin(openid: string, nickname?: string): Promise<void> {
  await startSession('/api/dev/login', nickname ? { openid, nickname } : { openid })
}

/** A real local deployment: the one-time code from the committee or `npm run signin-code`. */
export async function signInWithCode(code: string): Promise<void> {
  await startSession('/api/signin', { code })
}

export function signOut(): void {
  removeStored(STORAGE_KEYS.token)
}
