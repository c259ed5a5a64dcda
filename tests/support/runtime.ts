import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Envelope } from '../../contracts'
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../cloudfunctions/local-runtime'
import type { Clock } from '../../cloudfunctions/core/shared/ports'
import { findOrCreateUser } from '../../cloudfunctions/core/account/identity'
import { createSignInCode } from '../../cloudfunctions/core/account/signin-codes'

export interface CallResult<T = unknown> {
  status: number
  body: Envelope<T>
}

/** Talks to a runtime over real HTTP, as the h5 app does. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async call<T = any>(fn: string, action: string, data?: unknown): Promise<CallResult<T>> {
    return this.post<T>(`/api/functions/${fn}`, data === undefined ? { action } : { action, data })
  }

  /** The data of a call that must succeed; fails the test with the error otherwise. */
  async ok<T = any>(fn: string, action: string, data?: unknown): Promise<T> {
    const result = await this.call<T>(fn, action, data)
    if (!result.body.ok)
      throw new Error(`${fn}.${action} failed: ${result.status} ${JSON.stringify(result.body.error)}`)
    return result.body.data
  }

  async post<T = any>(urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<CallResult<T>> {
    const response = await fetch(this.baseUrl + urlPath, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Envelope<T> }
  }
}

export interface TestRuntime {
  runtime: LocalRuntime
  url: string
  dir: string
  anonymous: ApiClient
  /** Log in as a seeded persona or a brand-new openid. */
  login(openid: string, nickname?: string): Promise<ApiClient>
  /** A content hash of every stored document: equal before and after means nothing changed. */
  dbHash(): string
  close(): Promise<void>
}

export async function startTestRuntime(
  options: Partial<LocalRuntimeOptions> & { clock?: Clock } = {},
): Promise<TestRuntime> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-test-'))
  const runtime = await startLocalRuntime({
    dbFile: path.join(dir, 'louzu.db'),
    port: 0,
    logLevel: 'silent',
    jobs: false,
    ...options,
  })
  const anonymous = new ApiClient(runtime.url)
  return {
    runtime,
    url: runtime.url,
    dir,
    anonymous,
    async login(openid, nickname) {
      // A database without the demo neighbourhood has no demo sign-in: sign in as a real deployment does, with a one-time code.
      if (!runtime.demoSignIn) {
        const user = await findOrCreateUser(runtime.deps, openid, nickname)
        const { code } = await createSignInCode(runtime.deps, { userId: user._id, createdBy: 'console' })
        const signedIn = await anonymous.post<{ token: string }>('/api/signin', { code })
        if (!signedIn.body.ok) throw new Error(`sign-in ${openid} failed: ${JSON.stringify(signedIn.body.error)}`)
        return new ApiClient(runtime.url, signedIn.body.data.token)
      }
      const result = await anonymous.post<{ token: string }>(
        '/api/dev/login',
        nickname ? { openid, nickname } : { openid },
      )
      if (!result.body.ok) throw new Error(`login ${openid} failed: ${JSON.stringify(result.body.error)}`)
      return new ApiClient(runtime.url, result.body.data.token)
    },
    dbHash() {
      return hashDatabase(runtime)
    },
    async close() {
      await runtime.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Protective counters are left out: counting a refused attempt (a wrong join code) is the one
 * write a refusal makes, on purpose (cloudfunctions/core/shared/counters.ts).
 */
export function hashDatabase(runtime: LocalRuntime): string {
  const hash = createHash('sha256')
  const tables = runtime.db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c_%' AND name != 'c_counters' ORDER BY name`,
    )
    .all() as Array<{ name: string }>
  for (const { name } of tables) {
    hash.update(`#${name}\n`)
    for (const row of runtime.db.prepare(`SELECT id, doc FROM "${name}" ORDER BY id`).iterate() as Iterable<{
      id: string
      doc: string
    }>) {
      hash.update(`${row.id}\t${row.doc}\n`)
    }
  }
  return hash.digest('hex')
}
