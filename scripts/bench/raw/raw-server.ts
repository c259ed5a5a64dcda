/**
 * The overhead bench's baseline: a bare fastify + better-sqlite3 server that answers
 * `POST /api/functions/:fn` by running, for that `fn.action`, exactly the SQL statements the local
 * runtime ran for one such request (captured with sql-capture.cjs), with the same parameters, and
 * replies with the documents it read. No identity, validation, router or use case: what is left is
 * HTTP, SQLite and JSON. Writes run in one immediate transaction, as the store's do; an INSERT is
 * replayed as INSERT OR REPLACE so the same row can be written again.
 */
import fs from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import Fastify from 'fastify'

interface Captured {
  sql: string
  method: 'run' | 'get' | 'all'
  params: unknown[]
}

const db = new BetterSqlite3(process.env.LOUZU_DB ?? '')
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
const scripts = JSON.parse(fs.readFileSync(process.env.RAW_SCRIPTS ?? '', 'utf8')) as Record<string, Captured[]>

const handlers = new Map<string, () => unknown[]>()
for (const [key, statements] of Object.entries(scripts)) {
  const prepared = statements.map((s) => ({
    ...s,
    stmt: db.prepare(s.sql.replace(/^INSERT INTO/i, 'INSERT OR REPLACE INTO')),
  }))
  const runAll = (): unknown[] => {
    const docs: unknown[] = []
    for (const s of prepared) {
      const result =
        s.method === 'run'
          ? s.stmt.run(...s.params)
          : s.method === 'get'
            ? [s.stmt.get(...s.params)]
            : s.stmt.all(...s.params)
      if (Array.isArray(result))
        for (const row of result as Array<{ doc?: string } | undefined>) if (row?.doc) docs.push(JSON.parse(row.doc))
    }
    return docs
  }
  const writes = statements.some((s) => s.method === 'run')
  const tx = db.transaction(runAll)
  handlers.set(key, writes ? () => tx.immediate() : runAll)
}

const app = Fastify({ logger: false })
app.post<{ Params: { fn: string }; Body: { action: string } }>('/api/functions/:fn', async (request, reply) => {
  const handler = handlers.get(`${request.params.fn}.${request.body.action}`)
  if (!handler) return reply.code(404).send({ ok: false })
  return { ok: true, data: handler() }
})
void app.listen({ port: 0, host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`raw server is running: ${address}\n`)
})
process.on('SIGTERM', () => {
  void app.close().then(() => {
    db.close()
    process.exit(0)
  })
})
