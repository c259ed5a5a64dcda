import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { startServer, type Server } from '../bench/harness'
import { call, CHAT_LINES, devLogin, devLoginAll, prng, sleep, type Outcome } from './client'
import { SseFollower } from './sse-follower'
import { cycle, lastOf } from '../../cloudfunctions/core/shared/lists'

/**
 * The chaos run behind `npm run chaos` and tests/api/chaos.test.ts: the real local runtime
 * (`serve-local.ts`, its own process) on a fresh database, under a mixed write load, killed with
 * SIGKILL at random moments and restarted on the same file; then every acknowledged write is
 * checked against the database, and every realtime listener against what was sent.
 */

export interface ChaosOptions {
  kills: number
  seed: number
  /** Where the database lives (a fresh temp folder by default; removed afterwards unless kept). */
  dir?: string
  keep?: boolean
  /** The server runs this long (random in between) after each start before it is killed. */
  minUpMs?: number
  maxUpMs?: number
  log?: (line: string) => void
}

export interface ChaosReport {
  kills: number
  seed: number
  seconds: number
  dbFile: string
  restarts: number
  chat: {
    senders: number
    groups: number
    acknowledged: number
    attempts: number
    inDoubt: number
    committedBeforeCrash: number
    storedOnce: number
    missing: number
    duplicated: number
  }
  rsvp: {
    residents: number
    capacity: number
    rsvpAcknowledged: number
    cancelAcknowledged: number
    inDoubt: number
    committedBeforeCrash: number
    confirmedParties: number
    confirmedPeople: number
    waitlisted: number
    cancelled: number
    positions: number[]
  }
  reads: {
    readers: number
    announcements: number
    acknowledged: number
    distinct: number
    inDoubt: number
    storedOnce: number
  }
  /** Why attempts that reached a server went unanswered (the kill), by error. */
  unanswered: Record<string, number>
  realtime: {
    listeners: number
    connects: number
    streams: number
    resumedWithLastEventId: number
    delivered: number
    expected: number
    missing: number
    duplicates: number
    gaps: number
    resets: number
  }
  integrity: { afterKills: string[]; final: string }
  failures: string[]
}

interface Person {
  openid: string
  userId: string
  buildingId: string
  groupId: string
  token: string
}

interface Attempted<T> {
  outcome: Outcome<T> | { kind: 'done-before'; code: string }
  attempts: number
  /** Some attempt reached the server but got no answer: the write may have happened before the crash. */
  inDoubt: boolean
  /** When the last attempt started (to tell whether an acknowledged write was committed earlier). */
  lastAttemptAt: number
}

