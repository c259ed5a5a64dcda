/**
 * Run pages of the real WeChat build (dist/weapp) in miniprogram-simulate: WeChat's own template
 * compiler renders the wxml, and a small `wx` stands in for the client. `wx.cloud.callFunction`
 * goes to the real functions (an in-process router on SQLite), so the weapp transport is tested
 * end to end, minus the network.
 */
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import type { Router } from '../../../cloudfunctions/runtime/router'

export const DIST = path.resolve(__dirname, '../../../dist/weapp')

type Listener = (...args: unknown[]) => void

export interface WxShim {
  calls: Array<{ name: string; action: string }>
  storage: Map<string, unknown>
  tabBadges: Map<number, string>
}

export function installWx(router: Router, openid: string): WxShim {
  const shim: WxShim = { calls: [], storage: new Map(), tabBadges: new Map() }
  const info = {
    platform: 'devtools',
    windowWidth: 375,
    windowHeight: 667,
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
    SDKVersion: '3.0.0',
    language: 'zh_CN',
    version: '8.0.0',
    system: 'iOS 16',
    statusBarHeight: 20,
  }
  const ok = (extra: Record<string, unknown> = {}) => ({ errMsg: 'ok', ...extra })
  const asyncApi =
    (fn: (options: any) => unknown) =>
    (options: any = {}) => {
      try {
        const result = fn(options)
        options.success?.(result)
        options.complete?.(result)
        return Promise.resolve(result)
      } catch (error) {
        options.fail?.(error)
        options.complete?.(error)
        return Promise.reject(error)
      }
    }
  const base: Record<string, unknown> = {
    getSystemInfoSync: () => info,
    getSystemInfo: asyncApi(() => info),
    getWindowInfo: () => info,
    getAppBaseInfo: () => info,
    getDeviceInfo: () => info,
    getMenuButtonBoundingClientRect: () => ({ top: 24, height: 32, right: 360, width: 88, left: 272, bottom: 56 }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
    getStorageSync: (key: string) => (shim.storage.has(key) ? shim.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void shim.storage.set(key, value),
    removeStorageSync: (key: string) => void shim.storage.delete(key),
    setTabBarBadge: asyncApi(({ index, text }) => (shim.tabBadges.set(index, text), ok())),
    removeTabBarBadge: asyncApi(({ index }) => (shim.tabBadges.delete(index), ok())),
    showToast: asyncApi(() => ok()),
    navigateTo: asyncApi(() => ok()),
    switchTab: asyncApi(() => ok()),
    reLaunch: asyncApi(() => ok()),
    redirectTo: asyncApi(() => ok()),
    createSelectorQuery: () => ({
      select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }),
      selectAll: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }),
      in: function () {
        return this
      },
    }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    onWindowResize: (_: Listener) => undefined,
    cloud: {
      init: () => undefined,
      // The platform adds the caller's OPENID; the client never sends one.
      callFunction: async ({ name, data }: { name: string; data: { action: string; data: unknown } }) => {
        shim.calls.push({ name, action: data.action })
        const reply = await router.dispatch(name, data, { openid }, `sim-${shim.calls.length}`)
        return { result: reply.envelope, errMsg: 'cloud.callFunction:ok' }
      },
    },
  }
  const store: Record<string, unknown> = {}
  ;(globalThis as any).wx = new Proxy(store, {
    get: (t, k: string) => (k in t ? t[k] : base[k]),
    set: (t, k: string, v) => ((t[k] = v), true),
    has: (t, k: string) => k in t || k in base,
  })
  return shim
}

/** Load app.js and one page of the build; returns the rendered page component. */
export function renderPage(route: string): any {
  let appConfig: any
  const g = globalThis as any
  g.App = (config: any) => {
    appConfig = config
  }
  g.getApp = () => appConfig
  g.getCurrentPages = () => []
  g.requirePlugin = () => ({})
  g.Page = (options: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value
    g.Component({
      data: (options.data as object) ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = route
          this.onLoad?.({})
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
        },
      },
    })
  }
  // The build is plain CommonJS and must run again for each test (jest.resetModules), so require it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'))
  appConfig.onLaunch?.call(appConfig, { path: route, query: {} })
  const id = simulate.load(path.join(DIST, route), `page-${route.replace(/\W/g, '-')}`, {
    compiler: 'official',
    rootPath: DIST,
  })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

export async function waitFor<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const started = Date.now()
  for (;;) {
    try {
      return check()
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
    }
    await simulate.sleep(20)
  }
}
