// First: it configures zod before any schema runs.
import './utils/strict-csp'
import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { createElement } from 'react'
import { SessionProvider } from './features/account/session'
import { onAppLaunch, prepareApp } from './platform/device'
import './app.css'

// The browser build runs under a strict CSP (see docs/SECURITY.md); WeChat needs nothing here.
prepareApp()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    onAppLaunch()
  })
  // Pages render inside the app, so every page shares one session (who I am, large text).
  return createElement(SessionProvider, null, children)
}

export default App
