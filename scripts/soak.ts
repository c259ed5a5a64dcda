/**
 * `npm run soak [-- --minutes 30 --rate 25 --storm 1000]`: the real local runtime on a
 * pilot-scale database, in its own process, under a steady mixed load for the whole duration:
 * reads (account.me, announcements.list, chat.history, events.list, health.search), chat sends,
 * RSVPs and cancellations, and one SSE listener per building (35) from start to end. Halfway, a
 * storm of SSE connections opens and closes. Reports errors, p99 latency early vs late, the
 * server's resident memory after warm-up vs at the end, and whether the storm left listeners or
 * sockets behind. Writes .data/soak/soak-<time>.md and .json; exits 1 when a check fails.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { fmt, machine, median, percentile, pilotDb, ROOT, startServer, table } from './bench/harness'
import {
  call,
  CHAT_LINES,
  devLogin,
  devLoginAll,
  diagnostics,
  openSockets,
  prng,
  sleep,
  type Outcome,
} from './durability/client'
import { memoryVerdict, type MemoryVerdict } from './durability/memory-growth'
import { SseFollower } from './durability/sse-follower'
import { numberFlag } from './lib/flags'
import { cycle, firstOf } from '../cloudfunctions/core/shared/lists'

const { values: FLAGS } = parseArgs({
  options: {
    minutes: { type: 'string' },
    rate: { type: 'string' },
    storm: { type: 'string' },
    actors: { type: 'string' },
    seed: { type: 'string' },
    'memory-of': { type: 'string' },
  },
})
const MINUTES = numberFlag(FLAGS, 'minutes', 30, 'positive')
const RATE = numberFlag(FLAGS, 'rate', 25, 'positive')
const STORM = numberFlag(FLAGS, 'storm', 1000, 'positive')
const ACTORS_PER_BUILDING = numberFlag(FLAGS, 'actors', 10, 'positive')
const SEED = numberFlag(FLAGS, 'seed', 7, 'positive')
const MAX_IN_FLIGHT = 64
const SAMPLE_EVERY_MS = 10_000
const SEARCHES = ['血压', '高血压', '降压药 头晕', '糖尿病 饮食', '失眠', '骨质疏松症']

interface Resident {
  openid: string
  userId: string
  buildingId: string
  groupId: string
  token: string
}

interface Sample {
  at: number
  ms: number
  what: string
}

interface MemorySample {
  at: number
  rssMb: number
  heapMb: number
  heapTotalMb: number
  externalMb: number
  listeners: number
  sockets: number
  load1: number
}

function residentsOf(dbFile: string, perBuilding: number): Array<Omit<Resident, 'token'>> {
  const db = new BetterSqlite3(dbFile, { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(doc, '$.openid') AS openid, id AS userId, json_extract(doc, '$.membership.buildingId') AS buildingId
         FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id`,
      )
      .all() as Array<{ openid: string; userId: string; buildingId: string }>
    const byBuilding = new Map<string, typeof rows>()
    for (const row of rows) byBuilding.set(row.buildingId, [...(byBuilding.get(row.buildingId) ?? []), row])
    return [...byBuilding.values()]
      .flatMap((list) => list.slice(0, perBuilding))
      .map((r) => ({ ...r, groupId: `bg-${r.buildingId}` }))
  } finally {
    db.close()
  }
}

async function must<T>(outcome: Promise<Outcome<T>>, what: string): Promise<T> {
  const result = await outcome
  if (result.kind !== 'ok') throw new Error(`${what}: ${JSON.stringify(result)}`)
  return result.data
}

/** Open `count` SSE streams at once (a fifth of them dropped before they are ready), then close them all. */
async function storm(
  url: string,
  actors: Resident[],
  count: number,
  random: () => number,
  listeners: () => Promise<number>,
) {
  const started = Date.now()
  const requests: http.ClientRequest[] = []
  const tally = { ready: 0, refused: 0, failed: 0, abandoned: 0 }
  const allReady = new Promise<void>((resolve) => {
    const settle = () => tally.ready + tally.refused + tally.failed >= count - tally.abandoned && resolve()
    for (let i = 0; i < count; i++) {
      const actor = cycle(actors, Math.floor(random() * actors.length))
      // Some clients give up at once (a page closed while connecting): the server must not keep their listener.
      const abandon = random() < 0.2
      if (abandon) tally.abandoned++
      const request = http.get(
        `${url}/api/realtime?topics=group:${actor.groupId}&token=${encodeURIComponent(actor.token)}`,
        { agent: false },
        (response) => {
          if (abandon) return
          if (response.statusCode !== 200) {
            tally.refused++
            response.resume()
            return settle()
          }
          response.setEncoding('utf8')
          let seen = false
          response.on('data', (chunk: string) => {
            if (!seen && chunk.includes('event: ready')) {
              seen = true
              tally.ready++
              settle()
            }
          })
        },
      )
      request.on('error', () => {
        if (abandon) return
        tally.failed++
        settle()
      })
      requests.push(request)
      if (abandon) setTimeout(() => request.destroy(), Math.floor(random() * 50))
    }
  })
  await Promise.race([allReady, sleep(120_000)])
  const openMs = Date.now() - started
  const peakListeners = await listeners()
  for (const request of requests) request.destroy()
  return { openMs, ...tally, peakListeners }
}

