import { initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { CloudbaseDocumentStore } from '../../cloudfunctions/adapters/cloudbase/cloudbase-document-store'
import type { CloudDatabase } from '../../cloudfunctions/adapters/cloudbase/cloudbase-database'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { SubscriptionGrantDoc } from '../../cloudfunctions/core/notifications/notifications.docs'
import { drainOutbox } from '../../cloudfunctions/core/notifications/outbox'
import { StoreNotifier } from '../../cloudfunctions/core/notifications/store-notifier'
import type { SubscribeMessage } from '../../cloudfunctions/core/shared/ports'
import { CloudbaseCapture } from '../support/cloudbase-capture'
import { TestClock } from '../support/clock'

/**
 * The outbox on the CloudBase adapter (real node-sdk, the capture server's model of the database):
 * overlapping timer runs race for the same items through CloudBase transactions, which conflict
 * and retry; still every message goes out exactly once and each spends one grant.
 */
const capture = new CloudbaseCapture({ collections: ALL_COLLECTIONS })
let store: CloudbaseDocumentStore
const clock = new TestClock()
const ids = createIdGenerator(() => clock.now())
const log = { info: () => undefined, warn: () => undefined, error: () => undefined }

beforeAll(async () => {
  const app = initCloudbaseApp({
    env: 'louzu-outbox',
    secretId: 'AKIDoutbox',
    secretKey: 'outbox-key',
    serviceUrl: await capture.start(),
    timeout: 10_000,
  })
  store = new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase, { backoffBaseMs: 1, backoffMaxMs: 10 })
})
afterAll(() => capture.close())

test('when three drains run at once over 30 queued messages on CloudBase, then each message is sent exactly once and spends exactly one grant', async () => {
  // Arrange: 30 residents with two grants each, and a notice to all of them.
  const people = Array.from({ length: 30 }, (_, i) => `u${i}`)
  capture.database.seed(
    'users',
    people.map((id) => ({
      _id: id,
      openid: `o-${id}`,
      nickname: id,
      largeText: false,
      roles: [],
      membership: null,
      privacyAcceptedVersion: null,
      createdAt: 0,
    })),
  )
  capture.database.seed(
    'subscription_grants',
    people.map((id) => ({
      _id: `${id}:announcement`,
      userId: id,
      templateKey: 'announcement',
      remaining: 2,
      updatedAt: 0,
    })),
  )
  await new StoreNotifier({ store, clock, ids }).notify(people, {
    kind: 'announcement',
    templateKey: 'announcement',
    title: '停水',
    body: '周六',
    about: 'announcement:a1',
  })
  const sends: SubscribeMessage[] = []
  const messenger = { send: async (message: SubscribeMessage) => (sends.push(message), { delivered: true as const }) }
  // Act
  const runs = await Promise.all(
    [0, 1, 2].map(() =>
      drainOutbox({ store, clock, ids, log, messenger }, { staleBefore: clock.now(), batchSize: 10, concurrency: 5 }),
    ),
  )
  // Assert
  expect(sends).toHaveLength(30)
  expect(new Set(sends.map((s) => s.key)).size).toBe(30)
  expect(runs.reduce((n, run) => n + run.sent, 0)).toBe(30)
  expect(capture.database.all('outbox').map((o) => o.status)).toEqual(Array(30).fill('sent'))
  expect(
    (capture.database.all('subscription_grants') as unknown as SubscriptionGrantDoc[]).map((g) => g.remaining),
  ).toEqual(Array(30).fill(1))
  expect(capture.database.all('notifications').every((n) => n.wechat === 'sent')).toBe(true)
}, 30_000)
