import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import {
  callFn,
  fmt,
  load,
  login,
  pilotDb,
  ROOT,
  startServer,
  table,
  WORK_DIR,
  type BenchSection,
  type LoadResult,
} from '../harness'

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const PROFILE_SECONDS = 3
const RAW_DIR = path.join(ROOT, 'scripts', 'bench', 'raw')

interface Action {
  fn: string
  action: string
  data: (i: number) => unknown
  /** A different resident per request (an RSVP is once per resident); else the one resident. */
  perResident?: boolean
}

/** Requests per load phase for once-per-person actions (RSVPs each phase on a fresh session). */
const RSVP_MANY = 1500
const RSVP_ONE = 400

/** Verified residents (openid and building group), to act as one each where an action is once per person. */
function residents(dbFile: string, count: number): Array<{ openid: string; groupId: string }> {
  const db = new BetterSqlite3(dbFile, { readonly: true })
  try {
    return (
      db
        .prepare(
          `SELECT json_extract(doc, '$.openid') AS openid, json_extract(doc, '$.membership.buildingId') AS buildingId
           FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id LIMIT ?`,
        )
        .all(count) as Array<{ openid: string; buildingId: string }>
    ).map((r) => ({ openid: r.openid, groupId: `bg-${r.buildingId}` }))
  } finally {
    db.close()
  }
}

async function tokensFor(url: string, openids: string[]): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < openids.length; i += 50)
    tokens.push(...(await Promise.all(openids.slice(i, i + 50).map((o) => login(url, o)))))
  return tokens
}

async function createSession(url: string, adminToken: string): Promise<string> {
  const startAt = Date.now() + 3 * 86_400_000
  const { event } = await callFn<{ event: { eventId: string } }>(url, adminToken, 'events', 'create', {
    title: '开销测试：太极拳',
    place: '居委会活动室',
    startAt,
    endAt: startAt + 7_200_000,
    capacity: 30,
    audience: 'neighbourhood',
  })
  return event.eventId
}

/** One autocannon phase: 10 connections for throughput or 1 for latency; RSVPs by count, others by time. */
function phase(a: Action, connections: 10 | 1) {
  return a.perResident
    ? { connections, amount: connections === 10 ? RSVP_MANY : RSVP_ONE }
    : { connections, durationSeconds: connections === 10 ? DURATION : DURATION / 2 }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** The biggest self-time costs in a V8 CPU profile, by function and file. */
function topCosts(file: string, loadMs: number, count = 5): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  // Keep the samples of the load (the profile's last `loadMs`), not start-up (module loading) or seeding.
  const span = profile.timeDeltas.reduce((a, b) => a + b, 0)
  let elapsed = 0
  const keep = profile.timeDeltas.map((dt) => (elapsed += dt) >= span - loadMs * 1000)
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    if (!keep[i]) return
    const frame = byNode.get(id)?.callFrame
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    if (!frame) return
    const where = frame.url ? path.relative(ROOT, frame.url.replace(/^file:\/\//, '')) : ''
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + dt)
  })
  return [...self.entries()]
    .filter(([key]) => key !== '(idle)' && key !== '(program)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, t]) => `${key.replace(/node_modules\//, '')} ${fmt((100 * t) / total, 1)} %`)
    .join('; ')
}

