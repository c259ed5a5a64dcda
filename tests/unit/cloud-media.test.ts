import { CloudMediaStorage, type CloudStorageApi } from '../../cloudfunctions/adapters/cloudbase/cloud-media-storage'
import { WxMediaCheck, type MediaCheckAsyncParams } from '../../cloudfunctions/adapters/cloudbase/wx-media-check'
import { createIdGenerator } from '../../cloudfunctions/adapters/shared/ids'
import { databaseWatchRealtime } from '../../cloudfunctions/adapters/cloudbase/watch-realtime'
import type { MessageDoc } from '../../cloudfunctions/core/chat/chat.docs'
import type { Deps, Logger } from '../../cloudfunctions/core/shared/ports'
import { chatFunction } from '../../cloudfunctions/functions/chat/routes'
import { createCloudMain, type CloudRuntime } from '../../cloudfunctions/runtime/cloud-entry'
import { memoryDeps } from '../support/memory-deps'

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** Cloud storage as the node-sdk answers, in memory: file ids, temporary URLs, deletions. */
function fakeCloudStorage() {
  const files = new Map<string, Buffer>()
  const calls: string[] = []
  const api: CloudStorageApi = {
    async uploadFile({ cloudPath, fileContent }) {
      calls.push(`upload ${cloudPath}`)
      const fileID = `cloud://env-1.bucket/${cloudPath}`
      files.set(fileID, fileContent)
      return { fileID }
    },
    async downloadFile({ fileID }) {
      calls.push(`download ${fileID}`)
      const content = files.get(fileID)
      return content ? { fileContent: content } : { code: 'STORAGE_FILE_NONEXIST', message: 'no such file' }
    },
    async deleteFile({ fileList }) {
      calls.push(`delete ${fileList.length}`)
      for (const id of fileList) files.delete(id)
      return { fileList: fileList.map((fileID) => ({ fileID, code: 'SUCCESS' })) }
    },
    async getTempFileURL({ fileList }) {
      calls.push(`urls ${fileList.length} maxAge ${fileList[0]?.maxAge}`)
      return {
        fileList: fileList.map(({ fileID }) =>
          files.has(fileID)
            ? { fileID, tempFileURL: `https://tmp.example/${fileID.slice(8)}?sign=x`, code: 'SUCCESS' }
            : { fileID, code: 'STORAGE_FILE_NONEXIST' },
        ),
      }
    },
  }
  return { api, files, calls }
}

describe('photos on CloudBase: cloud storage and the WeChat media check', () => {
  test('when a photo is stored, then the key kept is its cloud file id, links are temporary URLs of the asked lifetime, and deletion removes the file', async () => {
    const { api, files, calls } = fakeCloudStorage()
    const storage = new CloudMediaStorage(api)
    const key = await storage.put('chat/bg-1/u1~client-01.jpg', new Uint8Array([1, 2, 3]), 'image/jpeg')
    expect(key).toBe('cloud://env-1.bucket/chat/bg-1/u1~client-01.jpg')
    expect(await storage.get(key)).toEqual(new Uint8Array([1, 2, 3]))
    const links = await storage.links([key], 'u2', 600)
    expect(links.get(key)).toMatch(/^https:\/\/tmp\.example\//)
    expect(calls).toContain('urls 1 maxAge 600')
    await storage.delete([key])
    expect(files.has(key)).toBe(false)
    expect(await storage.get(key)).toBeNull()
    // A local-style path is not a cloud file: nothing is fetched for it.
    expect(await storage.get('uploads/u1/abcdefgh')).toBeNull()
  })

  test('when more than 50 files are deleted or linked, then the calls are batched by 50', async () => {
    const { api, calls } = fakeCloudStorage()
    const storage = new CloudMediaStorage(api)
    const keys = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        storage.put(`chat/bg-1/u1~client-${String(i).padStart(3, '0')}.jpg`, new Uint8Array([i]), 'image/jpeg'),
      ),
    )
    await storage.links(keys, 'u1', 60)
    await storage.delete(keys)
    expect(calls.filter((c) => c.startsWith('urls'))).toHaveLength(3)
    expect(calls.filter((c) => c.startsWith('delete'))).toEqual(['delete 50', 'delete 50', 'delete 20'])
  })

  test('when a photo is submitted for the check, then WeChat gets a temporary URL, the image type, scene 4 and the sender openid', async () => {
    const { api } = fakeCloudStorage()
    const storage = new CloudMediaStorage(api)
    const key = await storage.put('chat/bg-1/u1~client-01.jpg', new Uint8Array([1]), 'image/jpeg')
    const asked: MediaCheckAsyncParams[] = []
    const check = new WxMediaCheck(
      { security: { mediaCheckAsync: async (params) => (asked.push(params), { errCode: 0, trace_id: 'trace-1' }) } },
      storage,
    )
    expect(await check.submit({ key, kind: 'image', openid: 'o-alice' })).toEqual({ traceId: 'trace-1' })
    expect(asked).toEqual([
      {
        media_url: expect.stringMatching(/^https:\/\/tmp\.example\//),
        media_type: 2,
        version: 2,
        scene: 4,
        openid: 'o-alice',
      },
    ])
  })

  describe("the chat function's message push of a check result", () => {
    async function world(identity: { openid: string } | null) {
      const deps = memoryDeps()
      const now = deps.clock.now()
      await deps.store.insert('groups', {
        _id: 'bg-1',
        kind: 'building',
        buildingId: 'b-1',
        name: '1号楼',
        description: '',
        createdAt: now,
        createdBy: 'x',
      })
      const message: MessageDoc = {
        _id: 'bg-1:u1:client-0001',
        groupId: 'bg-1',
        senderId: 'u1',
        clientId: 'client-0001',
        seq: 1,
        version: 1,
        text: null,
        replyTo: null,
        mentions: [],
        createdAt: now,
        recalledAt: null,
        recalledBy: null,
        hiddenAt: null,
        hiddenBy: null,
        kind: 'image',
        media: { key: 'k1', thumbKey: 'k2', width: 10, height: 10, bytes: 2, review: 'pending' },
        reviewTrace: 'trace-1',
        removedAt: null,
      }
      await deps.store.insert('messages', message)
      await deps.store.insert('chat_state', {
        _id: 'bg-1',
        groupId: 'bg-1',
        version: 1,
        lastSeq: 1,
        lastMessageId: message._id,
        updatedAt: now,
      })
      const runtimeDeps: Deps = {
        ...deps,
        realtime: databaseWatchRealtime,
        log: silent,
        ids: createIdGenerator(() => now),
      }
      const runtime: CloudRuntime = { deps: runtimeDeps, identify: () => identity }
      const main = createCloudMain(chatFunction, { createRuntime: () => runtime })
      return { main, review: async () => (await deps.store.get('messages', message._id))?.media?.review }
    }
    const push = {
      ToUserName: 'gh_x',
      FromUserName: 'o-wechat',
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 'trace-1',
      result: { suggest: 'pass', label: 100 },
    }

    test('when WeChat pushes a pass (no caller), then the photo becomes visible', async () => {
      const { main, review } = await world(null)
      expect(await main(push, { request_id: 'r1' })).toEqual({ ok: true, data: { applied: true } })
      expect(await review()).toBe('passed')
    })

    test('when a phone sends the same event as a call, then it is refused like any bad call and the photo stays under review', async () => {
      const { main, review } = await world({ openid: 'o-member' })
      const reply = await main(push, { request_id: 'r2' })
      expect(reply.ok).toBe(false)
      expect(await review()).toBe('pending')
    })
  })
})
