import Taro from '@tarojs/taro'

/** Small typed wrapper over Taro storage (wx storage in WeChat, localStorage in the browser). */
export function readStored<T>(key: string, fallback: T): T {
  try {
    const value = Taro.getStorageSync(key)
    return value === '' || value === undefined || value === null ? fallback : (value as T)
  } catch {
    return fallback
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    // Storage full or unavailable: the app still works, it just forgets.
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing to do
  }
}

export const STORAGE_KEYS = {
  token: 'louzu.token',
  largeText: 'louzu.largeText',
} as const
