import { getUsers } from '../account/users.repository'
import type { WechatSendCounts } from '../../../contracts'
import type { UserDoc } from '../account/account.docs'
import type { DocumentStore } from '../shared/document-store'
import type { Clock, IdGenerator, Logger, SendResult, SubscribeMessenger } from '../shared/ports'
import { grantId, type OutboxDoc } from './notifications.docs'

/**
 * The outbox drain: sends queued WeChat subscribe messages in parallel batches, each at most once.
 *
 * - **Claim before sending.** A transaction (by-id reads and writes only) moves the item from
 *   `queued` to `sending` with this drain's token and spends one of the person's grants. Two
 *   drains racing for one item conflict; one wins, the other finds it taken.
 * - **Write down after sending.** `sent` (the grant stays spent), or `failed` with the grant given
 *   back when WeChat refused before delivering (zeroed when WeChat says there is none).
 * - **A drain that dies** leaves items `sending`. The next drain, once the claim is older than any
 *   drain can live (`staleBefore`), asks the messenger whether that send went out: yes → `sent`;
 *   no → queued again with the grant given back; cannot tell (WeChat) → `failed` as
 *   `interrupted`, never sent a second time.
 */

export interface DrainDeps {
  store: DocumentStore
  clock: Clock
  ids: IdGenerator
  log: Logger
  messenger: SubscribeMessenger
  /** Waits between retries; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>
}

export interface DrainOptions {
  /** Claims made before this time belong to a drain that is no longer running. */
  staleBefore: number
  /** Claim no new batch after this time (a timer function has a hard timeout). */
  deadline?: number
  /** Claim no new batch once this says so (the local runtime is shutting down). */
  stopWhen?: () => boolean
  /** Items claimed per round (default 100). */
  batchSize?: number
  /** Sends in flight at once (default 10). */
  concurrency?: number
  /** Attempts per item when WeChat is busy (default 3), waiting `retryBaseMs` × 2ⁿ (+ jitter) between them. */
  attempts?: number
  retryBaseMs?: number
}

