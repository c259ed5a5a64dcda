import { initCloudbaseApp } from '../../cloudfunctions/adapters/cloudbase/cloudbase-app'
import { CloudbaseDocumentStore } from '../../cloudfunctions/adapters/cloudbase/cloudbase-document-store'
import type { CloudDatabase } from '../../cloudfunctions/adapters/cloudbase/cloudbase-database'
import { DuplicateKeyError, type Doc } from '../../cloudfunctions/core/shared/document-store'
import { CloudbaseCapture, ejsonDoc, type CapturedRequest } from '../support/cloudbase-capture'
import { at, firstOf, take } from '../support/lists'

/**
 * Without credentials: the CloudBase store drives the real @cloudbase/node-sdk 3.18.3, whose
 * requests go to a local capture server. Each test checks the request a port operation sends
 * (action, collection, EJSON query/order/limit, update operators, transaction ids) and that the
 * server's reply is mapped back as the port promises.
 */

const capture = new CloudbaseCapture()
let store: CloudbaseDocumentStore
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  // The SDK starts work it does not await (credential checks, platform probes): any rejection
  // escaping it would be a bug in how we drive it, so collect and assert there are none.
  process.on('unhandledRejection', onUnhandled)
  const serviceUrl = await capture.start()
  const app = initCloudbaseApp({
    env: 'louzu-test',
    secretId: 'AKIDtest',
    secretKey: 'test-secret-key',
    serviceUrl,
    keepalive: false,
    timeout: 5000,
  })
  store = new CloudbaseDocumentStore(app.database() as unknown as CloudDatabase, { sleep: async () => undefined })
})
afterAll(async () => {
  await capture.close()
  process.off('unhandledRejection', onUnhandled)
})
beforeEach(() => capture.clear())
afterEach(() => expect(unhandled).toEqual([]))

const json = (text: unknown) => JSON.parse(String(text)) as unknown
const only = (action: string): CapturedRequest => {
  const found = capture.of(action)
  expect(found).toHaveLength(1)
  return at(found, 0)
}
const list = (...docs: Array<Record<string, unknown>>) => ({ requestId: 'r', data: { list: docs.map(ejsonDoc) } })

