import type { CloudIndex, CollectionPlan } from './database-plan'
import { CloudApiError, type CloudApiClient } from './tencentcloud-api'

const TCB = ['tcb', '2018-06-08'] as const
const FLEXDB = ['flexdb', '2018-11-27'] as const

interface DescribedIndex {
  Name: string
  Keys?: Array<{ Name?: string; Direction?: string }>
  Unique?: boolean
}

function sameIndex(existing: DescribedIndex, wanted: CloudIndex): boolean {
  const keys = existing.Keys ?? []
  const want = wanted.MgoKeySchema.MgoIndexKeys
  return (
    Boolean(existing.Unique) === wanted.MgoKeySchema.MgoIsUnique &&
    keys.length === want.length &&
    keys.every((key, i) => key.Name === want[i]?.Name && String(key.Direction) === want[i]?.Direction)
  )
}

/** The database instance ("Tag") of an environment, which the flexdb calls address. */
export async function databaseTag(api: CloudApiClient, envId: string): Promise<string> {
  const reply = await api.call<{ EnvList?: Array<{ EnvId?: string; Databases?: Array<{ InstanceId?: string }> }> }>(
    ...TCB,
    'DescribeEnvs',
    { EnvId: envId },
  )
  const env = reply.EnvList?.find((e) => e.EnvId === envId) ?? reply.EnvList?.[0]
  const tag = env?.Databases?.[0]?.InstanceId
  if (!tag) throw new Error(`environment ${envId} not found or has no document database (DescribeEnvs)`)
  return tag
}

/**
 * Make one collection match its plan: create it if missing, create missing indexes, rebuild an
 * index whose definition changed (drop, then create), and set its security rule. Indexes that
 * exist in the cloud but not in the specs are reported, never dropped: someone may rely on them.
 */
export async function applyCollection(
  api: CloudApiClient,
  envId: string,
  tag: string,
  plan: CollectionPlan,
  log: (line: string) => void,
): Promise<void> {
  let existing: DescribedIndex[]
  try {
    const described = await api.call<{ Indexes?: DescribedIndex[] }>(...FLEXDB, 'DescribeTable', {
      Tag: tag,
      TableName: plan.name,
    })
    existing = described.Indexes ?? []
  } catch (error) {
    if (!(error instanceof CloudApiError)) throw error
    // DescribeTable fails for a collection that does not exist (manager-node reads it the same way).
    log(`  create collection ${plan.name}`)
    await api.call(...FLEXDB, 'CreateTable', { Tag: tag, TableName: plan.name })
    existing = []
  }

  const byName = new Map(existing.map((index) => [index.Name, index]))
  const stale = plan.createIndexes.filter(
    (index) => byName.has(index.IndexName) && !sameIndex(byName.get(index.IndexName)!, index),
  )
  const missing = plan.createIndexes.filter((index) => !byName.has(index.IndexName) || stale.includes(index))
  if (stale.length) {
    log(`  drop changed index(es) ${stale.map((i) => i.IndexName).join(', ')} on ${plan.name}`)
    await api.call(...FLEXDB, 'UpdateTable', {
      Tag: tag,
      TableName: plan.name,
      DropIndexes: stale.map((i) => ({ IndexName: i.IndexName })),
    })
  }
  if (missing.length) {
    log(`  create index(es) ${missing.map((i) => i.IndexName).join(', ')} on ${plan.name}`)
    await api.call(...FLEXDB, 'UpdateTable', { Tag: tag, TableName: plan.name, CreateIndexes: missing })
  }
  const wanted = new Set(plan.createIndexes.map((i) => i.IndexName))
  const extra = existing.filter((index) => index.Name !== '_id_' && !wanted.has(index.Name)).map((index) => index.Name)
  if (extra.length) log(`  note: ${plan.name} has index(es) not in the specs, left alone: ${extra.join(', ')}`)

  const access = plan.access
  await api.call(...TCB, 'ModifySafeRule', {
    EnvId: envId,
    CollectionName: plan.name,
    AclTag: access.aclTag,
    ...(access.aclTag === 'CUSTOM' ? { Rule: JSON.stringify(access.rule) } : {}),
  })
  log(`  rule ${plan.name}: ${access.aclTag}`)
}

export async function deployDatabase(
  api: CloudApiClient,
  envId: string,
  plans: readonly CollectionPlan[],
  log: (line: string) => void,
): Promise<void> {
  const tag = await databaseTag(api, envId)
  log(`database instance ${tag}`)
  for (const plan of plans) await applyCollection(api, envId, tag, plan, log)
}
