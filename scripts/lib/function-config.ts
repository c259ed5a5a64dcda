import fs from 'node:fs'
import path from 'node:path'

/**
 * Deployable functions and their config.json. A function is a folder under
 * cloudfunctions/functions/ with an index.ts (exporting `main`) — adding a feature's folder is
 * all it takes for the build and deploy to pick it up.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..')
export const FUNCTIONS_SRC = path.join(REPO_ROOT, 'cloudfunctions', 'functions')
export const FUNCTIONS_OUT = path.join(REPO_ROOT, 'dist', 'cloudfunctions')

/** The runtime we deploy to; the bundle's esbuild target follows it (see build-functions.ts). */
export const DEFAULT_RUNTIME = 'Nodejs24.11'

/**
 * config.json beside each function. `permissions.openapi` is what WeChat's cloud-call (云调用)
 * lets the function use; the rest is read by the deploy script (cloudbaserc.json).
 */
export interface FunctionConfig {
  permissions: { openapi: string[] }
  /** Seconds. Above the router's 15 s use-case timeout, so a slow call gets our TIMEOUT envelope. */
  timeout: number
  memorySize: number
  runtime: string
  /** Timer triggers (CloudBase cron, 7 fields with seconds), for scheduled tasks. */
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
}

export const DEFAULT_FUNCTION_CONFIG: FunctionConfig = {
  permissions: { openapi: ['security.msgSecCheck', 'subscribeMessage.send'] },
  timeout: 20,
  memorySize: 256,
  runtime: DEFAULT_RUNTIME,
}

const MEMORY_SIZES = [128, 256, 512, 1024, 2048]

/** Folders under `root` that have an index.ts, sorted. */
export function discoverFunctions(root: string = FUNCTIONS_SRC): string[] {
  if (!fs.existsSync(root)) return []
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort()
}

export class FunctionConfigError extends Error {}

/** Validate a config.json's contents; unknown keys are kept out of the typed result but allowed. */
export function parseFunctionConfig(name: string, raw: unknown): FunctionConfig {
  const fail = (why: string) => new FunctionConfigError(`cloudfunctions/functions/${name}/config.json: ${why}`)
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw fail('must be a JSON object')
  const value = raw as Record<string, unknown>
  const permissions = value.permissions as { openapi?: unknown } | undefined
  const openapi = permissions?.openapi ?? []
  if (!Array.isArray(openapi) || openapi.some((api) => typeof api !== 'string'))
    throw fail('permissions.openapi must be a list of method names')
  const timeout = value.timeout ?? DEFAULT_FUNCTION_CONFIG.timeout
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 900)
    throw fail('timeout must be whole seconds, 1–900')
  const memorySize = value.memorySize ?? DEFAULT_FUNCTION_CONFIG.memorySize
  if (typeof memorySize !== 'number' || !MEMORY_SIZES.includes(memorySize))
    throw fail(`memorySize must be one of ${MEMORY_SIZES.join(', ')}`)
  const runtime = value.runtime ?? DEFAULT_FUNCTION_CONFIG.runtime
  if (typeof runtime !== 'string' || !/^Nodejs\d+(\.\d+)?$/.test(runtime))
    throw fail('runtime must look like Nodejs24.11')
  const triggers = value.triggers
  if (triggers !== undefined) {
    const ok =
      Array.isArray(triggers) &&
      triggers.every(
        (t) =>
          t &&
          typeof t === 'object' &&
          typeof t.name === 'string' &&
          t.type === 'timer' &&
          typeof t.config === 'string' &&
          t.config.trim().split(/\s+/).length === 7,
      )
    if (!ok) throw fail('triggers must be [{ "name", "type": "timer", "config": "<7-field cron>" }]')
  }
  return {
    permissions: { openapi: openapi as string[] },
    timeout,
    memorySize,
    runtime,
    ...(triggers ? { triggers: triggers as FunctionConfig['triggers'] } : {}),
  }
}

/** Read a function's config.json (raw text and parsed). Missing → null. */
export function readFunctionConfig(dir: string, name: string): { text: string; config: FunctionConfig } | null {
  const file = path.join(dir, 'config.json')
  if (!fs.existsSync(file)) return null
  const text = fs.readFileSync(file, 'utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new FunctionConfigError(
      `cloudfunctions/functions/${name}/config.json is not valid JSON: ${(error as Error).message}`,
    )
  }
  return { text, config: parseFunctionConfig(name, json) }
}
