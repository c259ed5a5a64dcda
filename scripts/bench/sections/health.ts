import os from 'node:os'
import BetterSqlite3 from 'better-sqlite3'
import { planTextQuery } from '../../../cloudfunctions/adapters/sqlite/text-search'
import { startLocalRuntime } from '../../../cloudfunctions/local-runtime'
import { SEARCH_CANDIDATES, SEARCH_FIELDS } from '../../../cloudfunctions/core/health/search'
import { PILOT_ARCHIVE_QA } from '../../../cloudfunctions/seed/health'
import { searchTerms } from '../../../contracts'
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

const DURATION = Number(process.env.BENCH_SECONDS ?? 10)

/** Two-character words take the LIKE path (trigram cannot match them); longer words use the FTS5 index. */
const QUERIES: Array<{ q: string; path: string }> = [
  { q: '血压', path: '2 characters: LIKE over the indexed text' },
  { q: '高血压', path: '3 characters: FTS5 trigram MATCH' },
  { q: '降压药 头晕', path: 'two words ≥ 3 and 2: MATCH, then LIKE on the candidates' },
  { q: '骨质疏松症', path: 'no match: MATCH finds nothing' },
]

/**
 * `health.search` over real HTTP on the pilot database (the column archive: 2,000 published Q&A
 * plus the demo tips and Q&A), beside the raw SQL the SQLite adapter runs for the same query,
 * timed in this process on the same file in the same run.
 */
export const health: BenchSection = {
  title: 'health.search at column scale (2,000+ published Q&A)',
  async run() {
    const loadBefore = os.loadavg()[0] ?? NaN
    const dbFile = await pilotDb('health')
    const server = await startServer({ dbFile })
    try {
      const token = await login(server.url, 'demo-resident-5')
      const db = new BetterSqlite3(dbFile, { readonly: true })
      // The same router and use case without HTTP, in this process on the same file: separates
      // the cost of the search itself from the server's and the loopback's.
      const inProcess = await startLocalRuntime({
        dbFile,
        seed: 'none',
        jobs: false,
        logLevel: 'silent',
        port: 0,
        secretFile: `${dbFile}.bench-secret`,
      })
      const identity = { openid: 'demo-resident-5' }
      const entries = (db.prepare(`SELECT COUNT(*) AS n FROM "c_health_entries"`).get() as { n: number }).n
      // Warm the server up first (JIT, SQLite page cache): the first query measured should not pay for it.
      for (let i = 0; i < 50; i++)
        for (const { q } of QUERIES) await callFn(server.url, token, 'health', 'search', { q })
      const rows: Array<Array<string | number>> = []
      for (const { q, path } of QUERIES) {
        const { total } = await callFn<{ total: number }>(server.url, token, 'health', 'search', { q })
        const http = await load({
          url: server.url,
          fn: 'health',
          connections: 10,
          durationSeconds: Math.max(2, DURATION / 2),
          request: () => ({ token, action: 'search', data: { q } }),
        })
        const plan = planTextQuery('health_entries', {
          terms: searchTerms(q),
          fields: SEARCH_FIELDS,
          orderBy: ['publishedAt', 'desc'],
          limit: SEARCH_CANDIDATES,
        })
        const statement = db.prepare(plan.sql)
        const raw = await timeCalls(2_000, () =>
          (statement.all(...plan.params) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc)),
        )
        const dispatch = await timeCalls(500, () =>
          inProcess.router.dispatch('health', { action: 'search', data: { q } }, identity, 'bench'),
        )
        rows.push([
          `\`${q}\``,
          path,
          total,
          fmt(http.requestsPerSec, 0),
          fmt(http.p50, 2),
          fmt(http.p99, 2),
          fmt(percentile(dispatch, 50), 2),
          fmt(percentile(dispatch, 99), 2),
          fmt(percentile(raw, 50), 3),
          fmt(percentile(raw, 99), 3),
          `${http.errors + http.non2xx}`,
        ])
      }
      db.close()
      await inProcess.close()
      return [
        `Local runtime in its own process (warmed up with 50 rounds of the queries) on a pilot-scale database holding ${entries} published entries (${PILOT_ARCHIVE_QA} archive Q&A + demo tips and Q&A). HTTP: autocannon, 10 connections, ${Math.max(2, DURATION / 2)} s per query, one user; the reply is the ranked top 20 with highlights. Raw: the adapter's own SQL (FTS5 trigram \`MATCH\` and/or \`LIKE\`, up to 1,000 candidate documents, \`JSON.parse\` of each) through better-sqlite3 in the bench process, 2,000 calls. Router: \`router.dispatch\` of the same call in the bench process (validation, caller, use case, ranking, highlighting; no HTTP), 500 calls, one at a time.`,
        '',
        table(
          [
            'query',
            'path',
            'matches',
            'HTTP req/s',
            'HTTP p50 (ms)',
            'HTTP p99 (ms)',
            'router p50 (ms)',
            'router p99 (ms)',
            'raw SQL p50 (ms)',
            'raw SQL p99 (ms)',
            'errors',
          ],
          rows,
        ),
        '',
        `Machine load (1-minute average) ${fmt(loadBefore, 1)} before and ${fmt(os.loadavg()[0] ?? NaN, 1)} after, on ${os.cpus().length} cores: other work shares the CPU, so compare rows with each other rather than with other runs.`,
        '',
        'HTTP latency under 10 concurrent connections is mostly queueing behind one single-threaded server (p50 ≈ connections ÷ throughput); the router column is the cost of one search. A common two-character word (血压) costs most: trigram cannot serve it, so every entry is scanned with LIKE and many candidates come back to be ranked. On a shared 2-core machine the p99 figures are noisy.',
      ].join('\n')
    } finally {
      await server.stop()
    }
  },
}