export interface DrainRun {
  sent: number
  failed: number
  /** Stale claims settled (sent, queued again or given up as interrupted). */
  recovered: number
  /** True when the deadline stopped the run with items still queued. */
  unfinished: boolean
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Run `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

type Claim = 'claimed' | 'taken' | 'no-grant'

class OutboxDrain {
  private readonly run: DrainRun = { sent: 0, failed: 0, recovered: 0, unfinished: false }
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private readonly deps: DrainDeps,
    private readonly token: string,
    private readonly options: DrainOptions,
  ) {
    this.sleep = deps.sleep ?? defaultSleep
  }

  async drain(): Promise<DrainRun> {
    await this.recoverStale()
    const batchSize = this.options.batchSize ?? 100
    // Items this run has tried and could not settle (a store error): left for the next run.
    const tried = new Set<string>()
    for (;;) {
      const found = await this.deps.store.find(
        'outbox',
        { status: 'queued' },
        { orderBy: [['createdAt', 'asc']], limit: batchSize + tried.size },
      )
      const batch = found.filter((item) => !tried.has(item._id)).slice(0, batchSize)
      if (!batch.length) {
        this.run.unfinished = found.length > 0
        return this.run
      }
      if (
        (this.options.deadline !== undefined && this.deps.clock.now() >= this.options.deadline) ||
        this.options.stopWhen?.()
      ) {
        this.run.unfinished = true
        return this.run
      }
      const users = new Map(
        (await getUsers(this.deps.store, [...new Set(batch.map((item) => item.recipientId))])).map((u) => [u._id, u]),
      )
      await inParallel(batch, this.options.concurrency ?? 10, async (item) => {
        try {
          await this.deliver(item, users.get(item.recipientId))
        } catch (error) {
          tried.add(item._id)
          this.deps.log.error(
            { outboxId: item._id, error: (error as Error)?.stack ?? String(error) },
            'outbox item failed',
          )
        }
      })
    }
  }

  private async deliver(item: OutboxDoc, user: UserDoc | undefined): Promise<void> {
    const claim = await this.claim(item)
    if (claim === 'taken') return
    if (claim === 'no-grant') {
      this.run.failed++
      return
    }
    if (!user || user.deletedAt)
      return this.settleUndelivered(item, { delivered: false, reason: 'account-deleted', grant: 'unknown' })
    const result = await this.sendWithRetries(item, user.openid)
    if (result.delivered) return this.settleDelivered(item)
    return this.settleUndelivered(item, result)
  }

  /** queued → sending, spending one grant, in one transaction. */
  private claim(item: OutboxDoc): Promise<Claim> {
    const { store, clock } = this.deps
    return store.transaction(async (tx) => {
      const now = clock.now()
      const current = await tx.get('outbox', item._id)
      if (!current || current.status !== 'queued') return 'taken'
      const grant = await tx.get('subscription_grants', grantId(current.recipientId, current.templateKey))
      if (!grant || grant.remaining <= 0) {
        await tx.update('outbox', item._id, { set: { status: 'failed', reason: 'no-grant', updatedAt: now } })
        await tx.update('notifications', item._id, { set: { wechat: 'failed' } })
        return 'no-grant'
      }
      await tx.update('subscription_grants', grant._id, { inc: { remaining: -1 }, set: { updatedAt: now } })
      await tx.update('outbox', item._id, {
        set: { status: 'sending', claimToken: this.token, claimedAt: now, updatedAt: now },
      })
      return 'claimed'
    })
  }

  private async sendWithRetries(item: OutboxDoc, openid: string): Promise<SendResult> {
    const attempts = Math.max(1, this.options.attempts ?? 3)
    const base = this.options.retryBaseMs ?? 500
    for (let attempt = 1; ; attempt++) {
      let result: SendResult
      try {
        result = await this.deps.messenger.send({
          key: item._id,
          openid,
          templateKey: item.templateKey,
          ...(item.page ? { page: item.page } : {}),
          data: item.data,
        })
      } catch (error) {
        this.deps.log.warn(
          { outboxId: item._id, error: (error as Error)?.message ?? String(error) },
          'subscribe send threw',
        )
        return { delivered: false, reason: 'error', grant: 'unknown' }
      }
      if (result.delivered || !result.retryable || attempt >= attempts) return result
      await this.sleep(base * 2 ** (attempt - 1) * (1 + Math.random()))
    }
  }

  private async settleDelivered(item: OutboxDoc): Promise<void> {
    if (await this.release(item._id, this.token, { status: 'sent', reason: null }, 'spent')) this.run.sent++
  }

  private async settleUndelivered(item: OutboxDoc, result: Extract<SendResult, { delivered: false }>): Promise<void> {
    if (
      await this.release(
        item._id,
        this.token,
        { status: 'failed', reason: result.reason },
        result.grant === 'unknown' ? 'spent' : result.grant,
      )
    )
      this.run.failed++
  }

  /**
   * Let go of a claim (only if `token` still holds it) in one transaction with the notification it
   * belongs to, so a kill between the two cannot leave the notification saying “queued”: sent,
   * failed, or queued again; the grant spent at the claim stays spent, is given back (`kept`) or
   * zeroed (`gone`, WeChat says there is none).
   */
  private release(
    id: string,
    token: string,
    outcome: { status: 'sent' | 'failed' | 'queued'; reason: string | null },
    grant: 'spent' | 'kept' | 'gone',
  ): Promise<boolean> {
    const { store, clock } = this.deps
    return store.transaction(async (tx) => {
      const now = clock.now()
      const current = await tx.get('outbox', id)
      if (!current || current.status !== 'sending' || current.claimToken !== token) return false
      if (grant !== 'spent') {
        const grantDocId = grantId(current.recipientId, current.templateKey)
        const held = await tx.get('subscription_grants', grantDocId)
        if (held)
          await tx.update(
            'subscription_grants',
            grantDocId,
            grant === 'kept'
              ? { inc: { remaining: 1 }, set: { updatedAt: now } }
              : { set: { remaining: 0, updatedAt: now } },
          )
      }
      await tx.update('outbox', id, {
        set: {
          ...outcome,
          ...(outcome.status === 'sent' ? { sentAt: now } : {}),
          claimToken: null,
          claimedAt: null,
          updatedAt: now,
        },
      })
      // The notification may be gone (its person erased their account); that is fine.
      if (outcome.status !== 'queued') await tx.update('notifications', id, { set: { wechat: outcome.status } })
      return true
    })
  }

  /** Claims older than `staleBefore` were left by a drain that died mid-send. */
  private async recoverStale(): Promise<void> {
    const { store, messenger, log } = this.deps
    const stale = await store.find(
      'outbox',
      { status: 'sending', claimedAt: { $lt: this.options.staleBefore } },
      { orderBy: [['claimedAt', 'asc']], limit: 1000 },
    )
    for (const item of stale) {
      const token = item.claimToken ?? ''
      const delivered = messenger.wasDelivered ? await messenger.wasDelivered(item._id) : undefined
      if (delivered === true) await this.release(item._id, token, { status: 'sent', reason: null }, 'spent')
      else if (delivered === false) await this.release(item._id, token, { status: 'queued', reason: null }, 'kept')
      else await this.release(item._id, token, { status: 'failed', reason: 'interrupted' }, 'spent')
      this.run.recovered++
    }
    if (stale.length) log.warn({ recovered: stale.length }, 'outbox: settled sends left by a drain that stopped')
  }
}

/** Send what is queued (see the top of this file). Safe to run while another drain runs. */
export async function drainOutbox(deps: DrainDeps, options: DrainOptions): Promise<DrainRun> {
  const run = await new OutboxDrain(deps, deps.ids.next('drain'), options).drain()
  if (run.sent || run.failed || run.recovered) deps.log.info({ ...run }, 'outbox drained')
  return run
}

/** Sent / queued / failed WeChat messages about one subject (e.g. `announcement:<id>`): three indexed counts. */
export async function wechatSendCounts(store: DocumentStore, about: string): Promise<WechatSendCounts> {
  const [sent, queued, failed] = await Promise.all([
    store.count('outbox', { about, status: 'sent' }),
    store.count('outbox', { about, status: { $in: ['queued', 'sending'] } }),
    store.count('outbox', { about, status: 'failed' }),
  ])
  return { sent, queued, failed }
}