describe('CloudBase store requests: reads', () => {
  test('when get is called, then one getDocument by _id goes out and the EJSON reply becomes a plain document', async () => {
    // Arrange
    capture.reply(
      'database.getDocument',
      list({ _id: 'u1', name: '王阿姨', time: 1764295200000, ratio: 0.5, n: 3, profile: { city: '上海' } }),
    )
    // Act
    const doc = await store.get('users', 'u1')
    // Assert
    const request = only('database.getDocument')
    expect(request.body).toMatchObject({ collectionName: 'users', queryType: 'DOC', multi: false })
    expect(json(request.body.query)).toEqual({ _id: 'u1' })
    expect(request.query.get('env')).toBe('louzu-test')
    expect(doc).toEqual({ _id: 'u1', name: '王阿姨', time: 1764295200000, ratio: 0.5, n: 3, profile: { city: '上海' } })
  })

  test('when get finds nothing, then it returns null', async () => {
    expect(await store.get('users', 'nobody')).toBeNull()
  })

  test('when getMany is given 150 ids, then they go out as two _id-$in queries with matching limits', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `id${i}`)
    capture.reply('database.getDocument', list({ _id: 'id0' }, { _id: 'id99' }))
    capture.reply('database.getDocument', list({ _id: 'id120' }))
    const docs = await store.getMany('users', [...ids, 'id0'])
    const [first, second] = take(capture.of('database.getDocument'), 2)
    expect(json(first.body.query)).toEqual({ _id: { $in: ids.slice(0, 100) } })
    expect(first.body).toMatchObject({ collectionName: 'users', queryType: 'WHERE', limit: 100 })
    expect(json(second.body.query)).toEqual({ _id: { $in: ids.slice(100) } })
    expect(second.body.limit).toBe(50)
    expect(docs.map((d) => d._id)).toEqual(['id0', 'id99', 'id120'])
  })

  test('when find has filters, order, skip and limit, then the query, order, offset and limit are sent as written', async () => {
    // Arrange
    capture.reply('database.getDocument', list({ _id: 'm2', createdAt: 1764295200001 }))
    // Act
    const docs = await store.find(
      'memberships',
      {
        buildingId: 'jsh-5',
        status: { $in: ['pending', 'verified'] },
        createdAt: { $gte: 100, $lt: 200 },
        reviewedAt: null,
        'profile.city': { $ne: '北京' },
      },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['room', 'asc'],
        ],
        skip: 20,
        limit: 10,
      },
    )
    // Assert
    const request = only('database.getDocument')
    expect(request.body).toMatchObject({ collectionName: 'memberships', queryType: 'WHERE', limit: 10, offset: 20 })
    expect(json(request.body.query)).toEqual({
      buildingId: 'jsh-5',
      status: { $in: ['pending', 'verified'] },
      reviewedAt: null,
      'profile.city': { $ne: '北京' },
      $and: [{ createdAt: { $gte: { $numberInt: '100' } } }, { createdAt: { $lt: { $numberInt: '200' } } }],
    })
    // Several keys, in order, then _id as the stable tiebreak.
    expect(Object.entries(json(request.body.order) as Record<string, unknown>)).toEqual([
      ['createdAt', { $numberInt: '-1' }],
      ['room', { $numberInt: '1' }],
      ['_id', { $numberInt: '1' }],
    ])
    expect(docs).toEqual([{ _id: 'm2', createdAt: 1764295200001 }])
  })

  test('when find asks for more than 1000, then 1000 is requested; for none, nothing is requested', async () => {
    await store.find('users', {}, { limit: 5000 })
    expect(only('database.getDocument').body.limit).toBe(1000)
    capture.clear()
    expect(await store.find('users', {}, { limit: 0 })).toEqual([])
    expect(capture.of()).toEqual([])
  })

  test('when find has no limit, then the port default of 100 is requested', async () => {
    await store.find('users', { openid: 'o1' })
    expect(only('database.getDocument').body.limit).toBe(100)
  })

  test('when count is called, then calculateDocument carries the query and its total is returned', async () => {
    capture.reply('database.calculateDocument', { requestId: 'r', data: { total: 7 } })
    const n = await store.count('notifications', { recipientId: 'u1', readAt: null })
    const request = only('database.calculateDocument')
    expect(request.body.collectionName).toBe('notifications')
    expect(json(request.body.query)).toEqual({ recipientId: 'u1', readAt: null })
    expect(n).toBe(7)
  })

  test('when a filter path is not a plain field path, then nothing is sent', async () => {
    await expect(store.find('users', { $where: 'x' })).rejects.toThrow('invalid field path')
    expect(capture.of()).toEqual([])
  })

  test('when a filter value is undefined, then nothing is sent (the SDK would drop it and match everything)', async () => {
    await expect(store.deleteWhere('users', { buildingId: undefined as unknown as string })).rejects.toThrow(
      'undefined',
    )
    expect(capture.of()).toEqual([])
  })
})

