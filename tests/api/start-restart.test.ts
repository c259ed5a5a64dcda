import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalCore } from '../../cloudfunctions/local-runtime'
import { untypedStore } from '../../cloudfunctions/core/shared/document-store'
import { ApiClient } from '../support/runtime'
import { at } from '../support/lists'

const ROOT = path.resolve(__dirname, '../..')

interface Started {
  child: ChildProcess
  url: string
  output: () => string
}

/** `npm start`'s server process exactly as a person runs it (minus the h5 build step). */
function start(dbFile: string): Promise<Started> {
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(ROOT, 'cloudfunctions', 'serve-local.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOUZU_DB: dbFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = out.match(/is running: (http:\/\/[^/\s]+)/)
      if (match) {
        clearInterval(timer)
        resolve({ child, url: at(match, 1), output: () => out })
      }
    }, 50)
    child.on('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`exited ${code}: ${out}`))
    })
  })
}

function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code))
    started.child.kill(signal)
  })
}

describe('the local runtime process (npm start)', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-start-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('when started on a new database, stopped with Ctrl-C and started again, then it seeds once, stops cleanly and keeps every write', async () => {
    const dbFile = path.join(dir, 'nested', 'louzu.db')
    const first = await start(dbFile)
    expect(first.output()).toContain('seeded with the demo neighbourhood')
    for (const openid of [
      'demo-admin',
      'demo-leader-5',
      'demo-doctor',
      'demo-resident-5',
      'demo-resident-11',
      'demo-youth',
      'demo-newcomer',
    ]) {
      expect(first.output()).toContain(openid)
    }
    const anonymous = new ApiClient(first.url)
    const login = await anonymous.post<{ token: string }>('/api/dev/login', { openid: 'restart-check' })
    if (!login.body.ok) throw new Error('login failed')
    const client = new ApiClient(first.url, login.body.data.token)
    await client.ok('account', 'updateProfile', { nickname: '重启测试' })
    const applied = await client.ok('account', 'applyToBuilding', { buildingId: 'mc-2', room: '201' })

    expect(await stop(first, 'SIGINT')).toBe(0)
    expect(first.output()).toContain('SIGINT: stopping')
    // The secret that signs tokens is kept beside the database, readable by its owner only.
    expect(fs.statSync(path.join(dir, 'nested', 'secret.key')).mode & 0o777).toBe(0o600)

    const second = await start(dbFile)
    try {
      expect(second.output()).not.toContain('seeded')
      // Same secret, same data: the old token still works and the application is still there.
      const again = new ApiClient(second.url, login.body.data.token)
      const me = await again.ok('account', 'me')
      expect(me.nickname).toBe('重启测试')
      expect(me.membership).toMatchObject({ membershipId: applied.membershipId, status: 'pending', room: '201' })
    } finally {
      expect(await stop(second, 'SIGTERM')).toBe(0)
    }
  })
})

describe('the first start seeds without replacing anything', () => {
  test('when a database from before seeds were recorded holds documents but no neighbourhood, then the demo seed goes in beside them and none is lost', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-seed-in-place-'))
    const dbFile = path.join(dir, 'louzu.db')
    try {
      const bare = await createLocalCore({ dbFile, seed: 'none', logLevel: 'silent' })
      await bare.deps.store.insert('notifications', {
        _id: 'kept-1',
        recipientId: 'someone',
        kind: 'system',
        title: '保留',
        body: '',
        link: null,
        urgent: false,
        createdAt: 1,
        readAt: null,
        wechat: 'not-granted',
      })
      // Such a database has no record of what it was started with.
      await untypedStore(bare.deps.store).delete('local_runtime_meta', 'seed')
      bare.media.check.close()
      bare.db.close()

      const started = await createLocalCore({ dbFile, logLevel: 'silent' })
      try {
        expect(started.seeded).toBe(true)
        expect(await started.deps.store.count('estates', {})).toBe(3)
        expect(await started.deps.store.get('notifications', 'kept-1')).toMatchObject({ title: '保留' })
      } finally {
        started.media.check.close()
        started.db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