function memoryRows(v: MemoryVerdict): string[][] {
  const span = (w: MemoryVerdict['before']) => `minutes ${fmt(w.fromMin, 1)}–${fmt(w.toMin, 1)}`
  return [
    [
      `server RSS after warm-up (${span(v.before)}): high / median / low`,
      `${fmt(v.before.peakMb, 1)} / ${fmt(v.before.medianMb, 1)} / ${fmt(v.before.lowMb, 1)} MB`,
    ],
    [
      `server RSS at the end (${span(v.end)}): high / median / low`,
      `${fmt(v.end.peakMb, 1)} / ${fmt(v.end.medianMb, 1)} / ${fmt(v.end.lowMb, 1)} MB`,
    ],
    ['**growth of the high-water mark** (median)', `**${fmt(v.peakGrowthPct, 1)} %** (${fmt(v.medianGrowthPct, 1)} %)`],
    ['V8 heap used, medians of the two windows', `${fmt(v.before.heapMedianMb, 1)} → ${fmt(v.end.heapMedianMb, 1)} MB`],
  ]
}

/** `npm run soak -- --memory-of .data/soak/<run>.json`: the memory verdict of a recorded run. */
function memoryOfRecordedRun(file: string): void {
  const run = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    minutes: number
    elapsedMs: number
    memory: MemorySample[]
  }
  const durationMs = run.minutes * 60_000
  const verdict = memoryVerdict(run.memory, {
    startedAt: firstOf(run.memory).at,
    warmupMs: Math.min(5 * 60_000, durationMs / 6),
    stormAtMs: durationMs / 2,
    elapsedMs: run.elapsedMs,
  })
  process.stdout.write(`${table(['what', 'value'], memoryRows(verdict))}\n`)
}

