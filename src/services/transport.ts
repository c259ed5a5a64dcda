import Taro from '@tarojs/taro'
import type { Envelope } from '../../contracts'
import { networkError } from './api-error'
import { readStored, STORAGE_KEYS } from './storage'

/**
 * How a call reaches the functions. In WeChat: `Taro.cloud.callFunction` (the platform adds the
 * caller's OPENID). In the browser: HTTP to the local runtime with the session token.
 */
export type Transport = (fn: string, body: { action: string; data: unknown }) => Promise<Envelope<unknown>>

const cloudTransport: Transport = async (fn, body) => {
  try {
    const result = await Taro.cloud.callFunction({ name: fn, data: body })
    return result.result as Envelope<unknown>
  } catch {
    throw networkError()
  }
}

/** The local runtime serves the h5 build too, so the API is on the same origin. */
export const API_BASE = ''

const httpTransport: Transport = async (fn, body) => {
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

export const transport: Transport = process.env.TARO_ENV === 'weapp' ? cloudTransport : httpTransport
