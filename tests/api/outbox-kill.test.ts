import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { createLocalCore } from '../../cloudfunctions/local-runtime'
import { seedNeighbourhood } from '../../cloudfunctions/seed/seed'
import { startServer, type Server } from '../../scripts/bench/harness'

jest.setTimeout(180_000)

/**
 * The WeChat outbox under SIGKILL: the real runtime in its own process drains 600 queued
 * subscribe messages (a neighbourhood-wide notice at pilot scale); it is killed twice mid-drain
 * and started again. Counted on the local messenger — which records every send call, never
 * deduplicating — every queued message must have been delivered exactly once.
 */
const GRANTS = 600

describe('the WeChat outbox under SIGKILL', () => {
  let dir: string
  let dbFile: string
  let server: Server | null = null
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-outbox-kill-'))
    dbFile = path.join(dir, 'louzu.db')
  })
  afterAll(async () => {
    await server?.kill()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** Counts read from the database file while the server writes it (WAL lets a reader in). */
  function counts(): { deliveries: number; distinct: number; open: number; sent: number; sending: number } {
    const db = new BetterSqlite3(dbFile, { readonly: true })
    try {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      return {
        deliveries: one(`SELECT COUNT(*) AS n FROM "c_local_wechat_deliveries"`),
        distinct: one(`SELECT COUNT(DISTINCT json_extract(doc, '$.outboxId')) AS n FROM "c_local_wechat_deliveries"`),
        open: one(`SELECT COUNT(*) AS n FROM "c_outbox" WHERE json_extract(doc, '$.status') IN ('queued', 'sending')`),
        sent: one(`SELECT COUNT(*) AS n FROM "c_outbox" WHERE json_extract(doc, '$.status') = 'sent'`),
        sending: one(`SELECT COUNT(*) AS n FROM "c_outbox" WHERE json_extract(doc, '$.status') = 'sending'`),
      }
    } finally {
      db.close()
    }
  }

  async function until(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
    const started = Date.now()
    while (!check()) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(counts())}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  test('when the runtime is killed twice while sending 600 queued WeChat messages and started again, then every one is delivered exactly once', async () => {
    // Arrange: the pilot neighbourhood; 600 residents granted the announcement template; the
    // committee publishes to everyone (which queues 600 messages and sends none).
    const core = await createLocalCore({ dbFile, seed: 'none', logLevel: 'silent' })
    await seedNeighbourhood(core.deps, 'pilot', [])
    const residents = await core.deps.store.find(
      'memberships',
      { status: 'verified' },
      { orderBy: [['_id', 'asc']], limit: GRANTS },
    )
    await core.deps.store.insertMany(
      'subscription_grants',
      residents.map((m) => ({
        _id: `${m.userId}:announcement`,
        userId: m.userId,
        templateKey: 'announcement',
        remaining: 1,
        updatedAt: 0,
      })),
    )
    const reply = await core.router.dispatch(
      'announcements',
      {
        action: 'publish',
        data: { audience: 'neighbourhood', title: '冬季消防检查', body: '本周六上午逐户检查灭火器。' },
      },
      { openid: 'demo-admin' },
      'kill-test',
    )
    expect(reply.envelope.ok).toBe(true)
    core.db.close()
    expect(counts()).toEqual({ deliveries: 0, distinct: 0, open: GRANTS, sent: 0, sending: 0 })

    // Act: the runtime drains at start; kill it a little way in, then again further on.
    let claimedWhenKilled = 0
    for (const killAt of [80, 330]) {
      server = await startServer({ dbFile })
      await until(() => counts().deliveries >= killAt, `${killAt} deliveries`)
      await server.kill()
      server = null
      const left = counts()
      expect(left.open).toBeGreaterThan(0) // it really was stopped mid-drain
      claimedWhenKilled += left.sending
    }
    // Sends were in flight at a kill (claimed, maybe delivered, not written down): the case at stake.
    expect(claimedWhenKilled).toBeGreaterThan(0)
    server = await startServer({ dbFile })
    await until(() => counts().open === 0, 'the outbox to empty')
    await server.stop()
    server = null

    // Assert: each of the 1,000 delivered once, none twice, and each written down as sent.
    expect(counts()).toEqual({ deliveries: GRANTS, distinct: GRANTS, open: 0, sent: GRANTS, sending: 0 })
    const db = new BetterSqlite3(dbFile, { readonly: true })
    try {
      const grantsLeft = db
        .prepare(`SELECT COUNT(*) AS n FROM "c_subscription_grants" WHERE json_extract(doc, '$.remaining') <> 0`)
        .get() as { n: number }
      expect(grantsLeft.n).toBe(0) // one grant spent per message, none twice
      const notSent = db
        .prepare(
          `SELECT COUNT(*) AS n FROM "c_notifications" WHERE json_extract(doc, '$.wechat') IN ('queued', 'failed')`,
        )
        .get() as { n: number }
      expect(notSent.n).toBe(0)
    } finally {
      db.close()
    }
  })
})
