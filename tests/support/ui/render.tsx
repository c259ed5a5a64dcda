/** Render a page or a feature component the way the app does: signed in, inside the session provider. */
import { render, type RenderResult } from '@testing-library/react'
import { createElement, type ComponentType, type ReactElement } from 'react'
import { SessionProvider } from '../../../src/features/account/session'
import { STORAGE_KEYS, writeStored } from '../../../src/services/storage'

/** The browser build needs a session token before it asks anything; the fake transport ignores its value. */
function signIn(): void {
  writeStored(STORAGE_KEYS.token, 'ui-test-session')
}

export function renderPage(Page: ComponentType): RenderResult {
  return renderInSession(createElement(Page))
}

export function renderInSession(element: ReactElement): RenderResult {
  signIn()
  return render(createElement(SessionProvider, null, element))
}
