/**
 * A stand-in for `@tarojs/taro` in the ui tier (jsdom): the page lifecycle hooks, the router's
 * params, storage in memory, and the prompts a test answers (`taro.answerModal(false)`).
 * jest.config.js maps `@tarojs/taro` here for the ui project only.
 */
import { useEffect } from 'react'

interface ModalAnswer {
  confirm: boolean
}

const state = {
  params: {} as Record<string, string | undefined>,
  storage: new Map<string, unknown>(),
  modal: { confirm: true } as ModalAnswer,
  toasts: [] as string[],
  opened: [] as string[],
  clipboard: '',
}

/** What the test controls and reads back. */
export const taro = {
  setParams(params: Record<string, string | undefined>): void {
    state.params = params
  },
  answerModal(confirm: boolean): void {
    state.modal = { confirm }
  },
  get toasts(): readonly string[] {
    return state.toasts
  },
  get opened(): readonly string[] {
    return state.opened
  },
  get clipboard(): string {
    return state.clipboard
  },
  reset(): void {
    state.params = {}
    state.storage.clear()
    state.modal = { confirm: true }
    state.toasts = []
    state.opened = []
    state.clipboard = ''
  },
}

export function useRouter(): { params: Record<string, string | undefined>; path: string } {
  return { params: state.params, path: '' }
}

/** A page shows once when it mounts; a test that needs "came back to the page" re-renders it. */
export function useDidShow(callback: () => void): void {
  useEffect(() => callback(), [])
}
export function useDidHide(_callback: () => void): void {}
export function useLaunch(callback: () => void): void {
  useEffect(() => callback(), [])
}
export function usePullDownRefresh(_callback: () => void): void {}
export function useReachBottom(_callback: () => void): void {}
export function useShareAppMessage(_callback: () => unknown): void {}
export function usePageScroll(_callback: () => void): void {}
export function useLoad(callback: (params: Record<string, string | undefined>) => void): void {
  useEffect(() => callback(state.params), [])
}

const Taro = {
  getStorageSync: (key: string) => state.storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void state.storage.set(key, value),
  removeStorageSync: (key: string) => void state.storage.delete(key),
  showToast: async ({ title }: { title: string }) => void state.toasts.push(title),
  showModal: async (_: unknown) => ({ ...state.modal, cancel: !state.modal.confirm }),
  showActionSheet: async (_: unknown) => ({ tapIndex: 0 }),
  navigateTo: async ({ url }: { url: string }) => void state.opened.push(url),
  redirectTo: async ({ url }: { url: string }) => void state.opened.push(url),
  reLaunch: async ({ url }: { url: string }) => void state.opened.push(url),
  switchTab: async ({ url }: { url: string }) => void state.opened.push(url),
  navigateBack: async () => undefined,
  stopPullDownRefresh: () => undefined,
  setNavigationBarTitle: async () => undefined,
  setClipboardData: async ({ data }: { data: string }) => void (state.clipboard = data),
  makePhoneCall: async () => undefined,
  setTabBarBadge: async () => undefined,
  removeTabBarBadge: async () => undefined,
  setKeepScreenOn: async () => undefined,
  scanCode: async () => ({ result: '' }),
  pageScrollTo: async () => undefined,
  vibrateShort: async () => undefined,
  getCurrentPages: () => [],
  eventCenter: { on: () => undefined, off: () => undefined, trigger: () => undefined },
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
  env: { USER_DATA_PATH: '/tmp' },
  useRouter,
  useDidShow,
  useDidHide,
  useLaunch,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  usePageScroll,
  useLoad,
}

export default Taro