const groupOf = (buildingId: string) => `bg-${buildingId}`

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined)
  const random = prng(options.seed)
  const minUp = options.minUpMs ?? 700
  const maxUp = options.maxUpMs ?? 2500
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-chaos-'))
  fs.mkdirSync(dir, { recursive: true })
  const dbFile = path.join(dir, 'louzu.db')
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true })
  const started = Date.now()
  const failures: string[] = []
  const fail = (what: string) => {
    if (failures.length < 200) failures.push(what)
  }

  let server: Server = await startServer({ dbFile })
  const current = { url: server.url }
  let restarts = 0
  let stopping = false
  const followers: Array<{ follower: SseFollower; groupId: string; from: number; token: string }> = []
  const integrityAfterKills: string[] = []

  try {
    // ---- who takes part (the demo neighbourhood: a few verified residents per building) ----
    const seeded = (() => {
      const db = new BetterSqlite3(dbFile, { readonly: true })
      try {
        return db
          .prepare(
            `SELECT json_extract(doc, '$.openid') AS openid, id AS userId, json_extract(doc, '$.membership.buildingId') AS buildingId
             FROM "c_users" WHERE json_extract(doc, '$.membership.status') = 'verified' ORDER BY id`,
          )
          .all() as Array<{ openid: string; userId: string; buildingId: string }>
      } finally {
        db.close()
      }
    })()
    const people: Person[] = (await devLoginAll(current.url, seeded)).map((p) => ({
      ...p,
      groupId: groupOf(p.buildingId),
    }))
    const byBuilding = new Map<string, Person[]>()
    for (const p of people) byBuilding.set(p.buildingId, [...(byBuilding.get(p.buildingId) ?? []), p])
    const chatBuildings = [...byBuilding.entries()].filter(([, list]) => list.length >= 3).slice(0, 10)
    const senders = chatBuildings.flatMap(([, list]) => list.slice(0, 5))
    const rsvpers = people.filter((_, i) => i % 3 !== 2).slice(0, 40)
    const readers = people.filter((_, i) => i % 2 === 1).slice(0, 24)
    const admin = await devLogin(current.url, 'demo-admin')

    // ---- the full event and the announcements ----
    const capacity = 8
    const startAt = Date.now() + 3 * 86_400_000
    const created = await call<{ eventIds: string[] }>(current.url, admin, 'events', 'create', {
      title: '断电演练：社区茶话会',
      place: '居委会活动室',
      startAt,
      endAt: startAt + 7_200_000,
      capacity,
      audience: 'neighbourhood',
    })
    if (created.kind !== 'ok') throw new Error(`events.create: ${JSON.stringify(created)}`)
    const eventId = created.data.eventIds[0]
    const announcementIds: string[] = []
    for (let i = 0; i < 6; i++) {
      const published = await call<{ announcementId: string }>(current.url, admin, 'announcements', 'publish', {
        audience: 'neighbourhood',
        title: `停电演练通知 ${i + 1}`,
        body: '本周六上午九点进行停电演练，请大家提前做好准备。',
      })
      if (published.kind !== 'ok') throw new Error(`announcements.publish: ${JSON.stringify(published)}`)
      announcementIds.push(published.data.announcementId)
    }

    // ---- realtime listeners: one per chat group, following from where its page stood ----
    for (const [buildingId, list] of chatBuildings) {
      const groupId = groupOf(buildingId)
      const listener = lastOf(list)
      const page = await call<{ cursor: number }>(current.url, listener.token, 'chat', 'history', {
        groupId,
        limit: 30,
      })
      if (page.kind !== 'ok') throw new Error(`chat.history: ${JSON.stringify(page)}`)
      const follower = new SseFollower({
        baseUrl: () => current.url,
        token: listener.token,
        topics: [`group:${groupId}`],
        after: page.data.cursor,
        retryMs: 50,
        maxRetryMs: 400,
      })
      const ready = follower.nextReady()
      follower.start()
      await ready
      followers.push({ follower, groupId, from: page.data.cursor, token: listener.token })
    }
    log(
      `fresh database ${dbFile}: ${senders.length} chat senders in ${chatBuildings.length} groups, ${rsvpers.length} residents for ${capacity} seats, ${readers.length} readers of ${announcementIds.length} announcements, ${followers.length} listeners`,
    )

    // ---- the clients: each retries an unanswered write with the same request until it is answered ----
    const unanswered = new Map<string, number>()
    let inFlight = 0
    const attempt = async <T>(
      send: (url: string) => Promise<Outcome<T>>,
      doneBefore: string[] = [],
    ): Promise<Attempted<T>> => {
      let attempts = 0
      let inDoubt = false
      let delay = 50
      for (;;) {
        attempts++
        const lastAttemptAt = Date.now()
        inFlight++
        const outcome = await send(current.url).finally(() => inFlight--)
        if (outcome.kind === 'ok') return { outcome, attempts, inDoubt, lastAttemptAt }
        if (outcome.kind === 'down' || outcome.status >= 500) {
          // A refused connection never reached a server (it was down); anything else may have.
          if (!(outcome.kind === 'down' && /ECONNREFUSED/.test(outcome.error))) {
            inDoubt = true
            const key = outcome.kind === 'down' ? outcome.error.slice(0, 80) : `${outcome.status} ${outcome.code}`
            unanswered.set(key, (unanswered.get(key) ?? 0) + 1)
          }
          await sleep(delay)
          delay = Math.min(delay * 2, 400)
          continue
        }
        if (outcome.code === 'RATE.LIMITED') {
          await sleep(1000)
          continue
        }
        // After an unanswered attempt, "already done" means that attempt went through.
        if (inDoubt && doneBefore.includes(outcome.code))
          return { outcome: { kind: 'done-before', code: outcome.code }, attempts, inDoubt, lastAttemptAt }
        return { outcome, attempts, inDoubt, lastAttemptAt }
      }
    }

    const runTag = `${options.seed.toString(36)}${started.toString(36)}`
    const acknowledgedSends: Array<{ groupId: string; userId: string; clientId: string; messageId: string }> = []
    const chatStats = { attempts: 0, inDoubt: 0, committedBeforeCrash: 0 }
    const chatClient = async (person: Person, index: number) => {
      for (let k = 0; !stopping; k++) {
        const clientId = `chaos${runTag}-${index}-${k}`
        const result = await attempt((url) =>
          call<{ messageId: string; sentAt: number }>(url, person.token, 'chat', 'send', {
            groupId: person.groupId,
            clientId,
            text: CHAT_LINES[(index + k) % CHAT_LINES.length],
          }),
        )
        chatStats.attempts += result.attempts
        if (result.outcome.kind !== 'ok') {
          fail(`chat.send ${clientId} refused: ${JSON.stringify(result.outcome)}`)
          continue
        }
        if (result.inDoubt) chatStats.inDoubt++
        if (result.inDoubt && result.outcome.data.sentAt < result.lastAttemptAt) chatStats.committedBeforeCrash++
        if (result.outcome.data.messageId !== `${person.groupId}:${person.userId}:${clientId}`)
          fail(`chat.send ${clientId}: unexpected message id ${result.outcome.data.messageId}`)
        acknowledgedSends.push({
          groupId: person.groupId,
          userId: person.userId,
          clientId,
          messageId: result.outcome.data.messageId,
        })
        // One message a second or so per person: the chat limit is 10 per 10 seconds.
        await sleep(1000 + Math.floor(random() * 400))
      }
    }

    const lastAcknowledged = new Map<string, 'rsvp' | 'cancel'>()
    const partySizes = new Map<string, number>()
    const rsvpStats = { rsvp: 0, cancel: 0, inDoubt: 0, committedBeforeCrash: 0 }
    const rsvpClient = async (person: Person) => {
      await sleep(Math.floor(random() * 2000))
      const partySize = random() < 0.25 ? 2 : 1
      partySizes.set(person.userId, partySize)
      // Sign up, and now and then change one's mind: cancel, sign up again (joining the end of the queue).
      for (let step: 'rsvp' | 'cancel' = 'rsvp'; !stopping; step = step === 'rsvp' ? 'cancel' : 'rsvp') {
        const result =
          step === 'rsvp'
            ? await attempt(
                (url) => call(url, person.token, 'events', 'rsvp', { eventId, partySize }),
                ['EVENT.ALREADY_RSVPED'],
              )
            : await attempt((url) => call(url, person.token, 'events', 'cancelRsvp', { eventId }), ['NOT_FOUND'])
        if (result.outcome.kind !== 'ok' && result.outcome.kind !== 'done-before') {
          fail(`events.${step} by ${person.userId} refused: ${JSON.stringify(result.outcome)}`)
          return
        }
        if (result.inDoubt) rsvpStats.inDoubt++
        if (result.outcome.kind === 'done-before') rsvpStats.committedBeforeCrash++
        rsvpStats[step]++
        lastAcknowledged.set(person.userId, step)
        await sleep((step === 'rsvp' ? 2000 : 500) + Math.floor(random() * 4000))
      }
    }

    const acknowledgedReads: Array<{ announcementId: string; userId: string }> = []
    const readStats = { inDoubt: 0 }
    const readClient = async (person: Person) => {
      // Opening an announcement again must not record a second reading.
      while (!stopping) {
        await sleep(300 + Math.floor(random() * 1500))
        const announcementId = cycle(announcementIds, Math.floor(random() * announcementIds.length))
        const result = await attempt((url) => call(url, person.token, 'announcements', 'get', { announcementId }))
        if (result.outcome.kind !== 'ok') {
          fail(`announcements.get by ${person.userId} refused: ${JSON.stringify(result.outcome)}`)
          continue
        }
        if (result.inDoubt) readStats.inDoubt++
        acknowledgedReads.push({ announcementId, userId: person.userId })
      }
    }

    const clients = [
      ...senders.map((p, i) => chatClient(p, i)),
      ...rsvpers.map((p) => rsvpClient(p)),
      ...readers.map((p) => readClient(p)),
    ]

    // ---- the kills ----
    for (let k = 1; k <= options.kills; k++) {
      // Every listener has its stream back before the next kill, however slow the restart was on
      // a busy machine: a kill is meant to cut live streams, not ones still reconnecting.
      const listening = Date.now() + 20_000
      while (followers.some(({ follower }) => follower.readies < k) && Date.now() < listening) await sleep(20)
      await sleep(minUp + Math.floor(random() * (maxUp - minUp)))
      // The moment itself: while writes are on the wire (a kill between requests proves little),
      // a few milliseconds into them — before, during or after their commit.
      const waitUntil = Date.now() + 2000
      while (inFlight < 3 && Date.now() < waitUntil) await sleep(1)
      await sleep(Math.floor(random() * 8))
      await server.kill()
      integrityAfterKills.push(integrity(dbFile, true))
      server = await startServer({ dbFile })
      current.url = server.url
      restarts++
      log(
        `kill ${k}/${options.kills}: ${acknowledgedSends.length} messages, ${rsvpStats.rsvp + rsvpStats.cancel} RSVP changes and ${acknowledgedReads.length} reads acknowledged so far; integrity after the kill: ${integrityAfterKills[integrityAfterKills.length - 1]}`,
      )
    }
    // A last stretch on the final server, then the clients finish what they started.
    await sleep(minUp)
    stopping = true
    await Promise.all(clients)

    // ---- realtime: each listener catches up to its group's last change ----
    const realtime = {
      connects: 0,
      streams: 0,
      resumed: 0,
      delivered: 0,
      expected: 0,
      missing: 0,
      duplicates: 0,
      gaps: 0,
      resets: 0,
    }
    for (const { follower, groupId, token } of followers) {
      const page = await call<{ cursor: number }>(current.url, token, 'chat', 'history', { groupId, limit: 1 })
      const target = page.kind === 'ok' ? page.data.cursor : NaN
      const deadline = Date.now() + 20_000
      while (!((follower.cursors.get(`group:${groupId}`) ?? -1) >= target) && Date.now() < deadline) await sleep(50)
      if (!((follower.cursors.get(`group:${groupId}`) ?? -1) >= target))
        fail(`listener of ${groupId} stopped at ${follower.cursors.get(`group:${groupId}`)}, the group is at ${target}`)
    }

    // ---- the roster, as the organiser sees it ----
    const roster = await call<{
      confirmed: Array<{ userId: string; partySize: number }>
      waitlist: Array<{ userId: string; position?: number }>
      confirmedPeople: number
    }>(current.url, admin, 'events', 'roster', { eventId })
    if (roster.kind !== 'ok') throw new Error(`events.roster: ${JSON.stringify(roster)}`)

    for (const { follower } of followers) follower.stop()
    await server.stop()

    // ---- verify against the database file ----
    const finalIntegrity = integrity(dbFile, false)
    if (finalIntegrity !== 'ok') fail(`integrity_check at the end: ${finalIntegrity}`)
    integrityAfterKills.forEach(
      (result, i) => result !== 'ok' && fail(`integrity_check after kill ${i + 1}: ${result}`),
    )

    const db = new BetterSqlite3(dbFile, { readonly: true })
    const docs = <T>(table: string, where = '', ...params: unknown[]) =>
      (db.prepare(`SELECT doc FROM "${table}" ${where}`).all(...params) as Array<{ doc: string }>).map(
        (r) => JSON.parse(r.doc) as T,
      )
    const chat = { storedOnce: 0, missing: 0, duplicated: 0 }
    const rsvp = { confirmedParties: 0, confirmedPeople: 0, waitlisted: 0, cancelled: 0, positions: [] as number[] }
    const reads = { storedOnce: 0, distinct: 0 }
    try {
      // Chat: every acknowledged message exactly once; every message of this run at most once.
      interface Message {
        _id: string
        groupId: string
        senderId: string
        clientId: string
        seq: number
        version: number
      }
      const ours = docs<Message>('c_messages', `WHERE json_extract(doc, '$.clientId') LIKE ?`, `chaos${runTag}-%`)
      const copies = new Map<string, number>()
      for (const m of ours) {
        const key = `${m.groupId}|${m.senderId}|${m.clientId}`
        copies.set(key, (copies.get(key) ?? 0) + 1)
      }
      for (const sent of acknowledgedSends) {
        const n = copies.get(`${sent.groupId}|${sent.userId}|${sent.clientId}`) ?? 0
        if (n === 1) chat.storedOnce++
        else if (n === 0) {
          chat.missing++
          fail(`acknowledged message ${sent.messageId} is not in the database`)
        } else {
          chat.duplicated++
          fail(`acknowledged message ${sent.messageId} is stored ${n} times`)
        }
      }
      for (const [key, n] of copies) if (n > 1) fail(`message ${key} is stored ${n} times`)
      // Chat: in every group, numbers are unique and the counter is at (or past) the last one.
      const groups = [...new Set(docs<Message>('c_messages').map((m) => m.groupId))]
      for (const groupId of groups) {
        const messages = docs<Message>('c_messages', `WHERE json_extract(doc, '$.groupId') = ?`, groupId)
        const seqs = new Set(messages.map((m) => m.seq))
        const versions = new Set(messages.map((m) => m.version))
        if (seqs.size !== messages.length) fail(`${groupId}: two messages share a seq`)
        if (versions.size !== messages.length) fail(`${groupId}: two messages share a version`)
        const state = docs<{ version: number; lastSeq: number }>('c_chat_state', 'WHERE id = ?', groupId)[0]
        const top = Math.max(...messages.map((m) => m.version))
        if (!state || state.version < top)
          fail(`${groupId}: counter ${state?.version} is behind its newest message ${top}`)
        if (state && state.lastSeq !== Math.max(...messages.map((m) => m.seq)))
          fail(`${groupId}: lastSeq ${state.lastSeq} is not the newest message's seq`)
      }

      // RSVPs: one per person, in the state of the last acknowledged change; seats and waitlist consistent.
      interface Rsvp {
        _id: string
        eventId: string
        userId: string
        partySize: number
        state: string
        seq: number
      }
      interface Party {
        userId: string
        partySize: number
        seq: number
        passedOver?: boolean
      }
      const rsvps = docs<Rsvp>('c_event_rsvps', `WHERE json_extract(doc, '$.eventId') = ?`, eventId)
      const perUser = new Map<string, Rsvp[]>()
      for (const r of rsvps) perUser.set(r.userId, [...(perUser.get(r.userId) ?? []), r])
      for (const [userId, step] of lastAcknowledged) {
        const mine = perUser.get(userId) ?? []
        if (mine.length !== 1) {
          fail(`RSVP of ${userId}: ${mine.length} records`)
          continue
        }
        const [rsvp] = mine
        if (!rsvp) continue
        const state = rsvp.state
        if (step === 'rsvp' && state !== 'confirmed' && state !== 'waitlisted')
          fail(`RSVP of ${userId} was acknowledged but is ${state}`)
        if (step === 'cancel' && state !== 'cancelled')
          fail(`cancellation of ${userId} was acknowledged but the RSVP is ${state}`)
        if (rsvp.partySize !== partySizes.get(userId))
          fail(`RSVP of ${userId}: party of ${rsvp.partySize}, asked ${partySizes.get(userId)}`)
      }
      for (const userId of perUser.keys())
        if (!lastAcknowledged.has(userId)) fail(`an RSVP of ${userId} exists that no client had acknowledged`)
      rsvp.confirmedParties = rsvps.filter((r) => r.state === 'confirmed').length
      rsvp.confirmedPeople = rsvps.filter((r) => r.state === 'confirmed').reduce((n, r) => n + r.partySize, 0)
      rsvp.waitlisted = rsvps.filter((r) => r.state === 'waitlisted').length
      rsvp.cancelled = rsvps.filter((r) => r.state === 'cancelled').length
      const arrivals = rsvps.map((r) => r.seq)
      if (new Set(arrivals).size !== arrivals.length) fail('two RSVPs share an arrival number')

      // Every event in the database (the demo's too): never over capacity, counters match the RSVPs, waitlist sound.
      interface EventRow {
        _id: string
        capacity: number | null
        confirmedSeats: number
        waitingParties: number
        waitingPeople: number
        seatsHeld: boolean
        nextSeq: number
      }
      for (const event of docs<EventRow>('c_events')) {
        const own = docs<Rsvp>('c_event_rsvps', `WHERE json_extract(doc, '$.eventId') = ?`, event._id)
        const confirmedPeople = own.filter((r) => r.state === 'confirmed').reduce((n, r) => n + r.partySize, 0)
        if (event.capacity !== null && event.confirmedSeats > event.capacity)
          fail(`event ${event._id} is over capacity: ${event.confirmedSeats} > ${event.capacity}`)
        if (event.confirmedSeats !== confirmedPeople)
          fail(`event ${event._id}: counter says ${event.confirmedSeats} confirmed, RSVPs say ${confirmedPeople}`)
        const parties = docs<{ parties: Party[] }>('c_event_waitlists', 'WHERE id = ?', event._id)[0]?.parties ?? []
        const waiting = own.filter((r) => r.state === 'waitlisted')
        const ids = parties.map((p) => p.userId)
        if (new Set(ids).size !== ids.length) fail(`event ${event._id}: someone is on the waitlist twice`)
        if (ids.length !== waiting.length || waiting.some((r) => !ids.includes(r.userId)))
          fail(`event ${event._id}: waitlist (${ids.length}) and waitlisted RSVPs (${waiting.length}) differ`)
        if (event.waitingParties !== parties.length)
          fail(`event ${event._id}: counter says ${event.waitingParties} waiting, the list has ${parties.length}`)
        for (const [i, party] of parties.entries())
          if (i > 0 && party.seq <= (parties[i - 1]?.seq ?? -Infinity))
            fail(`event ${event._id}: waitlist out of arrival order at ${i + 1}`)
        if (own.some((r) => r.seq >= event.nextSeq))
          fail(`event ${event._id}: an RSVP has an arrival number not yet handed out`)
        // The walk's promise: nobody waits while free seats would fit them (up to a party seats are held for).
        if (event.capacity !== null) {
          const free = event.capacity - event.confirmedSeats
          for (const party of parties) {
            if (party.partySize <= free)
              fail(`event ${event._id}: ${party.userId} waits although ${free} seats are free`)
            if (party.passedOver) break
          }
        }
      }
      // Positions as the organiser sees them: 1..n, no repeats, no holes.
      rsvp.positions = roster.data.waitlist.map((w) => w.position ?? NaN)
      const expectedPositions = rsvp.positions.map((_, i) => i + 1)
      if (JSON.stringify([...rsvp.positions].sort((a, b) => a - b)) !== JSON.stringify(expectedPositions))
        fail(`waitlist positions are not 1..n: ${rsvp.positions.join(',')}`)
      if (roster.data.confirmedPeople > capacity)
        fail(`roster shows ${roster.data.confirmedPeople} confirmed for ${capacity} seats`)
      if (roster.data.waitlist.length !== rsvp.waitlisted || roster.data.confirmed.length !== rsvp.confirmedParties)
        fail('the roster differs from the stored RSVPs')

      // Reads: each acknowledged reading recorded exactly once.
      const distinctReads = [...new Map(acknowledgedReads.map((r) => [`${r.announcementId}|${r.userId}`, r])).values()]
      reads.distinct = distinctReads.length
      for (const read of distinctReads) {
        const n = (
          db
            .prepare(
              `SELECT COUNT(*) AS n FROM "c_announcement_reads" WHERE json_extract(doc, '$.announcementId') = ? AND json_extract(doc, '$.userId') = ?`,
            )
            .get(read.announcementId, read.userId) as { n: number }
        ).n
        if (n === 1) reads.storedOnce++
        else fail(`reading of ${read.announcementId} by ${read.userId}: ${n} records`)
      }

      // Realtime: every message of the group after the listener's start, exactly once, in order.
      for (const { follower, groupId, from } of followers) {
        const expected = docs<Message>(
          'c_messages',
          `WHERE json_extract(doc, '$.groupId') = ? AND json_extract(doc, '$.version') > ?`,
          groupId,
          from,
        ).map((m) => m._id)
        const missing = expected.filter((id) => !follower.received.has(id))
        const duplicates = follower.duplicates()
        realtime.connects += follower.connects
        realtime.streams += follower.readies
        realtime.resumed += follower.resumedWithId
        realtime.delivered += [...follower.received.values()].reduce((a, b) => a + b, 0)
        realtime.expected += expected.length
        realtime.missing += missing.length
        realtime.duplicates += duplicates.length
        realtime.gaps += follower.irregular.length
        realtime.resets += follower.resets
        if (missing.length) fail(`listener of ${groupId} never got ${missing.length} messages, e.g. ${missing[0]}`)
        if (duplicates.length)
          fail(`listener of ${groupId} got ${duplicates.length} messages twice, e.g. ${duplicates[0]}`)
        if (follower.irregular.length)
          fail(`listener of ${groupId}: cursor jumps ${JSON.stringify(follower.irregular.slice(0, 3))}`)
        if (follower.resets) fail(`listener of ${groupId} was told to reset ${follower.resets} times`)
        if (follower.refusals.length) fail(`listener of ${groupId} was refused: ${follower.refusals[0]}`)
        if (follower.resumedWithId < options.kills)
          fail(
            `listener of ${groupId} resumed with its last event id ${follower.resumedWithId} times for ${options.kills} restarts`,
          )
        for (const sent of acknowledgedSends)
          if (sent.groupId === groupId && !follower.received.has(sent.messageId))
            fail(`listener of ${groupId} missed acknowledged ${sent.messageId}`)
      }
    } finally {
      db.close()
    }

    return {
      kills: options.kills,
      seed: options.seed,
      seconds: (Date.now() - started) / 1000,
      dbFile,
      restarts,
      chat: {
        senders: senders.length,
        groups: chatBuildings.length,
        acknowledged: acknowledgedSends.length,
        ...chatStats,
        ...chat,
      },
      rsvp: {
        residents: rsvpers.length,
        capacity,
        rsvpAcknowledged: rsvpStats.rsvp,
        cancelAcknowledged: rsvpStats.cancel,
        inDoubt: rsvpStats.inDoubt,
        committedBeforeCrash: rsvpStats.committedBeforeCrash,
        ...rsvp,
      },
      reads: {
        readers: readers.length,
        announcements: announcementIds.length,
        acknowledged: acknowledgedReads.length,
        inDoubt: readStats.inDoubt,
        ...reads,
      },
      realtime: {
        listeners: followers.length,
        connects: realtime.connects,
        streams: realtime.streams,
        resumedWithLastEventId: realtime.resumed,
        delivered: realtime.delivered,
        expected: realtime.expected,
        missing: realtime.missing,
        duplicates: realtime.duplicates,
        gaps: realtime.gaps,
        resets: realtime.resets,
      },
      unanswered: Object.fromEntries(unanswered),
      integrity: { afterKills: integrityAfterKills, final: finalIntegrity },
      failures,
    }
  } finally {
    stopping = true
    for (const { follower } of followers) follower.stop()
    await server.kill()
    if (!options.keep && !options.dir) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * `PRAGMA integrity_check` on the file. Right after a kill the check opens it read-only, so it
 * neither checkpoints nor removes the WAL: the restarted server recovers the file itself.
 */
function integrity(dbFile: string, readonly: boolean): string {
  const db = new BetterSqlite3(dbFile, { readonly, fileMustExist: true })
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
    return rows.map((r) => r.integrity_check).join('; ')
  } finally {
    db.close()
  }
}