function firstResident(dbFile: string): { openid: string; groupId: string } {
  const db = new BetterSqlite3(dbFile, { readonly: true })
  try {
    const row = db
      .prepare(
        `SELECT json_extract(doc, '$.openid') AS openid, json_extract(doc, '$.membership.buildingId') AS buildingId
         FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id LIMIT 1`,
      )
      .get() as { openid: string; buildingId: string }
    return { openid: row.openid, groupId: `bg-${row.buildingId}` }
  } finally {
    db.close()
  }
}

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8')
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no SQL capture at ${file}`)
}

/**
 * The local runtime over HTTP beside a bare fastify + better-sqlite3 server running the same SQL
 * (captured from the runtime for one request of each action), same autocannon settings, same run;
 * then a CPU profile of the runtime under each action's load.
 */
export const overhead: BenchSection = {
  title: 'Local runtime overhead against raw fastify + better-sqlite3',
  async run() {
    const dbFile = await pilotDb('overhead')
    const resident = firstResident(dbFile)
    const captureFile = path.join(WORK_DIR, 'sql-capture.json')
    const runtime = await startServer({
      dbFile,
      nodeArgs: ['--require', path.join(RAW_DIR, 'sql-capture.cjs')],
      env: { LOUZU_SQL_CAPTURE: captureFile },
    })
    const runId = Date.now().toString(36)
    const pool = residents(dbFile, RSVP_MANY)
    let clientSeq = 0
    let token = ''
    let tokens: string[] = []
    let eventId = ''
    const requestOf =
      (a: Action, pool: string[], offset = 0) =>
      (i: number) => ({
        token: a.perResident ? (pool[i] ?? '') : token,
        action: a.action,
        data: a.data(offset + i),
      })
    let actions: Action[] = []
    const scripts: Record<string, unknown> = {}
    const runtimeLoads = new Map<string, { many: LoadResult; one: LoadResult }>()
    try {
      token = await login(runtime.url, resident.openid)
      const admin = await login(runtime.url, 'demo-admin')
      tokens = await tokensFor(
        runtime.url,
        pool.map((r) => r.openid),
      )
      eventId = await createSession(runtime.url, admin)
      actions = [
        { fn: 'account', action: 'me', data: () => ({}) },
        {
          fn: 'chat',
          action: 'send',
          // Each message from a different resident into their own building's group: the send limit is per person.
          data: (i) => ({
            groupId: pool[i % pool.length]?.groupId,
            clientId: `overhead-${runId}-${clientSeq++}`,
            text: '今天菜场的青菜很新鲜。',
          }),
          perResident: true,
        },
        { fn: 'chat', action: 'history', data: () => ({ groupId: resident.groupId, limit: 30 }) },
        { fn: 'events', action: 'rsvp', data: () => ({ eventId }), perResident: true },
        { fn: 'announcements', action: 'list', data: () => ({ limit: 20 }) },
      ]
      // Capture each action's SQL in the steady state the load measures (after a warm-up call).
      for (const a of actions) {
        const who = (i: number) => (a.perResident ? (tokens[i] ?? '') : token)
        for (let i = 0; i < 3; i++) await callFn(runtime.url, who(i), a.fn, a.action, a.data(i))
        fs.rmSync(captureFile, { force: true })
        process.kill(runtime.pid, 'SIGUSR2')
        // A signal is handled on the server's event loop; let it arrive before the request does.
        await new Promise((r) => setTimeout(r, 200))
        await callFn(runtime.url, who(3), a.fn, a.action, a.data(3))
        process.kill(runtime.pid, 'SIGUSR2')
        scripts[`${a.fn}.${a.action}`] = JSON.parse(await waitForFile(captureFile))
      }
      for (const a of actions) {
        const request = requestOf(a, tokens)
        if (a.action === 'rsvp') eventId = await createSession(runtime.url, admin)
        const many = await load({ url: runtime.url, fn: a.fn, ...phase(a, 10), request })
        if (a.action === 'rsvp') eventId = await createSession(runtime.url, admin)
        const one = await load({ url: runtime.url, fn: a.fn, ...phase(a, 1), request })
        runtimeLoads.set(`${a.fn}.${a.action}`, { many, one })
      }
    } finally {
      await runtime.stop()
    }

    const scriptsFile = path.join(WORK_DIR, 'raw-scripts.json')
    fs.writeFileSync(scriptsFile, JSON.stringify(scripts))
    const raw = await startServer({
      dbFile,
      script: path.join(RAW_DIR, 'raw-server.ts'),
      env: { RAW_SCRIPTS: scriptsFile },
    })
    const rawLoads = new Map<string, { many: LoadResult; one: LoadResult }>()
    try {
      for (const a of actions) {
        const request = requestOf(a, tokens)
        const many = await load({ url: raw.url, fn: a.fn, ...phase(a, 10), request })
        const one = await load({ url: raw.url, fn: a.fn, ...phase(a, 1), request })
        rawLoads.set(`${a.fn}.${a.action}`, { many, one })
      }
    } finally {
      await raw.stop()
    }

    const profiles = new Map<string, string>()
    for (const a of actions) {
      const dir = path.join(WORK_DIR, 'cpu-prof', `${a.fn}.${a.action}`)
      fs.rmSync(dir, { recursive: true, force: true })
      let loadStarted = Date.now()
      let loadMs = 0
      const server = await startServer({ dbFile, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] })
      try {
        token = await login(server.url, resident.openid)
        let tokenPool: string[] = []
        if (a.perResident) {
          tokenPool = await tokensFor(
            server.url,
            pool.map((r) => r.openid),
          )
          if (a.action === 'rsvp') eventId = await createSession(server.url, await login(server.url, 'demo-admin'))
        }
        const request = requestOf(a, tokenPool)
        loadStarted = Date.now()
        await load({
          url: server.url,
          fn: a.fn,
          ...(a.perResident
            ? { connections: 10, amount: RSVP_MANY }
            : { connections: 10, durationSeconds: PROFILE_SECONDS }),
          request,
        })
      } finally {
        loadMs = Date.now() - loadStarted
        await server.stop()
      }
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
      profiles.set(`${a.fn}.${a.action}`, file ? topCosts(path.join(dir, file), loadMs) : 'no profile written')
    }

    const rows = actions.map((a) => {
      const key = `${a.fn}.${a.action}`
      const rt = runtimeLoads.get(key)
      const rw = rawLoads.get(key)
      const ratio = rt && rw ? (100 * rt.many.requestsPerSec) / rw.many.requestsPerSec : NaN
      const statements = (scripts[key] as unknown[] | undefined)?.length ?? 0
      return [
        `\`${key}\``,
        `${statements}`,
        fmt(rt?.many.requestsPerSec ?? NaN, 0),
        fmt(rw?.many.requestsPerSec ?? NaN, 0),
        `**${fmt(ratio, 0)} %**`,
        `**${fmt(rt?.one.p99 ?? NaN, 1)}**`,
        fmt(rw?.one.p99 ?? NaN, 1),
        `${(rt?.many.errors ?? 0) + (rt?.many.non2xx ?? 0) + (rt?.one.errors ?? 0) + (rt?.one.non2xx ?? 0)}`,
      ]
    })
    const load1 = os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')
    return [
      `One pilot-scale database. \`account.me\`, \`chat.history\` and \`announcements.list\` are called by one verified resident; \`chat.send\` and \`events.rsvp\` are once per person within their limits, so each request comes from a different verified resident (${RSVP_MANY} requests with 10 connections, ${RSVP_ONE} with one; each RSVP phase on a fresh 30-seat session). The runtime runs in its own process with a preload that records the SQL statements and parameters of one request per action (after three warm-up calls, so the steady state the load sees); the raw server is fastify 5 + better-sqlite3 in its own process, running exactly those statements with those parameters (writes in one immediate transaction, INSERT replayed as INSERT OR REPLACE), parsing the documents it reads and returning them as JSON — no identity, validation, router or use case. Same autocannon settings for both: 10 connections for ${DURATION} s (throughput), then 1 connection for ${DURATION / 2} s (p99); autocannon reports latency in whole milliseconds. Targets: runtime ≥ 50 % of raw throughput, p99 ≤ 10 ms with one connection. Load average at the end of the section: ${load1} (a shared 2-core machine; other work was running).`,
      '',
      table(
        [
          'action',
          'SQL statements',
          'runtime req/s',
          'raw req/s',
          'runtime / raw',
          'runtime p99, 1 conn (ms)',
          'raw p99, 1 conn (ms)',
          'runtime errors',
        ],
        rows,
      ),
      '',
      `Where the runtime's CPU goes (V8 \`--cpu-prof\`, ${PROFILE_SECONDS} s of 10-connection load per action, self time, top 5, idle excluded):`,
      '',
      ...actions.map((a) => `- \`${a.fn}.${a.action}\`: ${profiles.get(`${a.fn}.${a.action}`)}`),
    ].join('\n')
  },
}