async function main(): Promise<void> {
  if (FLAGS['memory-of'] !== undefined) return memoryOfRecordedRun(FLAGS['memory-of'])
  const durationMs = MINUTES * 60_000
  const windowMs = Math.min(5 * 60_000, durationMs / 3)
  const warmupMs = Math.min(5 * 60_000, durationMs / 6)
  const random = prng(SEED)
  const log = (line: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

  log(`preparing a pilot database (first run seeds a template: a few minutes)…`)
  const dbFile = await pilotDb('soak')
  const server = await startServer({ dbFile, env: { LOUZU_DIAGNOSTICS: '1' } })
  const url = server.url
  log(`server pid ${server.pid} at ${url}`)
  const failures: string[] = []
  const errors = new Map<string, number>()
  const samples: Sample[] = []
  const memory: MemorySample[] = []
  const sent = new Map<string, Set<string>>() // groupId → acknowledged messageIds
  let stormResult: Awaited<ReturnType<typeof storm>> & {
    before: number
    after: number
    socketsBefore: number
    socketsAfter: number
    settleMs: number
  } = undefined as never
  let followers: Array<SseFollower & { groupId?: string }> = []
  try {
    const plan = residentsOf(dbFile, ACTORS_PER_BUILDING)
    const actors: Resident[] = await devLoginAll(url, plan)
    const buildings = [...new Set(actors.map((a) => a.groupId))]
    log(`${actors.length} residents logged in across ${buildings.length} buildings`)

    // Events to RSVP to: the committee publishes four neighbourhood-wide sessions with 40 seats each.
    const admin = await devLogin(url, 'demo-admin')
    const eventIds: string[] = []
    for (let i = 0; i < 4; i++) {
      const startAt = Date.now() + (3 + i) * 86_400_000
      const created = await must(
        call<{ eventIds: string[] }>(url, admin, 'events', 'create', {
          title: `压力测试活动 ${i + 1}`,
          place: '居委会活动室',
          startAt,
          endAt: startAt + 7_200_000,
          capacity: 40,
          audience: 'neighbourhood',
        }),
        'events.create',
      )
      eventIds.push(firstOf(created.eventIds))
    }

    // One listener per building for the whole run, each following from its page's cursor.
    followers = await Promise.all(
      buildings.map(async (groupId) => {
        const actor = actors.find((a) => a.groupId === groupId) as Resident
        const page = await must(
          call<{ cursor: number }>(url, actor.token, 'chat', 'history', { groupId, limit: 30 }),
          'chat.history',
        )
        const follower = Object.assign(
          new SseFollower({ baseUrl: () => url, token: actor.token, topics: [`group:${groupId}`], after: page.cursor }),
          { groupId },
        )
        const ready = follower.nextReady()
        follower.start()
        await ready
        return follower
      }),
    )
    const baselineListeners = (await diagnostics(url)).realtimeListeners
    log(`${followers.length} SSE listeners ready (server counts ${baselineListeners} listeners)`)

    const rsvped = new Set<string>() // `${eventId}|${userId}`
    const busy = new Set<string>()
    let clientSeq = 0
    const runId = Date.now().toString(36)

    const request = async (): Promise<void> => {
      const t0 = performance.now()
      const actor = cycle(actors, Math.floor(random() * actors.length))
      const roll = random()
      let what: string
      let outcome: Promise<Outcome<unknown>>
      if (roll < 0.14) {
        what = 'account.me'
        outcome = call(url, actor.token, 'account', 'me', {})
      } else if (roll < 0.28) {
        what = 'announcements.list'
        outcome = call(url, actor.token, 'announcements', 'list', {})
      } else if (roll < 0.42) {
        what = 'chat.history'
        outcome = call(url, actor.token, 'chat', 'history', { groupId: actor.groupId, limit: 30 })
      } else if (roll < 0.56) {
        what = 'events.list'
        outcome = call(url, actor.token, 'events', 'list', {})
      } else if (roll < 0.7) {
        what = 'health.search'
        outcome = call(url, actor.token, 'health', 'search', {
          q: cycle(SEARCHES, Math.floor(random() * SEARCHES.length)),
        })
      } else if (roll < 0.9) {
        what = 'chat.send'
        const clientId = `soak-${runId}-${clientSeq++}`
        outcome = call<{ messageId: string }>(url, actor.token, 'chat', 'send', {
          groupId: actor.groupId,
          clientId,
          text: CHAT_LINES[clientSeq % CHAT_LINES.length],
        }).then((result) => {
          if (result.kind === 'ok') {
            if (!sent.has(actor.groupId)) sent.set(actor.groupId, new Set())
            sent.get(actor.groupId)?.add(result.data.messageId)
          }
          return result
        })
      } else {
        const eventId = cycle(eventIds, Math.floor(random() * eventIds.length))
        const key = `${eventId}|${actor.userId}`
        if (busy.has(key)) return
        busy.add(key)
        const cancelling = rsvped.has(key)
        what = cancelling ? 'events.cancelRsvp' : 'events.rsvp'
        outcome = call(url, actor.token, 'events', cancelling ? 'cancelRsvp' : 'rsvp', { eventId }).then((result) => {
          if (result.kind === 'ok') {
            if (cancelling) rsvped.delete(key)
            else rsvped.add(key)
          }
          busy.delete(key)
          return result
        })
      }
      const result = await outcome
      samples.push({ at: Date.now(), ms: performance.now() - t0, what })
      if (result.kind !== 'ok') {
        const key = `${what}: ${result.kind === 'refused' ? result.code : result.error}`
        errors.set(key, (errors.get(key) ?? 0) + 1)
      }
    }

    const started = Date.now()
    const endAt = started + durationMs
    let inFlight = 0
    let skipped = 0
    let stormDone = false
    const sampleMemory = async () => {
      const d = await diagnostics(url).catch(() => null)
      memory.push({
        at: Date.now(),
        rssMb: server.rssMb(),
        heapMb: d ? d.heapUsedBytes / 2 ** 20 : NaN,
        heapTotalMb: d ? d.heapTotalBytes / 2 ** 20 : NaN,
        externalMb: d ? d.externalBytes / 2 ** 20 : NaN,
        listeners: d?.realtimeListeners ?? NaN,
        sockets: openSockets(server.pid),
        load1: os.loadavg()[0] ?? NaN,
      })
    }
    await sampleMemory()
    let nextSample = Date.now() + SAMPLE_EVERY_MS
    let nextLog = Date.now() + 60_000
    const interval = 1000 / RATE
    let due = Date.now()
    const pending = new Set<Promise<void>>()
    let stormTask: Promise<void> | undefined
    while (Date.now() < endAt) {
      const now = Date.now()
      if (now >= nextSample) {
        nextSample += SAMPLE_EVERY_MS
        void sampleMemory()
      }
      if (now >= nextLog) {
        nextLog += 60_000
        const recent = samples.filter((s) => s.at > now - 60_000).map((s) => s.ms)
        const last = memory[memory.length - 1]
        log(
          `${((now - started) / 60_000).toFixed(0)} min: ${recent.length} calls in the last minute, p99 ${fmt(percentile(recent, 99), 1)} ms, errors ${[...errors.values()].reduce((a, b) => a + b, 0)}, RSS ${fmt(last?.rssMb ?? NaN, 1)} MB, listeners ${last?.listeners}, load ${fmt(os.loadavg()[0] ?? NaN, 1)}`,
        )
      }
      if (!stormDone && now >= started + durationMs / 2) {
        stormDone = true
        stormTask = (async () => {
          const before = (await diagnostics(url)).realtimeListeners
          const socketsBefore = openSockets(server.pid)
          log(`storm: opening ${STORM} SSE connections (listeners before: ${before})`)
          const result = await storm(url, actors, STORM, random, async () => (await diagnostics(url)).realtimeListeners)
          const closedAt = Date.now()
          let after = NaN
          let socketsAfter = NaN
          // Closing is asynchronous on the server (socket close events): give it up to 30 s to settle.
          while (Date.now() - closedAt < 30_000) {
            await sleep(250)
            after = (await diagnostics(url)).realtimeListeners
            socketsAfter = openSockets(server.pid)
            if (after === before) break
          }
          stormResult = { ...result, before, after, socketsBefore, socketsAfter, settleMs: Date.now() - closedAt }
          log(
            `storm: ${result.ready} ready, ${result.abandoned} abandoned early, peak ${result.peakListeners} listeners; after closing: ${after} listeners (before ${before}), sockets ${socketsAfter} (before ${socketsBefore})`,
          )
        })()
      }
      if (now >= due) {
        due += interval
        if (inFlight >= MAX_IN_FLIGHT) skipped++
        else {
          inFlight++
          const task = request()
            .catch((error: Error) => {
              errors.set(`client: ${error.message}`, (errors.get(`client: ${error.message}`) ?? 0) + 1)
            })
            .finally(() => {
              inFlight--
              pending.delete(task)
            })
          pending.add(task)
        }
        continue
      }
      await sleep(Math.max(1, Math.min(due - now, 20)))
    }
    await Promise.all(pending)
    await stormTask
    await sampleMemory()
    const elapsedMs = Date.now() - started

    // Listeners: every acknowledged message of their building exactly once, cursors without gaps.
    const deadline = Date.now() + 60_000
    for (const follower of followers) {
      const expected = sent.get(follower.groupId as string) ?? new Set()
      while ([...expected].some((id) => !follower.received.has(id)) && Date.now() < deadline) await sleep(200)
    }
    const listenerChecks = followers.map((follower) => {
      const groupId = follower.groupId as string
      const expected = sent.get(groupId) ?? new Set<string>()
      const missing = [...expected].filter((id) => !follower.received.has(id))
      return {
        groupId,
        expected: expected.size,
        received: [...follower.received.values()].reduce((a, b) => a + b, 0),
        missing: missing.length,
        duplicates: follower.duplicates().length,
        irregular: follower.irregular.length,
        drops: follower.drops,
        refusals: follower.refusals.length,
      }
    })
    for (const follower of followers) follower.stop()

    // ---- figures ----
    const all = samples.map((s) => s.ms)
    const first = samples.filter((s) => s.at < started + windowMs).map((s) => s.ms)
    const last = samples.filter((s) => s.at >= started + elapsedMs - windowMs).map((s) => s.ms)
    const errorTotal = [...errors.values()].reduce((a, b) => a + b, 0)
    const verdict = memoryVerdict(memory, { startedAt: started, warmupMs, stormAtMs: durationMs / 2, elapsedMs })
    const growth = verdict.peakGrowthPct
    const byKind = [...new Set(samples.map((s) => s.what))].sort()
    const messagesSent = [...sent.values()].reduce((n, s) => n + s.size, 0)
    const loads = memory.map((m) => m.load1)

    if (errorTotal > 0) failures.push(`${errorTotal} calls failed: ${JSON.stringify(Object.fromEntries(errors))}`)
    if (skipped > 0)
      failures.push(
        `${skipped} calls were not sent because ${MAX_IN_FLIGHT} were already waiting (the server fell behind)`,
      )
    if (!(growth < 10)) failures.push(`resident memory's high-water mark grew ${fmt(growth, 1)} % (limit 10 %)`)
    if (!stormResult) failures.push('the storm did not run')
    else {
      if (stormResult.after !== stormResult.before)
        failures.push(`listeners after the storm: ${stormResult.after}, before: ${stormResult.before}`)
      if (stormResult.ready + stormResult.abandoned < STORM)
        failures.push(
          `storm: only ${stormResult.ready} of ${STORM - stormResult.abandoned} connections became ready (refused ${stormResult.refused}, failed ${stormResult.failed})`,
        )
    }
    for (const check of listenerChecks) {
      if (check.missing || check.duplicates || check.irregular || check.refusals)
        failures.push(
          `listener ${check.groupId}: missing ${check.missing}, duplicates ${check.duplicates}, cursor gaps ${check.irregular}, refusals ${check.refusals}`,
        )
    }

    const minutes = (ms: number) => `${fmt(ms / 60_000, 1)} min`
    const report = [
      `Run of ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC: **${minutes(elapsedMs)}** (\`npm run soak -- --minutes ${MINUTES}${RATE !== 25 ? ` --rate ${RATE}` : ''}\`), ${machine()}.`,
      `The machine is shared with other engineers' builds and tests (load average during the run: median ${fmt(median(loads), 1)}, max ${fmt(Math.max(...loads), 1)} on ${os.cpus().length} cores), so absolute latencies are noisy; the comparisons below are within this one run.`,
      '',
      `Pilot database (35 buildings, ~3,600 residents, every feature's pilot seed); the local runtime (\`serve-local.ts\`) in its own process with rate limits on. ${actors.length} residents (${ACTORS_PER_BUILDING} per building) make ${RATE} calls per second in total, open loop (a call starts on schedule whether or not earlier ones have answered): 14 % each of account.me, announcements.list, chat.history (own building), events.list and health.search, 20 % chat.send (own building), 10 % RSVP or cancel on four 40-seat neighbourhood events. ${followers.length} SSE listeners, one per building, follow their building's chat for the whole run.`,
      '',
      table(
        ['what', 'value'],
        [
          ['calls made', samples.length.toLocaleString('en')],
          ['errors (any answer other than ok, or no answer)', String(errorTotal)],
          ['calls not sent because 64 were in flight', String(skipped)],
          ['chat messages acknowledged', messagesSent.toLocaleString('en')],
          ['RSVPs held at the end', String(rsvped.size)],
          [`p50 / p99 latency, whole run (ms)`, `${fmt(percentile(all, 50), 1)} / ${fmt(percentile(all, 99), 1)}`],
          [`p99 latency, first ${minutes(windowMs)} (ms)`, fmt(percentile(first, 99), 1)],
          [`p99 latency, last ${minutes(windowMs)} (ms)`, fmt(percentile(last, 99), 1)],
          ...memoryRows(verdict),
          [
            'RSS min / max over the run',
            `${fmt(Math.min(...memory.map((m) => m.rssMb)), 1)} / ${fmt(Math.max(...memory.map((m) => m.rssMb)), 1)} MB`,
          ],
        ],
      ),
      '',
      'Latency by call (whole run):',
      '',
      table(
        ['call', 'count', 'p50 (ms)', 'p99 (ms)'],
        byKind.map((what) => {
          const ms = samples.filter((s) => s.what === what).map((s) => s.ms)
          return [`\`${what}\``, ms.length, fmt(percentile(ms, 50), 1), fmt(percentile(ms, 99), 1)]
        }),
      ),
      '',
      stormResult
        ? `SSE storm at ${minutes(durationMs / 2)}: ${STORM.toLocaleString('en')} connections opened at once to random building groups (as random residents); ${stormResult.abandoned} of them were dropped by the client within 50 ms, before the stream was ready; ${stormResult.ready} became ready in ${fmt(stormResult.openMs / 1000, 1)} s (refused ${stormResult.refused}, failed ${stormResult.failed}). Server realtime listeners: ${stormResult.before} before, ${stormResult.peakListeners} with the storm open, **${stormResult.after} after** all were closed (settled in ${fmt(stormResult.settleMs / 1000, 1)} s). Open sockets of the server process: ${stormResult.socketsBefore} before, ${stormResult.socketsAfter} after.`
        : 'The storm did not run.',
      '',
      `Listeners: ${listenerChecks.length} streams; every acknowledged message of its building received exactly once by its listener: ${listenerChecks.every((c) => !c.missing && !c.duplicates) ? 'yes' : 'NO'} (${listenerChecks.reduce((n, c) => n + c.received, 0).toLocaleString('en')} deliveries, ${listenerChecks.reduce((n, c) => n + c.missing, 0)} missing, ${listenerChecks.reduce((n, c) => n + c.duplicates, 0)} duplicated, ${listenerChecks.reduce((n, c) => n + c.irregular, 0)} cursor gaps, ${listenerChecks.reduce((n, c) => n + c.drops, 0)} reconnects).`,
      '',
      `Memory method: the server's RSS is read from \`/proc/<pid>/status\` (VmRSS) every ${SAMPLE_EVERY_MS / 1000} s, with the V8 heap from the local-only diagnostics endpoint (\`LOUZU_DIAGNOSTICS=1\`). The first ${minutes(warmupMs)} are warm-up (JIT, SQLite page cache, V8 growing its heap to the working set). V8 then breathes in a sawtooth (its young generation grows in steps until a full collection shrinks it, every ten minutes or so), so two short windows would only say where in that cycle each fell; a leak raises the high-water mark. The check compares the highest RSS of two windows of equal length, one after warm-up and before the storm, one at the end after the storm settled (\`scripts/durability/memory-growth.ts\`).`,
      '',
      failures.length ? `**Checks failed:**\n\n${failures.map((f) => `- ${f}`).join('\n')}` : '**All checks passed.**',
    ].join('\n')

    const outDir = path.join(ROOT, '.data', 'soak')
    fs.mkdirSync(outDir, { recursive: true })
    const stamp = new Date(started).toISOString().replace(/[:.]/g, '-').slice(0, 19)
    fs.writeFileSync(path.join(outDir, `soak-${stamp}.md`), report + '\n')
    fs.writeFileSync(
      path.join(outDir, `soak-${stamp}.json`),
      JSON.stringify(
        {
          minutes: MINUTES,
          rate: RATE,
          elapsedMs,
          errors: Object.fromEntries(errors),
          skipped,
          memory,
          storm: stormResult,
          listenerChecks,
          perMinute: perMinute(samples, started, elapsedMs),
        },
        null,
        1,
      ),
    )
    process.stdout.write(`\n${report}\n\nwritten to ${path.relative(ROOT, outDir)}/soak-${stamp}.md\n`)
    if (failures.length) process.exitCode = 1
  } finally {
    for (const follower of followers) follower.stop()
    await server.stop()
  }
}

/** p50/p99 per minute, for the JSON (to see a trend, not just two windows). */
function perMinute(samples: Sample[], started: number, elapsedMs: number) {
  const out: Array<{ minute: number; calls: number; p50: number; p99: number }> = []
  for (let m = 0; m * 60_000 < elapsedMs; m++) {
    const ms = samples.filter((s) => s.at >= started + m * 60_000 && s.at < started + (m + 1) * 60_000).map((s) => s.ms)
    out.push({ minute: m + 1, calls: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) })
  }
  return out
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
