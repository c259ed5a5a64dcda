import { initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { CloudbaseDocumentStore } from '../../cloudfunctions/adapters/cloudbase/cloudbase-document-store'
import type { CloudDatabase } from '../../cloudfunctions/adapters/cloudbase/cloudbase-database'
import { applyCollection, databaseTag } from '../../scripts/lib/database-deployer'
import { collectionPlans } from '../../scripts/lib/database-plan'
import { createCloudApiClient } from '../../scripts/lib/tencentcloud-api'
import { CONTRACT_COLLECTIONS, documentStoreContract } from './document-store.contract'

/**
 * The same suite against a real CloudBase environment. Opt-in, because it needs the network and
 * a THROWAWAY environment: it creates the collections contract_docs/people/seats (with their
 * indexes, through the deploy script's own code) and empties them before every test.
 *
 *   TCB_ENV_ID=… TCB_SECRET_ID=… TCB_SECRET_KEY=… [TCB_REGION=ap-shanghai] npx jest --selectProjects contract
 */
const REQUIRED = ['TCB_ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'] as const
const missing = REQUIRED.filter((key) => !process.env[key])

if (missing.length) {
  console.info(
    `[contract] CloudBase DocumentStore suite SKIPPED: ${missing.join(', ')} not set. ` +
      'Set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY (a throwaway environment) to run it against real CloudBase.',
  )
  describe.skip(`CloudBase (skipped: ${missing.join(', ')} not set)`, () => {
    documentStoreContract('cloudbase', async () => {
      throw new Error('not configured')
    })
  })
} else {
  const envId = process.env.TCB_ENV_ID as string
  const secretId = process.env.TCB_SECRET_ID as string
  const secretKey = process.env.TCB_SECRET_KEY as string
  const region = process.env.TCB_REGION

  // tests/support/env.ts sets TENCENTCLOUD=true so that offline tests never look for Tencent's
  // metadata server; from outside Tencent Cloud it would also send requests to the *internal*
  // endpoint. This suite talks to the real public endpoint, so it must not be set here.
  const tencentcloud = process.env.TENCENTCLOUD
  delete process.env.TENCENTCLOUD
  // Jest reuses worker processes: put it back for the offline suites that run after this one.
  afterAll(() => {
    if (tencentcloud !== undefined) process.env.TENCENTCLOUD = tencentcloud
  })

  documentStoreContract(
    'cloudbase',
    async () => {
      const api = createCloudApiClient({ credentials: { secretId, secretKey }, region })
      const tag = await databaseTag(api, envId)
      for (const plan of collectionPlans(CONTRACT_COLLECTIONS))
        await applyCollection(api, envId, tag, plan, () => undefined)
      const app = initCloudbaseApp({ env: envId, secretId, secretKey, region })
      const store = new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase)
      return {
        store,
        async reset() {
          for (const spec of CONTRACT_COLLECTIONS) await store.deleteWhere(spec.name, { _id: { $ne: '__none__' } })
        },
        async close() {},
      }
    },
    { timeoutMs: 30_000 },
  )
}