describe('CloudBase store requests: writes', () => {
  test('when insert is called, then insertDocument carries the document with its _id', async () => {
    await store.insert('users', { _id: 'u9', openid: 'o9', roles: [], createdAt: 1764295200000 })
    const request = only('database.insertDocument')
    expect(request.body.collectionName).toBe('users')
    expect((request.body.data as string[]).map((d) => json(d))).toEqual([
      { _id: 'u9', openid: 'o9', roles: [], createdAt: { $numberLong: '1764295200000' } },
    ])
  })

  test('when many documents are inserted, then one insertDocument request carries them all', async () => {
    capture.reply('database.insertDocument', { requestId: 'r', data: { insertedIds: ['n1', 'n2', 'n3'] } })
    await store.insertMany(
      'notifications',
      [1, 2, 3].map((n) => ({ _id: `n${n}`, recipientId: `u${n}` })),
    )
    const request = only('database.insertDocument')
    expect(request.body.collectionName).toBe('notifications')
    expect((request.body.data as string[]).map((d) => json(d))).toEqual(
      [1, 2, 3].map((n) => ({ _id: `n${n}`, recipientId: `u${n}` })),
    )
  })

  test('when the server reports a duplicate key, then insert throws DuplicateKeyError', async () => {
    capture.reply('database.insertDocument', {
      code: 'DATABASE_DUPLICATE_WRITE',
      message: 'E11000 duplicate key error collection: users index: _id_',
      requestId: 'r',
    })
    const attempt = store.insert('users', { _id: 'u1' })
    await expect(attempt).rejects.toBeInstanceOf(DuplicateKeyError)
    await expect(attempt).rejects.toMatchObject({ collection: 'users', key: 'u1' })
  })

  test('when put is called, then an upserting, non-merging modifyDocument replaces the document', async () => {
    await store.put('subscription_grants', { _id: 'u1:announcement', userId: 'u1', remaining: 2 })
    const request = only('database.modifyDocument')
    expect(request.body).toMatchObject({
      collectionName: 'subscription_grants',
      queryType: 'DOC',
      upsert: true,
      merge: false,
      multi: false,
    })
    expect(json(request.body.query)).toEqual({ _id: 'u1:announcement' })
    expect(json(request.body.data)).toEqual({ userId: 'u1', remaining: { $numberInt: '2' } })
  })

  test('when update has set, inc and unset with dotted paths, then the update data uses $set, $inc and $unset and objects are set whole', async () => {
    // Arrange
    capture.database.seed('users', [
      { _id: 'u1', nickname: '老李', membership: { status: 'pending' }, profile: { phone: '1' }, gone: 1 },
    ])
    // Act
    const updated = await store.update('users', 'u1', {
      set: {
        nickname: '李叔',
        'membership.status': 'verified',
        membership2: { id: 'm1', room: '101' },
        roles: [{ role: 'leader' }],
        gone: undefined,
      },
      inc: { 'stats.visits': 1 },
      unset: ['profile.phone'],
    })
    // Assert
    const request = only('database.modifyDocument')
    expect(request.body).toMatchObject({
      collectionName: 'users',
      queryType: 'DOC',
      merge: true,
      upsert: false,
      multi: false,
    })
    expect(json(request.body.query)).toEqual({ _id: 'u1' })
    expect(json(request.body.data)).toEqual({
      $set: {
        nickname: '李叔',
        'membership.status': 'verified',
        membership2: { id: 'm1', room: '101' },
        roles: [{ role: 'leader' }],
      },
      $inc: { 'stats.visits': { $numberInt: '1' } },
      $unset: { gone: '', 'profile.phone': '' },
    })
    expect(updated).toBe(true)
    expect(capture.database.all('users')).toEqual([
      {
        _id: 'u1',
        nickname: '李叔',
        membership: { status: 'verified' },
        membership2: { id: 'm1', room: '101' },
        roles: [{ role: 'leader' }],
        profile: {},
        stats: { visits: 1 },
      },
    ])
  })

  test('when update targets a document that does not exist, then the server changes nothing and update reports false', async () => {
    expect(await store.update('users', 'ghost', { set: { a: 1 } })).toBe(false)
    expect(json(firstOf(capture.of('database.modifyDocument')).body.query)).toEqual({ _id: 'ghost' })
    expect(capture.database.all('users')).toEqual([])
  })

  test('when update changes nothing on the server, then a read tells an unchanged document from a missing one', async () => {
    capture.reply('database.modifyDocument', { requestId: 'r', data: { updated: 0 } })
    capture.reply('database.getDocument', list({ _id: 'u1', a: 1 }))
    expect(await store.update('users', 'u1', { set: { a: 1 } })).toBe(true)
    capture.reply('database.modifyDocument', { requestId: 'r', data: { updated: 0 } })
    expect(await store.update('users', 'ghost', { set: { a: 1 } })).toBe(false)
    expect(capture.of('database.getDocument')).toHaveLength(2)
  })

  test('when a patch touches overlapping paths, then it is refused before anything is sent', async () => {
    await expect(store.update('users', 'u1', { set: { profile: {} }, unset: ['profile.phone'] })).rejects.toThrow(
      'overlapping',
    )
    await expect(store.update('users', 'u1', { set: { _id: 'x' } })).rejects.toThrow('_id')
    expect(capture.of()).toEqual([])
  })

  test('when updateWhere is a conditional update, then one multi modifyDocument carries the condition and its count is returned', async () => {
    capture.reply('database.modifyDocument', { requestId: 'r', data: { updated: 1 } })
    const n = await store.updateWhere(
      'subscription_grants',
      { _id: 'u1:announcement', remaining: { $gt: 0 } },
      { inc: { remaining: -1 }, set: { updatedAt: 5 } },
    )
    const request = only('database.modifyDocument')
    expect(request.body).toMatchObject({
      collectionName: 'subscription_grants',
      queryType: 'WHERE',
      multi: true,
      merge: true,
      upsert: false,
    })
    expect(json(request.body.query)).toEqual({ _id: 'u1:announcement', remaining: { $gt: { $numberInt: '0' } } })
    expect(json(request.body.data)).toEqual({
      $set: { updatedAt: { $numberInt: '5' } },
      $inc: { remaining: { $numberInt: '-1' } },
    })
    expect(n).toBe(1)
  })

  test('when delete and deleteWhere run, then removeDocument is sent by id and by query and the counts mapped', async () => {
    capture.reply('database.removeDocument', { requestId: 'r', data: { deleted: 0 } })
    capture.reply('database.removeDocument', { requestId: 'r', data: { deleted: 3 } })
    expect(await store.delete('outbox', 'o1')).toBe(false)
    expect(await store.deleteWhere('outbox', { createdAt: { $lt: 1000 } })).toBe(3)
    const [byId, byQuery] = take(capture.of('database.removeDocument'), 2)
    expect(byId.body).toMatchObject({ collectionName: 'outbox', queryType: 'DOC', multi: false })
    expect(json(byId.body.query)).toEqual({ _id: 'o1' })
    expect(byQuery.body).toMatchObject({ collectionName: 'outbox', queryType: 'WHERE', multi: true })
    expect(json(byQuery.body.query)).toEqual({ createdAt: { $lt: { $numberInt: '1000' } } })
  })
})

