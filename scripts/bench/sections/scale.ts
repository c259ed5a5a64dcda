import http from 'node:http'
import os from 'node:os'
import BetterSqlite3 from 'better-sqlite3'
import { EVENT_LIMITS, personalTopic } from '../../../contracts'
import { callFn, fmt, login, percentile, pilotDb, startServer, table, type BenchSection } from '../harness'

const LISTENERS = 3600
const RSVPS = 10_000
const SEATS = 30

interface Resident {
  userId: string
  openid: string
}

/**
 * Verified residents of the pilot database; when it has fewer than `count`, more are written
 * straight into the store as copies of a verified resident (own id and openid, same building).
 */
function residents(dbFile: string, count: number): Resident[] {
  const db = new BetterSqlite3(dbFile)
  try {
    const verified = `SELECT id AS userId, json_extract(doc, '$.openid') AS openid, doc FROM "c_users"
       WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id`
    const rows = db.prepare(verified).all() as Array<Resident & { doc: string }>
    const template = rows[0]
    if (!template) throw new Error('the pilot database has no verified resident')
    const insert = db.prepare(`INSERT INTO "c_users" (id, doc) VALUES (?, ?)`)
    db.transaction(() => {
      for (let i = rows.length; i < count; i++) {
        const userId = `u_scale_${i}`
        const openid = `scale-resident-${i}`
        const doc = { ...(JSON.parse(template.doc) as object), _id: userId, openid, nickname: `居民${i}` }
        insert.run(userId, JSON.stringify(doc))
        rows.push({ userId, openid, doc: '' })
      }
    })()
    return rows.slice(0, count).map(({ userId, openid }) => ({ userId, openid }))
  } finally {
    db.close()
  }
}

async function tokensFor(url: string, openids: string[]): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < openids.length; i += 100)
    tokens.push(
      ...(await Promise.all(openids.slice(i, i + 100).map((o) => login(url, o))).catch((error: Error) => {
        throw new Error(`signing in resident ${i}…: ${error.message}`)
      })),
    )
  return tokens
}

/**
 * All RSVPs are issued at once; they share 500 keep-alive connections (one process cannot open
 * 10,000 sockets to one listening port without the accept backlog overflowing), so the server
 * always has hundreds of them queued on the same session.
 */
const rsvpAgent = new http.Agent({ keepAlive: true, maxSockets: 500 })

