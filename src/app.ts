// First: it configures zod before any schema runs.
import { fitStrictCsp } from './utils/strict-csp'
import Taro, { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { createElement } from 'react'
import { SessionProvider } from './features/account/session'
import './app.css'

// The browser build runs under a strict CSP (see docs/SECURITY.md).
if (process.env.TARO_ENV === 'h5') fitStrictCsp(document)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // The cloud env comes from TARO_APP_CLOUD_ENV at build time (see docs/DEPLOY.md).
      Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
    }
  })
  // Pages render inside the app, so every page shares one session (who I am, large text).
  return createElement(SessionProvider, null, children)
}

export default App
