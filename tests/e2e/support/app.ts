import path from 'node:path'
import fs from 'node:fs'
import { startTestRuntime, type TestRuntime } from '../../support/runtime'

export const H5_BUILD = path.resolve(__dirname, '../../../dist/h5')

/** The real local runtime serving the real h5 build, on a fresh database. */
export async function startApp(): Promise<TestRuntime> {
  if (!fs.existsSync(path.join(H5_BUILD, 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` (npm test does it for you)')
  }
  return startTestRuntime({ staticDir: H5_BUILD })
}
