/**
 * Preloaded (`node --require`) into the local runtime by the overhead bench only: records the SQL
 * statements and their parameters that one request runs, so the raw server can run the same SQL.
 * SIGUSR2 starts a capture; the next SIGUSR2 writes it to LOUZU_SQL_CAPTURE as JSON and stops.
 */
const fs = require('node:fs')
const Database = require('better-sqlite3')

const out = process.env.LOUZU_SQL_CAPTURE
let captured = null
const Statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'))
for (const method of ['run', 'get', 'all']) {
  const original = Statement[method]
  Statement[method] = function (...params) {
    if (captured) captured.push({ sql: this.source, method, params })
    return original.apply(this, params)
  }
}
process.on('SIGUSR2', () => {
  if (captured) {
    fs.writeFileSync(out, JSON.stringify(captured))
    captured = null
  } else captured = []
})
