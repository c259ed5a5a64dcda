import BetterSqlite3 from 'better-sqlite3'
import { fmt, load, login, percentile, pilotDb, startServer, table, timeCalls, type BenchSection } from '../harness'

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)

/**
 * `account.me` over real HTTP at pilot scale, beside a raw better-sqlite3 read of the same row in
 * the same run: the difference is what the HTTP server, router, validation and envelope cost.
 */
export const accountMe: BenchSection = {
  title: 'account.me at pilot scale',
  async run() {
    const dbFile = await pilotDb('account-me')
    const server = await startServer({ dbFile })
    try {
      const token = await login(server.url, 'demo-resident-5')
      const http = await load({
        url: server.url,
        fn: 'account',
        connections: 10,
        durationSeconds: DURATION,
        request: () => ({ token, action: 'me' }),
      })

      const db = new BetterSqlite3(dbFile, { readonly: true })
      const userId = (
        db.prepare(`SELECT id FROM "c_users" WHERE json_extract(doc, '$.openid') = ?`).get('demo-resident-5') as {
          id: string
        }
      ).id
      const read = db.prepare(`SELECT doc FROM "c_users" WHERE id = ?`)
      const samples = await timeCalls(20_000, () => JSON.parse((read.get(userId) as { doc: string }).doc))
      db.close()
      const rawPerSec = 1000 / (samples.reduce((a, b) => a + b, 0) / samples.length)

      return [
        `Local runtime in its own process on a pilot-scale database; autocannon, 10 connections, ${DURATION} s, one user. Raw: better-sqlite3 \`SELECT doc FROM c_users WHERE id = ?\` + \`JSON.parse\`, 20,000 calls in the bench process.`,
        '',
        table(
          ['what', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors'],
          [
            [
              '`account.me` over HTTP',
              fmt(http.requestsPerSec, 0),
              fmt(http.p50, 2),
              fmt(http.p99, 2),
              `${http.errors + http.non2xx}`,
            ],
            [
              'raw better-sqlite3 read of the same row',
              fmt(rawPerSec, 0),
              fmt(percentile(samples, 50), 4),
              fmt(percentile(samples, 99), 4),
              '0',
            ],
          ],
        ),
        '',
        `Ratio: the raw read is ${fmt(rawPerSec / http.requestsPerSec, 0)}× the HTTP throughput; p50 ${fmt(http.p50 / percentile(samples, 50), 0)}× slower over HTTP.`,
      ].join('\n')
    } finally {
      await server.stop()
    }
  },
}
