import Taro from '@tarojs/taro'
import type { Envelope } from '../../contracts'
import { networkError } from '../services/api-error'
import type { Transport } from './types'

/** In WeChat: `Taro.cloud.callFunction`; the platform adds the caller's OPENID. */
export const transport: Transport = async (fn, body) => {
  try {
    const result = await Taro.cloud.callFunction({ name: fn, data: body })
    return result.result as Envelope<unknown>
  } catch {
    throw networkError()
  }
}
