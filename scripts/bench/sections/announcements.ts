import BetterSqlite3 from 'better-sqlite3'
import { PILOT_REACH_TITLE } from '../../../cloudfunctions/seed/announcements'
import { planBuildings } from '../../../cloudfunctions/seed/neighbourhood'
import {
  callFn,
  fmt,
  load,
  login,
  percentile,
  pilotDb,
  startServer,
  table,
  timeCalls,
  type BenchSection,
} from '../harness'
import { cycle } from '../../../cloudfunctions/core/shared/lists'

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const REACH_CALLS = Number(process.env.BENCH_REACH_CALLS ?? 200)
const FEED_LIMIT = 20

const ms = (samples: number[], p: number) => fmt(percentile(samples, p), 2)

/**
 * The home feed (`announcements.list`) and `reach` over real HTTP at pilot scale. Beside the feed:
 * a raw better-sqlite3 query returning the same rows (pinned first, newest first, live only, for the
 * caller's building and the neighbourhood) plus the caller's read marks by primary key. Beside
 * reach: the same two scans (households, reads of the notice) and set difference in raw SQLite.
 */
export const announcements: BenchSection = {
  title: 'announcements at pilot scale: home feed and reach',
  async run() {
    const dbFile = await pilotDb('announcements')
    const server = await startServer({ dbFile })
    const db = new BetterSqlite3(dbFile, { readonly: true })
    try {
      // One ordinary resident per building, so the load spreads like real traffic.
      const people = planBuildings().map((b) => ({ openid: `seed-${b.id}-3`, buildingId: b.id }))
      const tokens = await Promise.all(people.map((p) => login(server.url, p.openid)))
      const feed = await load({
        url: server.url,
        fn: 'announcements',
        connections: 10,
        durationSeconds: DURATION,
        request: (i) => ({ token: cycle(tokens, i), action: 'list', data: { limit: FEED_LIMIT } }),
      })

      const userIds = people.map(
        (p) =>
          (
            db.prepare(`SELECT id FROM "c_users" WHERE json_extract(doc, '$.openid') = ?`).get(p.openid) as {
              id: string
            }
          ).id,
      )
      const feedSql = db.prepare(
        `SELECT id, doc FROM "c_announcements"
         WHERE json_extract(doc, '$.audienceKey') IN (?, '*') AND json_extract(doc, '$.status') = 'published' AND json_extract(doc, '$.liveUntil') > ?
         ORDER BY json_extract(doc, '$.pinned') DESC, id DESC LIMIT ?`,
      )
      const now = Date.now()
      const rawFeed = await timeCalls(5000, (i) => {
        const k = i % people.length
        const rows = feedSql.all(cycle(people, k).buildingId, now, FEED_LIMIT + 10) as Array<{
          id: string
          doc: string
        }>
        const items = rows.map((r) => JSON.parse(r.doc) as { _id: string })
        const readIds = items.map((a) => `${a._id}:${userIds[k]}`)
        db.prepare(`SELECT id FROM "c_announcement_reads" WHERE id IN (${readIds.map(() => '?').join(',')})`).all(
          ...readIds,
        )
        return items
      })
      const rawFeedPerSec = 1000 / (rawFeed.reduce((a, b) => a + b, 0) / rawFeed.length)

      const drill = db
        .prepare(`SELECT id FROM "c_announcements" WHERE json_extract(doc, '$.title') = ?`)
        .get(PILOT_REACH_TITLE) as { id: string } | undefined
      if (!drill) throw new Error('the pilot seed has no reach notice')
      const stats = {
        announcements: (db.prepare(`SELECT COUNT(*) AS n FROM "c_announcements"`).get() as { n: number }).n,
        reads: (db.prepare(`SELECT COUNT(*) AS n FROM "c_announcement_reads"`).get() as { n: number }).n,
        drillReads: (
          db
            .prepare(`SELECT COUNT(*) AS n FROM "c_announcement_reads" WHERE json_extract(doc, '$.announcementId') = ?`)
            .get(drill.id) as { n: number }
        ).n,
        residents: (
          db
            .prepare(`SELECT COUNT(*) AS n FROM "c_memberships" WHERE json_extract(doc, '$.status') = 'verified'`)
            .get() as { n: number }
        ).n,
      }

      const admin = await login(server.url, 'demo-admin')
      const leader = await login(server.url, 'demo-leader-5')
      let result: { households: number; householdsRead: number } = { households: 0, householdsRead: 0 }
      const reachAll = await timeCalls(
        REACH_CALLS,
        async () => {
          result = await callFn(server.url, admin, 'announcements', 'reach', { announcementId: drill.id })
        },
        20,
      )
      const reachPart = await timeCalls(
        REACH_CALLS,
        () => callFn(server.url, leader, 'announcements', 'reach', { announcementId: drill.id }),
        20,
      )

      const households = db.prepare(`SELECT id, doc FROM "c_households"`)
      const reads = db.prepare(`SELECT doc FROM "c_announcement_reads" WHERE json_extract(doc, '$.announcementId') = ?`)
      const rawReach = await timeCalls(
        REACH_CALLS,
        () => {
          const read = new Set(
            (reads.all(drill.id) as Array<{ doc: string }>).map(
              (r) => (JSON.parse(r.doc) as { householdId: string | null }).householdId,
            ),
          )
          const unread = (households.all() as Array<{ id: string; doc: string }>)
            .filter((h) => !read.has(h.id))
            .map((h) => (JSON.parse(h.doc) as { room: string }).room)
          return unread.length
        },
        20,
      )

      // Publishing fans out to the whole audience in the same call (in-app notification per person).
      const timeOnce = async (work: () => Promise<unknown>) => {
        const t0 = process.hrtime.bigint()
        await work()
        return Number(process.hrtime.bigint() - t0) / 1e6
      }
      const publishBuilding = await timeOnce(() =>
        callFn(server.url, leader, 'announcements', 'publish', {
          audience: { buildingId: 'jsh-5' },
          title: '测速：本楼通知',
          body: '本楼全体居民',
        }),
      )
      const publishAll = await timeOnce(() =>
        callFn(server.url, admin, 'announcements', 'publish', {
          audience: 'neighbourhood',
          title: '测速：全居民区通知',
          body: '全体居民',
        }),
      )
      const buildingResidents = (
        db
          .prepare(
            `SELECT COUNT(*) AS n FROM "c_memberships" WHERE json_extract(doc, '$.buildingId') = 'jsh-5' AND json_extract(doc, '$.status') = 'verified'`,
          )
          .get() as { n: number }
      ).n

      return [
        `Local runtime in its own process on a pilot-scale database: ${stats.announcements} announcements, ${stats.reads.toLocaleString('en')} reads, ${stats.residents.toLocaleString('en')} verified residents in 1,101 households. Feed: autocannon, 10 connections, ${DURATION} s, one resident in each of the 35 buildings, \`list {limit: ${FEED_LIMIT}}\` (urgent unread, pinned, latest ${FEED_LIMIT}, unread count). Raw: the same rows in one better-sqlite3 query + the read marks by primary key, 5,000 calls in the bench process.`,
        '',
        table(
          ['what', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors'],
          [
            [
              '`announcements.list` (home feed) over HTTP',
              fmt(feed.requestsPerSec, 0),
              fmt(feed.p50, 2),
              fmt(feed.p99, 2),
              `${feed.errors + feed.non2xx}`,
            ],
            [
              'raw better-sqlite3: the same rows + read marks',
              fmt(rawFeedPerSec, 0),
              ms(rawFeed, 50),
              ms(rawFeed, 99),
              '0',
            ],
          ],
        ),
        '',
        `\`reach\` on the neighbourhood-wide notice “${PILOT_REACH_TITLE}”, read by ${stats.drillReads.toLocaleString('en')} residents (about half) — ${result.householdsRead} of ${result.households} households. ${REACH_CALLS} sequential calls each after a warm-up.`,
        '',
        table(
          ['what', 'p50 (ms)', 'p99 (ms)'],
          [
            [
              '`reach` over HTTP, committee (all 35 buildings, door-knock lists included)',
              ms(reachAll, 50),
              ms(reachAll, 99),
            ],
            ["`reach` over HTTP, a building leader (their building's part)", ms(reachPart, 50), ms(reachPart, 99)],
            [
              'raw better-sqlite3: households + reads of the notice, set difference',
              ms(rawReach, 50),
              ms(rawReach, 99),
            ],
          ],
        ),
        '',
        `\`publish\` (one call each, including the in-app notification of every member of the audience): to 金上海家园 5号楼 (${buildingResidents} residents) ${fmt(publishBuilding, 0)} ms; to the whole neighbourhood (${stats.residents.toLocaleString('en')} residents) ${fmt(publishAll, 0)} ms.`,
      ].join('\n')
    } finally {
      db.close()
      await server.stop()
    }
  },
}
