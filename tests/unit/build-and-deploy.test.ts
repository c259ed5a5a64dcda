import { SCHEDULED_TASKS } from '../../cloudfunctions/functions/tasks'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import { deploy } from '../../scripts/deploy'
import { CHUNK_FILES } from '../../scripts/lib/bundle-chunks'
import { discoverFunctions } from '../../scripts/lib/function-config'
import { CloudbaseCapture, ejsonDoc } from '../support/cloudbase-capture'
import { FakeTencentCloudApi } from '../support/fake-tencentcloud-api'
import { firstOf } from '../support/lists'

/**
 * The build and deploy scripts as a developer runs them (npm run …), into a temporary folder.
 * Nothing reaches Tencent: the bundles talk to a local capture server, the deploy to a fake
 * `tcb` and a fake TencentCloud API.
 */

const REPO = path.resolve(__dirname, '..', '..')
const FUNCTIONS = discoverFunctions()

let tmp: string
let distDir: string
let buildOutput: string

/** The environment without anything that could make a deploy real (a developer may have keys set). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env)) if (/^(TCB_|LOUZU_|TENCENTCLOUD_|WX_)/.test(key)) delete env[key]
  return { ...env, TENCENTCLOUD: 'true', ...extra }
}

/** `npm run …`, asynchronously: the fake servers below live in this process and must keep answering. */
function npm(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: REPO, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-build-'))
  distDir = path.join(tmp, 'cloudfunctions')
  const built = await npm(['build:functions', '--', '--out', distDir], cleanEnv())
  if (built.code !== 0) throw new Error(`build failed: ${built.stdout}\n${built.stderr}`)
  buildOutput = built.stdout
}, 60_000)
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('npm run build:functions', () => {
  test('when functions are built, then each has index.js, the SDK files, package.json and config.json, nothing else', () => {
    expect(fs.readdirSync(distDir).sort()).toEqual(FUNCTIONS)
    for (const name of FUNCTIONS) {
      const dir = path.join(distDir, name)
      expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json', ...CHUNK_FILES].sort())
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      expect(manifest).toMatchObject({ name, main: 'index.js', dependencies: {} })
      const source = path.join(REPO, 'cloudfunctions', 'functions', name, 'config.json')
      if (fs.existsSync(source))
        expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(fs.readFileSync(source, 'utf8'))
      // Routed functions check user text and notify; a scheduled task only notifies.
      const needed = SCHEDULED_TASKS.includes(name)
        ? ['subscribeMessage.send']
        : ['security.msgSecCheck', 'subscribeMessage.send']
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).permissions.openapi).toEqual(
        expect.arrayContaining(needed),
      )
    }
  })

  test('when the output is listed, then no TypeScript source travels with the bundles', () => {
    const all = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [e.name]))
    expect(all(distDir).filter((file) => /\.tsx?$/.test(file))).toEqual([])
  })

  test('when functions are built, then the code of each (index.js and its SDK files) is at most 1 MB', () => {
    for (const name of FUNCTIONS) {
      const files = ['index.js', ...CHUNK_FILES].map((file) => path.join(distDir, name, file))
      expect(files.reduce((total, file) => total + fs.statSync(file).size, 0)).toBeLessThanOrEqual(1024 * 1024)
    }
  })

  test('when a function starts, then it reads only index.js and node-sdk.js: the WeChat SDK waits for a call that needs it', () => {
    const index = fs.readFileSync(path.join(distDir, 'account', 'index.js'), 'utf8')
    const required = [...index.matchAll(/require\("(\.\/[^"]+)"\)/g)].map((m) => m[1])
    expect([...new Set(required)].sort()).toEqual(['./node-sdk.js', './wx-server-sdk.js'])
    // Neither SDK is inlined: together they are larger than this.
    expect(index.length).toBeLessThan(400 * 1024)
  })

  test('when dependencies are installed, then wx-server-sdk shares our one copy of node-sdk', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>
    }
    expect(Object.keys(lock.packages).filter((key) => key.endsWith('node_modules/@cloudbase/node-sdk'))).toEqual([
      'node_modules/@cloudbase/node-sdk',
    ])
  })

  test('when the build finishes, then it prints a size table with every function', () => {
    expect(buildOutput).toMatch(/function\s+index\.js\s+gzip/)
    for (const name of FUNCTIONS) expect(buildOutput).toMatch(new RegExp(`${name}\\s+[\\d.]+ KB\\s+[\\d.]+ KB`))
  })
})

