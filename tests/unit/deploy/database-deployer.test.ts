import { deployDatabase } from '../../../scripts/lib/database-deployer'
import { collectionPlans, databaseRulesFile, type CollectionPlan } from '../../../scripts/lib/database-plan'
import { createCloudApiClient } from '../../../scripts/lib/tencentcloud-api'
import { ALL_COLLECTIONS } from '../../../cloudfunctions/core/collections'
import { noPersonalData, type CollectionSpec } from '../../../cloudfunctions/core/shared/collections'
import { FakeTencentCloudApi } from '../../support/fake-tencentcloud-api'
import { at, take } from '../../support/lists'

const SPECS: CollectionSpec[] = [
  {
    name: 'messages',
    description: '群消息',
    indexes: [
      {
        name: 'group_time',
        fields: [
          ['groupId', 'asc'],
          ['sentAt', 'desc'],
        ],
      },
      { name: 'client', fields: [['clientId', 'asc']], unique: true },
    ],
    clientRule: { read: "doc.buildingId in get('database.memberships.' + auth.openid).buildings", write: 'false' },
    personalData: noPersonalData('test'),
  },
  {
    name: 'users',
    description: '用户',
    personalData: noPersonalData('test'),
    indexes: [{ name: 'openid', fields: [['openid', 'asc']], unique: true }],
  },
]

describe('database plan', () => {
  test('when specs are planned, then indexes become flexdb CreateIndexes and rules follow clientRule', () => {
    const [messages, users] = take(collectionPlans(SPECS), 2)
    expect(messages.createIndexes).toEqual([
      {
        IndexName: 'group_time',
        MgoKeySchema: {
          MgoIndexKeys: [
            { Name: 'groupId', Direction: '1' },
            { Name: 'sentAt', Direction: '-1' },
          ],
          MgoIsUnique: false,
        },
      },
      {
        IndexName: 'client',
        MgoKeySchema: { MgoIndexKeys: [{ Name: 'clientId', Direction: '1' }], MgoIsUnique: true },
      },
    ])
    expect(messages.access).toEqual({
      aclTag: 'CUSTOM',
      rule: { read: "doc.buildingId in get('database.memberships.' + auth.openid).buildings", write: false },
    })
    expect(users.access).toEqual({ aclTag: 'ADMINONLY' })
  })

  test('when the rules file is generated, then only collections with a clientRule are client-readable', () => {
    const file = databaseRulesFile(collectionPlans(SPECS))
    expect(file.collections).toEqual({
      messages: expect.objectContaining({ aclTag: 'CUSTOM' }),
      users: { aclTag: 'ADMINONLY' },
    })
  })

  test('when a collection or index name repeats, then planning fails', () => {
    expect(() => collectionPlans([at(SPECS, 1), at(SPECS, 1)])).toThrow('declared twice')
    expect(() =>
      collectionPlans([{ ...at(SPECS, 1), indexes: [at(at(SPECS, 1).indexes, 0), at(at(SPECS, 1).indexes, 0)] }]),
    ).toThrow('index openid twice')
  })

  test('when the product collections are planned, then every one is covered', () => {
    expect(collectionPlans(ALL_COLLECTIONS).map((p) => p.name)).toEqual(ALL_COLLECTIONS.map((s) => s.name))
  })
})

describe('database deployer against a fake TencentCloud API', () => {
  let api: FakeTencentCloudApi
  let base: string
  let plans: CollectionPlan[]
  const lines: string[] = []
  const log = (line: string) => lines.push(line)
  const client = () => createCloudApiClient({ credentials: { secretId: 'AKID', secretKey: 'k' }, localApi: base })

  beforeEach(async () => {
    api = new FakeTencentCloudApi('env-1', 'k')
    base = await api.start()
    plans = collectionPlans(SPECS)
    lines.length = 0
  })
  afterEach(() => api.close())

  test('when the environment is empty, then each collection is created with its indexes and rule', async () => {
    await deployDatabase(client(), 'env-1', plans, log)
    expect(api.actions()).toEqual([
      'tcb.DescribeEnvs',
      'flexdb.DescribeTable',
      'flexdb.CreateTable',
      'flexdb.UpdateTable',
      'tcb.ModifySafeRule',
      'flexdb.DescribeTable',
      'flexdb.CreateTable',
      'flexdb.UpdateTable',
      'tcb.ModifySafeRule',
    ])
    expect(api.tables.get('messages')?.map((i) => i.Name)).toEqual(['_id_', 'group_time', 'client'])
    const firstAccess = at(plans, 0).access
    expect(api.rules.get('messages')).toEqual({
      AclTag: 'CUSTOM',
      Rule: JSON.stringify(firstAccess.aclTag === 'CUSTOM' && firstAccess.rule),
    })
    expect(api.rules.get('users')).toEqual({ AclTag: 'ADMINONLY' })
    expect(api.calls.filter((c) => c.service === 'flexdb').every((c) => c.params.Tag === 'tnt-louzu-test')).toBe(true)
  })

  test('when it runs again, then nothing is created twice and only the rules are set again', async () => {
    await deployDatabase(client(), 'env-1', plans, log)
    api.calls.length = 0
    await deployDatabase(client(), 'env-1', plans, log)
    expect(api.actions()).toEqual([
      'tcb.DescribeEnvs',
      'flexdb.DescribeTable',
      'tcb.ModifySafeRule',
      'flexdb.DescribeTable',
      'tcb.ModifySafeRule',
    ])
  })

  test('when an index definition changed, then it is dropped and re-created; unknown indexes are left with a note', async () => {
    // Arrange: the cloud has an older "client" index (not unique) and a hand-made one.
    await deployDatabase(client(), 'env-1', plans, log)
    const indexes = api.tables.get('messages')!
    indexes.find((i) => i.Name === 'client')!.Unique = false
    indexes.push({ Name: 'by_hand', Keys: [{ Name: 'x', Direction: '1' }], Unique: false })
    api.calls.length = 0
    // Act
    await deployDatabase(client(), 'env-1', plans, log)
    // Assert
    const updates = api.calls.filter((c) => c.action === 'UpdateTable')
    expect(updates.map((c) => c.params)).toEqual([
      { Tag: 'tnt-louzu-test', TableName: 'messages', DropIndexes: [{ IndexName: 'client' }] },
      { Tag: 'tnt-louzu-test', TableName: 'messages', CreateIndexes: [at(plans, 0).createIndexes[1]] },
    ])
    expect(api.tables.get('messages')!.find((i) => i.Name === 'client')!.Unique).toBe(true)
    expect(lines.join('\n')).toContain('not in the specs, left alone: by_hand')
  })

  test('when the environment does not exist, then the deploy stops with a clear error', async () => {
    await expect(deployDatabase(client(), 'nope', plans, log)).rejects.toThrow('environment nope not found')
  })
})
