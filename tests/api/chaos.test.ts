import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { startServer } from '../../scripts/bench/harness'
import { chaosSummary, runChaos } from '../../scripts/durability/chaos-run'

/**
 * The short form of `npm run chaos`: the real runtime in its own process, killed with SIGKILL
 * three times under load (chat sends, RSVPs on a full event, announcement reads, SSE listeners).
 * The seed picks the kill moments; a failure prints it so the run can be repeated with
 * `CHAOS_SEED=<seed>` or `npm run chaos -- --kills 3 --seed <seed>`.
 */
const ROOT = path.resolve(__dirname, '../..')
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000)

describe('durability under SIGKILL', () => {
  test('when the runtime is killed three times under a mixed write load, then every acknowledged write is there exactly once and every listener got every message once', async () => {
    const report = await runChaos({ kills: 3, seed, minUpMs: 700, maxUpMs: 1800 })
    const summary = chaosSummary(report, `CHAOS_SEED=${seed}`)

    expect({ seed, failures: report.failures }).toEqual({ seed, failures: [] })
    expect(report.restarts).toBe(3)
    // Something was at stake: writes of each kind were acknowledged, some across a kill.
    expect(report.chat.acknowledged).toBeGreaterThan(20)
    expect(report.rsvp.rsvpAcknowledged).toBeGreaterThan(report.rsvp.capacity)
    expect(report.reads.acknowledged).toBeGreaterThan(10)
    expect(report.chat.inDoubt + report.rsvp.inDoubt + report.reads.inDoubt).toBeGreaterThan(0)
    // Chat: each acknowledged message exactly once.
    expect(report.chat.storedOnce).toBe(report.chat.acknowledged)
    expect(report.chat.missing + report.chat.duplicated).toBe(0)
    // RSVPs: the event is full, never over, and the waitlist is numbered 1..n.
    expect(report.rsvp.confirmedPeople).toBeLessThanOrEqual(report.rsvp.capacity)
    expect(report.rsvp.positions).toEqual(report.rsvp.positions.map((_, i) => i + 1))
    expect(report.reads.storedOnce).toBe(report.reads.distinct)
    // Realtime: every listener got its stream back after every restart, resuming from its last
    // event id, and ended with every message once.
    expect(report.realtime.resumedWithLastEventId).toBeGreaterThanOrEqual(3 * report.realtime.listeners)
    expect(report.realtime.delivered).toBe(report.realtime.expected)
    expect(report.realtime.missing + report.realtime.duplicates + report.realtime.gaps + report.realtime.resets).toBe(0)
    expect(report.integrity.afterKills).toEqual(['ok', 'ok', 'ok'])
    expect(report.integrity.final).toBe('ok')
    if (process.env.CHAOS_VERBOSE) process.stdout.write(`${summary}\n`)
  }, 120_000)

  test('when the first start is killed while it seeds the database, then the next start seeds the whole neighbourhood', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-seedkill-'))
    try {
      const reference = path.join(dir, 'reference.db')
      const killed = path.join(dir, 'killed.db')
      const clean = await startServer({ dbFile: reference })
      await clean.stop()

      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cloudfunctions', 'serve-local.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', LOUZU_DB: killed, LOG_LEVEL: 'error' },
        stdio: 'ignore',
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // Kill it part-way through seeding: once the seed has started writing.
      const deadline = Date.now() + 30_000
      while (!fs.existsSync(`${killed}.seeding-wal`) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 2))
      const midSeed = fs.existsSync(`${killed}.seeding`)
      child.kill('SIGKILL')
      await exited

      const restarted = await startServer({ dbFile: killed })
      await restarted.stop()
      // The reminder job writes notifications after the start, at its own pace: compare the seed itself.
      const ignore = new Set(['c_notifications', 'c_event_reminders', 'c_subscribe_outbox'])
      const counts = (file: string) => {
        const db = new BetterSqlite3(file, { readonly: true })
        try {
          const tables = (
            db
              .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`)
              .all() as Array<{ name: string }>
          ).map((r) => r.name)
          return Object.fromEntries(
            tables
              .filter((t) => !ignore.has(t))
              .map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]),
          )
        } finally {
          db.close()
        }
      }
      expect(midSeed).toBe(true)
      const expected = counts(reference)
      expect(expected.c_messages).toBeGreaterThan(0)
      expect(counts(killed)).toEqual(expected)
      expect(fs.existsSync(`${killed}.seeding`)).toBe(false)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 90_000)
})