describe('a built bundle on its own', () => {
  const capture = new CloudbaseCapture()
  let serviceUrl: string
  beforeAll(async () => {
    serviceUrl = await capture.start()
  })
  afterAll(() => capture.close())

  /** Run the bundle's main in a fresh Node process, from a folder with no node_modules in reach. */
  function callBundle(
    name: string,
    event: unknown,
    env: Record<string, string>,
  ): Promise<{ reply: unknown; output: string }> {
    const script = `require(${JSON.stringify(path.join(distDir, name, 'index.js'))}).main(${JSON.stringify(event)}, { request_id: 'req-bundle' })
      .then((reply) => process.stdout.write('\\nREPLY ' + JSON.stringify(reply) + '\\n'))`
    return new Promise((resolve, reject) => {
      // Only PATH and the platform variables: nothing of this test process leaks into the bundle's world.
      const childEnv = { PATH: process.env.PATH ?? '', TENCENTCLOUD: 'true', ...env } as unknown as NodeJS.ProcessEnv
      const child = spawn(process.execPath, ['-e', script], { cwd: tmp, env: childEnv })
      let output = ''
      child.stdout.on('data', (d) => (output += d))
      child.stderr.on('data', (d) => (output += d))
      child.on('error', reject)
      child.on('exit', () => {
        const line = output.split('\n').find((l) => l.startsWith('REPLY '))
        resolve({ reply: line ? JSON.parse(line.slice(6)) : null, output })
      })
    })
  }

  const platform = (openid: string) => ({
    WX_CONTEXT_KEYS: 'WX_OPENID',
    WX_OPENID: openid,
    TENCENTCLOUD_SECRETID: 'AKIDbundle',
    TENCENTCLOUD_SECRETKEY: 'bundle-secret',
    LOUZU_TCB_SERVICE_URL: serviceUrl,
    LOUZU_LOG_LEVEL: 'silent',
  })

  test('when the account bundle answers "me", then its bundled node-sdk reads the caller through the database API', async () => {
    // Arrange
    capture.clear()
    capture.handle('database.getDocument', () => ({
      requestId: 'r',
      data: {
        list: [
          ejsonDoc({
            _id: 'u7',
            openid: 'o-bundle',
            nickname: '小陈',
            largeText: false,
            roles: [],
            membership: null,
            privacyAcceptedVersion: null,
            createdAt: 1,
          }),
        ],
      },
    }))
    // Act
    const { reply, output } = await callBundle('account', { action: 'me' }, platform('o-bundle'))
    // Assert
    expect(reply).toMatchObject({ ok: true, data: { userId: 'u7', nickname: '小陈' } })
    expect(JSON.parse(String(firstOf(capture.of('database.getDocument')).body.query))).toEqual({ openid: 'o-bundle' })
    expect(output).not.toMatch(/Cannot find module/)
  }, 20_000)

  test('when text must be checked, then the bundled wx-server-sdk sends security.msgSecCheck (and a failed check refuses the write)', async () => {
    capture.clear()
    capture.handle('database.getDocument', () => ({
      requestId: 'r',
      data: {
        list: [
          ejsonDoc({
            _id: 'u7',
            openid: 'o-bundle',
            nickname: '小陈',
            largeText: false,
            roles: [],
            membership: null,
            privacyAcceptedVersion: null,
            createdAt: 1,
          }),
        ],
      },
    }))
    const { reply } = await callBundle(
      'account',
      { action: 'updateProfile', data: { nickname: '新名字' } },
      platform('o-bundle'),
    )
    // The capture server cannot speak WeChat's protobuf reply, so the check fails closed.
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', requestId: 'req-bundle' } })
    const openApi = capture.requests.find((r) => String(r.body.raw ?? '').includes('wx.openApi'))
    expect(String(openApi?.body.raw)).toContain('security.msgSecCheck')
    expect(capture.of('database.modifyDocument')).toEqual([])
  }, 20_000)
})

