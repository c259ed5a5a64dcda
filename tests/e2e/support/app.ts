import path from 'node:path'
import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { startTestRuntime, type TestRuntime } from '../../support/runtime'
import { launchBrowser } from './browser'

export const H5_BUILD = path.resolve(__dirname, '../../../dist/h5')

/** The real local runtime serving the real h5 build, on a fresh database. */
export async function startApp(): Promise<TestRuntime> {
  if (!fs.existsSync(path.join(H5_BUILD, 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test does it for you)')
  }
  return startTestRuntime({ staticDir: H5_BUILD })
}

export interface AppInBrowser {
  readonly app: TestRuntime
  readonly browser: Browser
}

/** Starts the app and a browser before the enclosing describe's tests, and closes both after them. */
export function appInBrowser(): AppInBrowser {
  const held: { app?: TestRuntime; browser?: Browser } = {}
  beforeAll(async () => {
    held.app = await startApp()
    held.browser = await launchBrowser()
  })
  afterAll(async () => {
    await held.browser?.close()
    await held.app?.close()
  })
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or a hook`)
    return value
  }
  return {
    get app() {
      return started(held.app, 'the app')
    },
    get browser() {
      return started(held.browser, 'the browser')
    },
  }
}
