import { initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { CloudbaseDocumentStore } from '../../cloudfunctions/adapters/cloudbase/cloudbase-document-store'
import type { CloudDatabase } from '../../cloudfunctions/adapters/cloudbase/cloudbase-database'
import { CloudbaseCapture } from '../support/cloudbase-capture'
import { CONTRACT_COLLECTIONS, documentStoreContract } from './document-store.contract'

/**
 * The whole DocumentStore suite on the CloudBase adapter, offline: the real @cloudbase/node-sdk
 * talks to the capture server, whose in-memory database answers as the service does (see
 * tests/support/fake-cloudbase-database.ts). Only the declared collections exist, as after a
 * deploy. cloudbase-document-store.test.ts runs the same suite against a real environment.
 */
const capture = new CloudbaseCapture({ collections: CONTRACT_COLLECTIONS })

documentStoreContract('cloudbase (offline, capture server)', async () => {
  const serviceUrl = await capture.start()
  const app = initCloudbaseApp({
    env: 'louzu-contract',
    secretId: 'AKIDcontract',
    secretKey: 'contract-key',
    serviceUrl,
    timeout: 10_000,
  })
  const store = new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase, {
    backoffBaseMs: 1,
    backoffMaxMs: 5,
  })
  return {
    store,
    async reset() {
      capture.clear()
    },
    async close() {
      await capture.close()
    },
  }
})

describe('CloudBase adapter against a deployed database', () => {
  const deployed = new CloudbaseCapture({ collections: CONTRACT_COLLECTIONS })
  let store: CloudbaseDocumentStore
  beforeAll(async () => {
    const app = initCloudbaseApp({
      env: 'louzu-contract',
      secretId: 'AKIDcontract',
      secretKey: 'contract-key',
      serviceUrl: await deployed.start(),
      timeout: 10_000,
    })
    store = new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase)
  })
  afterAll(() => deployed.close())

  test('when a collection was never deployed, then reads and writes fail with the service error code instead of finding nothing', async () => {
    await expect(store.find('contract_missing', {})).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await expect(store.insert('contract_missing', { _id: 'x' })).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
  })

  test('when two documents both lack a uniquely indexed field, then the second insert clashes (a missing field counts as null)', async () => {
    await store.insert('contract_people', { _id: 'p1' })
    await expect(store.insert('contract_people', { _id: 'p2' })).rejects.toMatchObject({ name: 'DuplicateKeyError' })
  })
})