/** Run deploy() here, collecting what it prints, as a spawned run would report it. */
async function inProcess(run: () => Promise<number>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')))
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')))
  try {
    const code = await run()
    return { code, stdout: out.join('\n'), stderr: err.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

describe('npm run deploy', () => {
  type Run = { code: number | null; stdout: string; stderr: string }
  // Two fake clouds (each run gets its own, so the runs below can go at once) and a fake `tcb`
  // that records where and with what it was run (`tcb --version` succeeds).
  const api = new FakeTencentCloudApi('louzu-test', 'fake-secret-key')
  const untouched = new FakeTencentCloudApi('louzu-test', 'fake-secret-key')
  let tcb: string
  const runs: Record<
    'dryRun' | 'noCredentials' | 'noCli' | 'full' | 'badTemplates' | 'noTemplates' | 'wouldWipe',
    Promise<Run>
  > = {} as never
  // The functions as a previous deploy left them, for the "would wipe" run.
  const deployedBefore = new FakeTencentCloudApi('louzu-test', 'fake-secret-key')
  // Where `--smoke` calls the deployed functions: each answers ping as a healthy function does.
  const functionsCapture = new CloudbaseCapture()
  const tcbLog = (name: string) => path.join(tmp, `tcb-${name}.log`)

  const deployEnv = (apiBase: string, log: string, extra: Record<string, string> = {}) =>
    cleanEnv({
      TCB_ENV_ID: 'louzu-test',
      TCB_SECRET_ID: 'AKIDfake',
      TCB_SECRET_KEY: 'fake-secret-key',
      TCB_CLI: tcb,
      FAKE_TCB_LOG: log,
      LOUZU_TENCENTCLOUD_API: apiBase,
      LOUZU_TEMPLATE_IDS: JSON.stringify({
        announcement: { templateId: 'TMPL-1', fields: { thing1: 'title', thing2: 'body' } },
      }),
      ...extra,
    })

  beforeAll(async () => {
    tcb = path.join(tmp, 'bin', 'tcb')
    fs.mkdirSync(path.dirname(tcb), { recursive: true })
    fs.writeFileSync(tcb, '#!/bin/sh\necho "$PWD|$*" >> "$FAKE_TCB_LOG"\nexit 0\n', { mode: 0o755 })
    const [apiBase, untouchedBase, deployedBeforeBase, functionsUrl] = await Promise.all([
      api.start(),
      untouched.start(),
      deployedBefore.start(),
      functionsCapture.start(),
    ])
    functionsCapture.handle('functions.invokeFunction', (request) => ({
      requestId: 'r',
      data: {
        response_data: JSON.stringify({
          ok: true,
          data: {
            function: request.body.function_name,
            at: 1,
            database: { ok: true },
            contentCheck: { status: 'unavailable', errCode: 40003, message: 'invalid openid' },
          },
        }),
      },
    }))
    // Someone set LOUZU_LOG_LEVEL and TZ on `account` in the console since the last deploy.
    deployedBefore.functions.set('account', {
      LOUZU_TEMPLATE_IDS: '{"announcement":{"templateId":"OLD","fields":{"thing1":"title"}}}',
      LOUZU_LOG_LEVEL: 'warn',
      TZ: 'Asia/Shanghai',
    })
    // What a developer types, as separate processes started together…
    runs.dryRun = npm(['deploy', '--', '--dry-run', '--dist', distDir], cleanEnv())
    runs.noCredentials = npm(['deploy', '--', '--dist', distDir], cleanEnv({ TCB_ENV_ID: 'louzu-test' }))
    // …and the rest in this process (the same deploy() the script runs), one after another
    // because they share the console; spawning a TypeScript process each would only add seconds.
    const argv = ['--dist', distDir]
    // .env files are read from an empty folder: only what each run sets counts.
    const isolated = { settingsDir: path.join(tmp, 'no-settings') }
    runs.noCli = inProcess(() =>
      deploy(
        argv,
        cleanEnv({
          TCB_ENV_ID: 'louzu-test',
          TCB_SECRET_ID: 'AKIDx',
          TCB_SECRET_KEY: 'k',
          TCB_CLI: path.join(tmp, 'no-such-tcb'),
        }),
        isolated,
      ),
    )
    await runs.noCli
    runs.full = inProcess(() =>
      deploy(
        [...argv, '--smoke'],
        deployEnv(apiBase, tcbLog('full'), { LOUZU_TCB_SERVICE_URL: functionsUrl }),
        isolated,
      ),
    )
    await runs.full
    runs.badTemplates = inProcess(() =>
      deploy(
        argv,
        deployEnv(untouchedBase, tcbLog('bad'), { LOUZU_TEMPLATE_IDS: '{"announcement":{"templateId":""}}' }),
        isolated,
      ),
    )
    await runs.badTemplates
    runs.noTemplates = inProcess(() =>
      deploy(argv, deployEnv(untouchedBase, tcbLog('none'), { LOUZU_TEMPLATE_IDS: '' }), isolated),
    )
    await runs.noTemplates
    runs.wouldWipe = inProcess(() => deploy(argv, deployEnv(deployedBeforeBase, tcbLog('wipe')), isolated))
  }, 60_000)
  afterAll(async () => {
    await Promise.allSettled(Object.values(runs))
    await Promise.all([api.close(), untouched.close(), deployedBefore.close(), functionsCapture.close()])
  })

  test('when run with --dry-run and no credentials, then it prints every function, collection, index and rule and exits 0', async () => {
    const { code, stdout } = await runs.dryRun
    expect(code).toBe(0)
    expect(stdout).toContain('dry run')
    for (const name of FUNCTIONS) {
      expect(stdout).toContain(`function ${name}`)
      expect(stdout).toContain(`dir: ${path.relative(REPO, path.join(distDir, name))}`)
      expect(stdout).toContain(`$ tcb fn deploy ${name} -e <TCB_ENV_ID> --force`)
    }
    expect(stdout).toContain('runtime Nodejs24.11, timeout 20 s')
    // Timer functions show when they run.
    expect(stdout).toContain('trigger: timer eventReminders: every 5 minutes (0 */5 * * * * *)')
    expect(stdout).toContain('trigger: timer outboxDrain: every minute (0 * * * * * *)')
    expect(stdout).toContain('3. function environment variables')
    for (const spec of ALL_COLLECTIONS) {
      expect(stdout).toContain(`collection ${spec.name} — `)
      for (const index of spec.indexes) expect(stdout).toContain(`index ${index.name}: `)
    }
    expect(stdout).toContain('client rule: ADMINONLY')
  }, 60_000)

  test('when run without credentials and without --dry-run, then it names the missing variables in Chinese and English and exits 2', async () => {
    const { code, stderr } = await runs.noCredentials
    expect(code).toBe(2)
    expect(stderr).toContain('缺少部署所需的环境变量：TCB_SECRET_ID, TCB_SECRET_KEY')
    expect(stderr).toContain('Missing environment variables needed to deploy: TCB_SECRET_ID, TCB_SECRET_KEY')
    expect(stderr).toContain('npm run deploy -- --dry-run')
  }, 60_000)

  test('when the CloudBase CLI is not installed, then it says how to install it and exits 3', async () => {
    const { code, stderr } = await runs.noCli
    expect(code).toBe(3)
    expect(stderr).toContain('npm i -g @cloudbase/cli')
  }, 60_000)

  test('when everything is present, then the database is set up and each function deployed with the CLI', async () => {
    // Act
    const { code, stdout, stderr } = await runs.full
    // Assert: the run
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).not.toContain('fake-secret-key')
    // the database, through the (signature-checking) fake API
    expect([...api.tables.keys()].sort()).toEqual(ALL_COLLECTIONS.map((s) => s.name).sort())
    for (const spec of ALL_COLLECTIONS) {
      expect(
        api.tables
          .get(spec.name)!
          .map((i) => i.Name)
          .sort(),
      ).toEqual(['_id_', ...spec.indexes.map((i) => i.name)].sort())
      expect(api.rules.get(spec.name)?.AclTag).toBe(spec.clientRule ? 'CUSTOM' : 'ADMINONLY')
    }
    // the functions, through the CLI, from the folder holding cloudbaserc.json
    expect(fs.readFileSync(tcbLog('full'), 'utf8').trim().split('\n')).toEqual([
      `${REPO}|--version`,
      `${tmp}|login --apiKeyId AKIDfake --apiKey fake-secret-key`,
      ...FUNCTIONS.map((name) => `${tmp}|fn deploy ${name} -e louzu-test --force`),
    ])
    const rc = JSON.parse(fs.readFileSync(path.join(tmp, 'cloudbaserc.json'), 'utf8'))
    expect(rc).toMatchObject({ envId: 'louzu-test', functionRoot: './cloudfunctions' })
    expect(rc.functions.map((f: { name: string }) => f.name)).toEqual(FUNCTIONS)
    expect(rc.functions[0]).toMatchObject({
      handler: 'index.main',
      runtime: 'Nodejs24.11',
      timeout: 20,
      installDependency: false,
    })
    expect(JSON.parse(rc.functions[0].envVariables.LOUZU_TEMPLATE_IDS)).toHaveProperty(
      'announcement.templateId',
      'TMPL-1',
    )
    // --smoke: then every function is called once and the messages rule just applied is judged.
    expect(stdout).toContain('楼组一片天 smoke check: louzu-test')
    expect(functionsCapture.of('functions.invokeFunction').map((r) => r.body.function_name)).toEqual(FUNCTIONS)
    expect(stdout).toMatch(/messages rule: non-member\s+ok/)
    expect(stdout).toMatch(/all \d+ checks passed/)
  }, 60_000)

  test('when LOUZU_TEMPLATE_IDS is not set, then nothing is deployed (it would stop every WeChat message) and it exits 2', async () => {
    const { code, stderr } = await runs.noTemplates
    expect(code).toBe(2)
    expect(stderr).toContain('LOUZU_TEMPLATE_IDS is not set')
    expect(stderr).toContain('stop every WeChat subscribe message')
    expect(fs.readFileSync(tcbLog('none'), 'utf8').trim()).toBe(`${REPO}|--version`)
  }, 60_000)

  test('when the deploy would drop a variable set in the console, then it stops before changing anything and names it; variables it does not manage are kept', async () => {
    const { code, stderr } = await runs.wouldWipe
    expect(code).toBe(2)
    expect(stderr).toContain('LOUZU_LOG_LEVEL (on account)')
    expect(stderr).not.toContain('TZ')
    expect(stderr).toContain('Nothing has been changed')
    expect(deployedBefore.actions().filter((a) => a !== 'scf.GetFunction')).toEqual([])
    expect(fs.readFileSync(tcbLog('wipe'), 'utf8').trim()).toBe(`${REPO}|--version`)
  }, 60_000)

  test('when the subscribe template config is invalid, then nothing is deployed and it exits 2', async () => {
    const { code, stderr } = await runs.badTemplates
    expect(code).toBe(2)
    expect(stderr).toContain('LOUZU_TEMPLATE_IDS')
    expect(untouched.calls).toEqual([])
    expect(fs.readFileSync(tcbLog('bad'), 'utf8').trim()).toBe(`${REPO}|--version`)
  }, 60_000)
})