/** The Markdown summary of a run (for docs/SECURITY.md and the console). */
export function chaosSummary(report: ChaosReport, command: string): string {
  const { chat, rsvp, reads, realtime } = report
  return [
    `\`${command}\` — ${report.kills} SIGKILLs, seed ${report.seed}, ${report.seconds.toFixed(0)} s:`,
    '',
    `- chat: ${chat.senders} residents in ${chat.groups} building groups; ${chat.acknowledged} sends acknowledged (${chat.attempts} attempts, most of them refused connections while the server was down; ${chat.inDoubt} were in doubt — an attempt reached the server and the kill came before the answer — and were retried with the same clientId; ${chat.committedBeforeCrash} of those had in fact been committed before the kill); in the database ${chat.storedOnce} exactly once, ${chat.missing} missing, ${chat.duplicated} doubled.`,
    `- RSVPs: ${rsvp.residents} residents for ${rsvp.capacity} seats (parties of 1 or 2); ${rsvp.rsvpAcknowledged} RSVPs and ${rsvp.cancelAcknowledged} cancellations acknowledged (${rsvp.inDoubt} of them in doubt after a kill and settled by retrying; for ${rsvp.committedBeforeCrash} the retry was told "already done" — the first attempt had been committed); at the end ${rsvp.confirmedParties} parties confirmed (${rsvp.confirmedPeople} people), ${rsvp.waitlisted} waiting at positions ${rsvp.positions.join(', ') || '—'}, ${rsvp.cancelled} cancelled.`,
    `- announcement reads: ${reads.readers} residents opening ${reads.announcements} announcements; ${reads.acknowledged} openings acknowledged (${reads.inDoubt} in doubt after a kill and retried), ${reads.distinct} distinct person–announcement pairs, ${reads.storedOnce} of them recorded exactly once.`,
    `- realtime: ${realtime.listeners} SSE listeners, ${realtime.connects} connection attempts (most refused while the server was down), ${realtime.streams} streams opened, ${realtime.resumedWithLastEventId} of them resuming with Last-Event-ID; ${realtime.delivered} messages delivered of ${realtime.expected} expected: ${realtime.missing} missing, ${realtime.duplicates} duplicated, ${realtime.gaps} cursor gaps, ${realtime.resets} resets.`,
    `- attempts that reached a server killed before it answered: ${
      Object.entries(report.unanswered)
        .map(([why, n]) => `${n} × ${why}`)
        .join('; ') || 'none'
    }.`,
    `- \`PRAGMA integrity_check\`: after each kill ${report.integrity.afterKills.every((r) => r === 'ok') ? 'ok' : report.integrity.afterKills.join(' / ')} (${report.integrity.afterKills.length} checks); at the end ${report.integrity.final}.`,
    `- ${report.failures.length ? `**${report.failures.length} failures:**\n${report.failures.map((f) => `  - ${f}`).join('\n')}` : '**every check passed.**'}`,
  ].join('\n')
}
