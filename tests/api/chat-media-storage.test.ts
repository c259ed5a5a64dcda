import type { MediaStorageUse } from '../../contracts'
import { expectError } from '../support/api-expect'
import { photoWithGps, sendPhoto } from '../support/media'
import { startTestRuntime, type TestRuntime } from '../support/runtime'
import { browserVoice, sendVoiceMessage } from '../support/voice'
import { at } from '../support/lists'

describe('chat: storage used by photos and voice, for the committee', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime({ mediaCheck: { delayMs: 20 } })
  })
  afterAll(() => t.close())

  test('when residents of two buildings send photos and voice, then the committee sees each building’s count and bytes as stored, and a recall takes its bytes off', async () => {
    const admin = await t.login('demo-admin')
    const wang = await t.login('demo-resident-5')
    const zhao = await t.login('demo-resident-11')
    const sent = [
      await sendPhoto(wang, 'bg-jsh-5', await photoWithGps()),
      await sendVoiceMessage(wang, 'bg-jsh-5', browserVoice(2)),
      await sendPhoto(zhao, 'bg-jsh-11', await photoWithGps({ colour: '#884400' })),
    ]
    const docs = await t.runtime.deps.store.getMany(
      'messages',
      sent.map((m) => m.messageId),
    )
    const bytesOf = (id: string) => docs.find((d) => d._id === id)!.media!.bytes

    const use = await admin.ok<MediaStorageUse>('chat', 'storageUse')
    const row = (groupId: string) => use.buildings.find((b) => b.groupId === groupId)!
    expect(row('bg-jsh-5')).toMatchObject({
      photos: 1,
      voices: 1,
      bytes: bytesOf(at(sent, 0).messageId) + bytesOf(at(sent, 1).messageId),
    })
    expect(row('bg-jsh-5').name).toMatch(/5号楼/)
    expect(row('bg-jsh-11')).toMatchObject({ photos: 1, voices: 0, bytes: bytesOf(at(sent, 2).messageId) })
    expect(use.totalBytes).toBe(docs.reduce((sum, d) => sum + d.media!.bytes, 0))
    expect(use.last30DaysBytes).toBe(use.totalBytes)
    expect(use.retentionDays).toBe(365)
    // Most used first.
    expect(at(use.buildings, 0).bytes).toBeGreaterThanOrEqual(at(use.buildings, 1).bytes)

    await wang.ok('chat', 'recall', { messageId: at(sent, 0).messageId })
    const after = await admin.ok<MediaStorageUse>('chat', 'storageUse')
    expect(after.buildings.find((b) => b.groupId === 'bg-jsh-5')).toMatchObject({
      photos: 0,
      voices: 1,
      bytes: bytesOf(at(sent, 1).messageId),
    })

    expectError(await wang.call('chat', 'storageUse', {}), 403, 'AUTH.FORBIDDEN')
  })
})