function rsvp(url: string, token: string, eventId: string): Promise<{ state: string; position?: number }> {
  const body = JSON.stringify({ action: 'rsvp', data: { eventId } })
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/functions/events`,
      {
        method: 'POST',
        agent: rsvpAgent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          const reply = JSON.parse(text) as { ok: boolean; data: { state: string; position?: number }; error?: unknown }
          if (reply.ok) resolve(reply.data)
          else if ((reply.error as { code?: string } | undefined)?.code === 'EVENT.FULL') resolve({ state: 'full' })
          else reject(new Error(`events.rsvp failed: ${JSON.stringify(reply.error)}`))
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

interface Listener {
  /** Resolves with the time (hrtime ms) the first `notifications` change arrives. */
  notified: Promise<number>
  opened: Promise<void>
  close(): void
}

/** One resident's open realtime stream on their own topic, as the h5 app keeps it. */
function listen(url: string, token: string, userId: string): Listener {
  let resolveNotified: (t: number) => void = () => undefined
  const notified = new Promise<number>((resolve) => (resolveNotified = resolve))
  let request: http.ClientRequest | undefined
  const opened = new Promise<void>((resolve, reject) => {
    const target = `${url}/api/realtime?topics=${encodeURIComponent(personalTopic(userId))}&token=${encodeURIComponent(token)}`
    request = http.get(target, { agent: false }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`realtime answered ${response.statusCode}`))
      resolve()
      let buffered = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffered += chunk
        if (buffered.includes('notifications')) resolveNotified(Number(process.hrtime.bigint()) / 1e6)
        if (buffered.length > 4096) buffered = buffered.slice(-1024)
      })
    })
    request.on('error', reject)
  })
  return { notified, opened, close: () => request?.destroy() }
}

/**
 * The pilot neighbourhood live: a notice to everyone reaching every open realtime listener, and a
 * rush of RSVPs on one small session.
 */
export const scale: BenchSection = {
  title: 'Neighbourhood scale, live: 3,600 listeners and 10,000 RSVPs',
  async run() {
    const dbFile = await pilotDb('scale')
    const people = residents(dbFile, RSVPS)
    const server = await startServer({ dbFile })
    const listeners: Listener[] = []
    try {
      const admin = await login(server.url, 'demo-admin')
      const tokens = await tokensFor(
        server.url,
        people.map((p) => p.openid),
      )

      // 1. A neighbourhood-wide notice reaching 3,600 open listeners, one per resident.
      const rssBefore = server.rssMb()
      for (let i = 0; i < LISTENERS; i += 100) {
        const batch = people.slice(i, i + 100).map((p, j) => listen(server.url, tokens[i + j] ?? '', p.userId))
        await Promise.all(batch.map((l) => l.opened))
        listeners.push(...batch)
      }
      await new Promise((r) => setTimeout(r, 1000))
      const rssOpen = server.rssMb()
      const t0 = Number(process.hrtime.bigint()) / 1e6
      const published = callFn(server.url, admin, 'announcements', 'publish', {
        audience: 'neighbourhood',
        title: '测速：全居民区通知',
        body: '全体居民：明天上午九点停水两小时。',
      })
      const arrivals = await Promise.race([
        Promise.all(listeners.map((l) => l.notified)),
        new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
      ])
      const publishMs = Number(process.hrtime.bigint()) / 1e6 - t0
      await published
      const latencies = (arrivals ?? []).map((t) => t - t0)
      const reached = arrivals ? listeners.length : 0
      for (const l of listeners) l.close()
      listeners.length = 0

      // 2. 10,000 RSVPs at once on one 30-seat session.
      const startAt = Date.now() + 3 * 86_400_000
      const { event } = await callFn<{ event: { eventId: string } }>(server.url, admin, 'events', 'create', {
        title: '压力测试：健康讲座',
        place: '居委会活动室',
        startAt,
        endAt: startAt + 7_200_000,
        capacity: SEATS,
        audience: 'neighbourhood',
      })
      const r0 = process.hrtime.bigint()
      const replies = await Promise.all(tokens.map((token) => rsvp(server.url, token, event.eventId)))
      const settleMs = Number(process.hrtime.bigint() - r0) / 1e6
      const roster = await callFn<{ confirmedPeople: number; waitlist: Array<{ position: number }> }>(
        server.url,
        admin,
        'events',
        'roster',
        { eventId: event.eventId },
      )
      const confirmed = replies.filter((r) => r.state === 'confirmed').length
      const positions = replies
        .filter((r) => r.state === 'waitlisted')
        .map((r) => r.position ?? 0)
        .sort((a, b) => a - b)
      const rosterPositions = roster.waitlist.map((w) => w.position).sort((a, b) => a - b)
      // The waitlist is capped (EVENT_LIMITS.waitlistMax); past it a resident is told the session is full.
      const waitlistMax = Math.min(EVENT_LIMITS.waitlistMax, RSVPS - SEATS)
      const full = replies.filter((r) => r.state === 'full').length
      const exact =
        confirmed === SEATS &&
        roster.confirmedPeople === SEATS &&
        positions.length === waitlistMax &&
        full === RSVPS - SEATS - waitlistMax &&
        positions.every((p, i) => p === i + 1) &&
        rosterPositions.length === waitlistMax &&
        rosterPositions.every((p, i) => p === i + 1)
      if (!exact)
        throw new Error(
          `10,000 RSVPs did not settle exactly: ${confirmed} confirmed (roster ${roster.confirmedPeople}), ${positions.length} waitlisted, positions ${positions[0]}…${positions[positions.length - 1]}`,
        )

      const perListenerKb = ((rssOpen - rssBefore) * 1024) / LISTENERS
      const loadAvg = os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(', ')
      return [
        `Local runtime in its own process on a pilot-scale database, topped up to ${RSVPS.toLocaleString('en')} verified residents written straight into the store. Load average at the end of the section: ${loadAvg} (a shared 2-core machine; other work was running). Listeners are plain HTTP streams from the bench process, each on its resident's own topic (\`me:<userId>\`), as the h5 app keeps one open.`,
        '',
        table(
          ['what', 'figure', 'target'],
          [
            [
              `notice to the whole neighbourhood → ${LISTENERS.toLocaleString('en')} open listeners: p99 publish → listener`,
              `**${fmt(percentile(latencies, 99), 0)} ms**`,
              '≤ 250 ms',
            ],
            [
              '… p50 / last listener',
              `${fmt(percentile(latencies, 50), 0)} / ${fmt(Math.max(...latencies), 0)} ms`,
              '',
            ],
            ['… listeners reached', `${reached.toLocaleString('en')} of ${LISTENERS.toLocaleString('en')}`, 'all'],
            [
              '… publish call answered after',
              arrivals
                ? `${fmt(publishMs, 0)} ms (all listeners notified)`
                : `${fmt(publishMs, 0)} ms (the bench stopped waiting)`,
              '',
            ],
            [
              'server memory per open listener (RSS growth / listeners)',
              `${fmt(perListenerKb, 1)} KB (${fmt(rssBefore, 0)} → ${fmt(rssOpen, 0)} MB)`,
              '',
            ],
            [
              `${RSVPS.toLocaleString('en')} RSVPs sent at once (over 500 connections) on one ${SEATS}-seat session settle`,
              `**${fmt(settleMs / 1000, 2)} s**`,
              '≤ 5 s',
            ],
            [
              '… outcome (asserted)',
              `exact: ${confirmed} confirmed, waitlist positions 1…${positions[positions.length - 1]} without gap or repeat (replies and roster), ${full.toLocaleString('en')} told the session is full (waitlist capped at ${EVENT_LIMITS.waitlistMax.toLocaleString('en')})`,
              '30 confirmed, positions 1…9,970',
            ],
          ],
        ),
      ].join('\n')
    } finally {
      for (const l of listeners) l.close()
      rsvpAgent.destroy()
      await server.stop()
    }
  },
}