describe('CloudBase store requests: transactions', () => {
  test('when a transaction succeeds, then start, by-id operations carrying its id, and commit are sent', async () => {
    // Arrange
    capture.database.seed('events', [{ _id: 'ev', seats: 3 }])
    capture.database.seed('holds', [{ _id: 'h1' }])
    // Act
    const result = await store.transaction(async (tx) => {
      const event = await tx.get<Doc & { seats: number }>('events', 'ev')
      await tx.update('events', 'ev', { inc: { seats: -1 } })
      await tx.insert('rsvps', { _id: 'ev:u1', eventId: 'ev' })
      await tx.put('logs', { _id: 'l1', at: 1 })
      await tx.delete('holds', 'h1')
      return event
    })
    // Assert
    expect(result).toEqual({ _id: 'ev', seats: 3 })
    expect(capture.of().map((r) => r.action)).toEqual([
      'database.startTransaction',
      'database.getDocument',
      'database.modifyDocument',
      'database.insertDocument',
      'database.modifyDocument',
      'database.removeDocument',
      'database.commitTransaction',
    ])
    const transactionIds = new Set(
      capture
        .of()
        .slice(1)
        .map((request) => request.body.transactionId),
    )
    expect(transactionIds.size).toBe(1)
    expect([...transactionIds][0]).toEqual(expect.any(String))
    expect(json(firstOf(capture.of('database.modifyDocument')).body.data)).toEqual({
      $inc: { seats: { $numberInt: '-1' } },
    })
    expect(capture.database.all('events')).toEqual([{ _id: 'ev', seats: 2 }])
    expect(capture.database.all('rsvps')).toEqual([{ _id: 'ev:u1', eventId: 'ev' }])
    expect(capture.database.all('holds')).toEqual([])
  })

  test('when getMany runs inside a transaction, then it reads one document at a time by id', async () => {
    capture.reply('database.getDocument', list({ _id: 'a' }))
    capture.reply('database.getDocument', list())
    const docs = await store.transaction((tx) => tx.getMany('users', ['a', 'b', 'a']))
    expect(docs).toEqual([{ _id: 'a' }])
    const reads = capture.of('database.getDocument')
    expect(reads.map((r) => json(r.body.query))).toEqual([{ _id: 'a' }, { _id: 'b' }])
    expect(reads.every((r) => r.body.queryType === 'DOC' && typeof r.body.transactionId === 'string')).toBe(true)
  })

  test('when the work throws, then the transaction is aborted, never committed, and the error reaches the caller', async () => {
    const failing = store.transaction(async (tx) => {
      await tx.update('events', 'ev', { inc: { seats: -1 } })
      throw new Error('no')
    })
    await expect(failing).rejects.toThrow('no')
    expect(capture.of('database.abortTransaction')).toHaveLength(1)
    expect(capture.of('database.commitTransaction')).toHaveLength(0)
  })

  test('when an insert in a transaction hits a duplicate, then DuplicateKeyError reaches the caller after an abort', async () => {
    capture.reply('database.insertDocument', {
      code: 'DATABASE_DUPLICATE_WRITE',
      message: 'E11000 duplicate key',
      requestId: 'r',
    })
    await expect(store.transaction((tx) => tx.insert('rsvps', { _id: 'ev:u1' }))).rejects.toBeInstanceOf(
      DuplicateKeyError,
    )
    expect(capture.of('database.abortTransaction')).toHaveLength(1)
  })

  test('when a transaction conflicts, then it is aborted and run again from the start', async () => {
    // Arrange: the first attempt's write conflicts with another transaction.
    capture.database.seed('events', [{ _id: 'ev', seats: 3 }])
    capture.reply('database.modifyDocument', {
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: 'WriteConflict',
      requestId: 'r',
    })
    let runs = 0
    // Act
    const result = await store.transaction(async (tx) => {
      runs++
      await tx.update('events', 'ev', { inc: { seats: -1 } })
      return 'done'
    })
    // Assert
    expect(result).toBe('done')
    expect(runs).toBe(2)
    expect(capture.of().map((r) => r.action)).toEqual([
      'database.startTransaction',
      'database.modifyDocument',
      'database.abortTransaction',
      'database.startTransaction',
      'database.modifyDocument',
      'database.commitTransaction',
    ])
  })

  test('when a transaction keeps conflicting, then it gives up after the configured attempts with the conflict error', async () => {
    const local = new CloudbaseDocumentStore((store as unknown as { db: CloudDatabase }).db, {
      maxTransactionAttempts: 3,
      sleep: async () => undefined,
    })
    for (let i = 0; i < 3; i++)
      capture.reply('database.modifyDocument', {
        code: 'DATABASE_TRANSACTION_CONFLICT',
        message: 'WriteConflict',
        requestId: 'r',
      })
    await expect(local.transaction((tx) => tx.update('events', 'ev', { inc: { seats: -1 } }))).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    expect(capture.of('database.startTransaction')).toHaveLength(3)
  })

  test('when a query is attempted inside a transaction, then it fails with a clear error and the transaction is aborted', async () => {
    const attempts = [
      store.transaction((tx) => tx.find('users', {})),
      store.transaction((tx) => tx.count('users', {})),
      store.transaction((tx) => tx.updateWhere('users', {}, { set: { a: 1 } })),
      store.transaction((tx) => tx.deleteWhere('users', {})),
    ]
    for (const attempt of attempts)
      await expect(attempt).rejects.toThrow(/cannot run inside a transaction on CloudBase.*by-id operations/)
    expect(capture.of('database.getDocument')).toHaveLength(0)
    expect(capture.of('database.abortTransaction')).toHaveLength(4)
  })
})
