import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import {
  callFn,
  fmt,
  load,
  login,
  percentile,
  pilotDb,
  startServer,
  table,
  WORK_DIR,
  type BenchSection,
} from '../harness'
import { cycle } from '../../../cloudfunctions/core/shared/lists'

const RSVPS = 1000
const SEATS = 30

interface Detail {
  eventId: string
}
interface Roster {
  confirmed: Array<{ userId: string }>
  waitlist: Array<{ userId: string; position: number }>
  confirmedPeople: number
}

/** Verified residents' openids in the pilot database, to log in as (each RSVPs once). */
function residentOpenids(dbFile: string, count: number): string[] {
  const db = new BetterSqlite3(dbFile, { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(doc, '$.openid') AS openid FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id LIMIT ?`,
      )
      .all(count) as Array<{ openid: string }>
    return rows.map((r) => r.openid)
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

async function createEvent(url: string, adminToken: string, title: string): Promise<string> {
  const startAt = Date.now() + 3 * 86_400_000
  const result = await callFn<{ event: Detail }>(url, adminToken, 'events', 'create', {
    title,
    place: '居委会活动室',
    startAt,
    endAt: startAt + 7_200_000,
    capacity: SEATS,
    audience: 'neighbourhood',
  })
  return result.event.eventId
}

/**
 * The same writes an RSVP makes, in raw better-sqlite3: one immediate transaction that reads the
 * session document and its waitlist document, appends to the waitlist (or counts a seat), writes
 * both back and inserts the RSVP row. No HTTP, no identity, no checks, no reads for the reply.
 */
function rawRsvpBaseline(dbFile: string): number[] {
  const file = path.join(WORK_DIR, 'events-raw.db')
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.copyFileSync(dbFile, file)
  const db = new BetterSqlite3(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  const eventId = 'ev_raw'
  db.prepare(`INSERT INTO "c_events" (id, doc) VALUES (?, ?)`).run(
    eventId,
    JSON.stringify({ _id: eventId, capacity: SEATS, confirmedSeats: 0, waitingParties: 0, nextSeq: 1 }),
  )
  const read = (table: string) => db.prepare(`SELECT doc FROM "${table}" WHERE id = ?`)
  const readEvent = read('c_events')
  const readQueue = read('c_event_waitlists')
  const writeEvent = db.prepare(`UPDATE "c_events" SET doc = ? WHERE id = ?`)
  const putQueue = db.prepare(
    `INSERT INTO "c_event_waitlists" (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
  )
  const insert = db.prepare(`INSERT INTO "c_event_rsvps" (id, doc) VALUES (?, ?)`)
  let n = 0
  const rsvp = db.transaction(() => {
    const userId = `u_raw_${n++}`
    const event = JSON.parse((readEvent.get(eventId) as { doc: string }).doc) as {
      confirmedSeats: number
      waitingParties: number
      nextSeq: number
    }
    const queueRow = readQueue.get(eventId) as { doc: string } | undefined
    const queue = queueRow
      ? (JSON.parse(queueRow.doc) as { parties: unknown[] })
      : { _id: eventId, parties: [] as unknown[] }
    const seq = event.nextSeq++
    const confirmed = event.confirmedSeats < SEATS
    if (confirmed) event.confirmedSeats++
    else queue.parties.push({ userId, partySize: 1, seq })
    event.waitingParties = queue.parties.length
    putQueue.run(eventId, JSON.stringify(queue))
    writeEvent.run(JSON.stringify(event), eventId)
    insert.run(
      `${eventId}:${userId}`,
      JSON.stringify({
        _id: `${eventId}:${userId}`,
        eventId,
        userId,
        partySize: 1,
        state: confirmed ? 'confirmed' : 'waitlisted',
        seq,
      }),
    )
  })
  const samples: number[] = []
  for (let i = 0; i < RSVPS; i++) {
    const t0 = process.hrtime.bigint()
    rsvp.immediate()
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  db.close()
  return samples
}

/**
 * `events.rsvp` under contention: every request is a different resident signing up for the SAME
 * session (30 seats), so every one serialises on that session's transaction. Then the time for
 * 1,000 RSVPs sent at once to settle, and a check that the outcome is exact.
 */
export const events: BenchSection = {
  title: 'events.rsvp under contention for one session',
  async run() {
    const dbFile = await pilotDb('events')
    const server = await startServer({ dbFile })
    try {
      const adminToken = await login(server.url, 'demo-admin')
      const openids = residentOpenids(dbFile, 2 * RSVPS)
      if (openids.length < 2 * RSVPS)
        throw new Error(`need ${2 * RSVPS} residents, the pilot database has ${openids.length}`)
      const tokens = await tokensFor(server.url, openids)

      // 1. Throughput and latency: autocannon, 20 connections, 1,000 distinct residents, one session.
      const loaded = await createEvent(server.url, adminToken, '压力测试：合唱团')
      const http = await load({
        url: server.url,
        fn: 'events',
        connections: 20,
        amount: RSVPS,
        request: (i) => ({ token: cycle(tokens, i % RSVPS), action: 'rsvp', data: { eventId: loaded } }),
      })

      // 2. Settling: 1,000 RSVPs fired at once by other residents at a fresh session.
      const burst = await createEvent(server.url, adminToken, '压力测试：量血压')
      const t0 = process.hrtime.bigint()
      const replies = await Promise.all(
        tokens
          .slice(RSVPS, 2 * RSVPS)
          .map((token) =>
            callFn<{ state: string; position?: number }>(server.url, token, 'events', 'rsvp', { eventId: burst }),
          ),
      )
      const settleMs = Number(process.hrtime.bigint() - t0) / 1e6
      const roster = await callFn<Roster>(server.url, adminToken, 'events', 'roster', { eventId: burst })
      const confirmed = replies.filter((r) => r.state === 'confirmed').length
      const positions = replies
        .filter((r) => r.state === 'waitlisted')
        .map((r) => r.position ?? 0)
        .sort((a, b) => a - b)
      const exact =
        confirmed === SEATS &&
        roster.confirmedPeople === SEATS &&
        roster.waitlist.length === RSVPS - SEATS &&
        positions.every((p, i) => p === i + 1)

      const raw = rawRsvpBaseline(dbFile)
      const rawPerSec = 1000 / (raw.reduce((a, b) => a + b, 0) / raw.length)

      return [
        `Local runtime in its own process on a pilot-scale database (about 3,600 residents). Every request is a different verified resident RSVPing to the same 30-seat session, so all of them contend for that session's transaction; from the 31st on they join the waitlist (its document grows to ~${RSVPS - SEATS} waiting parties; the session document itself stays small). autocannon, 20 connections, ${RSVPS} requests. Raw: the same writes in one better-sqlite3 immediate transaction (read the session and its waitlist, append, write both back, insert the RSVP; synchronous = FULL as the runtime), ${RSVPS} times, in the bench process — what the disk and SQLite alone allow.`,
        '',
        table(
          ['what', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors'],
          [
            [
              '`events.rsvp` over HTTP, one session',
              fmt(http.requestsPerSec, 0),
              fmt(http.p50, 1),
              fmt(http.p99, 1),
              `${http.errors + http.non2xx}`,
            ],
            [
              'raw better-sqlite3 transaction, same shape',
              fmt(rawPerSec, 0),
              fmt(percentile(raw, 50), 3),
              fmt(percentile(raw, 99), 3),
              '0',
            ],
          ],
        ),
        '',
        `**${RSVPS} RSVPs sent at once on ${SEATS} seats settled in ${fmt(settleMs, 0)} ms** (first request sent → last reply received, ${RSVPS} parallel HTTP requests from the bench process). Outcome ${exact ? 'exact' : 'NOT EXACT'}: ${confirmed} confirmed, ${positions.length} waitlisted with positions ${positions[0]}…${positions[positions.length - 1]}${exact ? ' with no gap or repeat' : ''}.`,
      ].join('\n')
    } finally {
      await server.stop()
    }
  },
}
