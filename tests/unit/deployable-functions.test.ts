import fs from 'node:fs'
import path from 'node:path'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { SCHEDULED_TASKS } from '../../cloudfunctions/functions/tasks'
import { discoverFunctions, FUNCTIONS_SRC, readFunctionConfig } from '../../scripts/lib/function-config'

/**
 * Every function the local runtime serves must also deploy on its own: a folder with index.ts
 * (exports.main through createCloudMain) and config.json (openapi permissions, timeout).
 */
describe('deployable functions', () => {
  test.each(ALL_FUNCTIONS.map((f) => f.name))(
    'when %s is registered, then it has index.ts and a valid config.json beside its routes',
    (name) => {
      const dir = path.join(FUNCTIONS_SRC, name)
      expect(fs.existsSync(path.join(dir, 'index.ts'))).toBe(true)
      const config = readFunctionConfig(dir, name)
      expect(config?.config.permissions.openapi).toEqual(
        expect.arrayContaining(['security.msgSecCheck', 'subscribeMessage.send']),
      )
      // Above the router's 15 s use-case timeout, so a slow call still gets our TIMEOUT envelope.
      expect(config?.config.timeout).toBeGreaterThan(15)
    },
  )

  test.each(ALL_FUNCTIONS.map((f) => f.name))(
    'when the %s entry is loaded, then it exports an async main(event, context)',
    async (name) => {
      const entry = (await import(path.join(FUNCTIONS_SRC, name, 'index.ts'))) as { main?: unknown }
      expect(typeof entry.main).toBe('function')
    },
  )

  test('when functions are discovered for the build, then they are exactly the registered ones and the scheduled tasks', () => {
    expect(discoverFunctions()).toEqual([...ALL_FUNCTIONS.map((f) => f.name), ...SCHEDULED_TASKS].sort())
  })

  test.each([...SCHEDULED_TASKS])(
    'when the scheduled task %s is deployed, then its config.json has a timer trigger and its entry exports main',
    async (name) => {
      const config = readFunctionConfig(path.join(FUNCTIONS_SRC, name), name)
      expect(config?.config.triggers).toEqual([expect.objectContaining({ type: 'timer' })])
      const entry = (await import(path.join(FUNCTIONS_SRC, name, 'index.ts'))) as { main?: unknown }
      expect(typeof entry.main).toBe('function')
    },
  )
})
