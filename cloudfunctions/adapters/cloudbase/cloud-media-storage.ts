import type { MediaStorage } from '../../core/shared/ports'

/** The part of the node-sdk app used for files (cloud storage). */
export interface CloudStorageApi {
  uploadFile(options: {
    cloudPath: string
    fileContent: Buffer
  }): Promise<{ fileID?: string; code?: string; message?: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent?: Buffer; code?: string; message?: string }>
  deleteFile(options: {
    fileList: string[]
  }): Promise<{ fileList?: Array<{ fileID: string; code?: string }>; code?: string; message?: string }>
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList?: Array<{ fileID: string; tempFileURL?: string; code?: string }>
    code?: string
    message?: string
  }>
}

/** Storage errors that mean "no such file" rather than "storage is failing". */
const MISSING = new Set(['STORAGE_FILE_NONEXIST', 'FILE_NOT_EXIST', 'STORAGE_FILE_NOT_EXIST'])

function failed(what: string, code?: string, message?: string): Error {
  return new Error(`cloud storage ${what} failed: ${code ?? 'no code'} ${message ?? ''}`.trim())
}

/**
 * Photos in CloudBase cloud storage. Files written by a function carry no openid, so under the
 * storage rule `{ "read": false, "write": "resource.openid == auth.openid" }` (docs/MEDIA.md) no
 * client can read them directly: a member gets a temporary URL (getTempFileURL, MEDIA_URL_TTL)
 * from the chat function after the membership check. Uploads from the phone go under
 * `uploads/<userId>/<random>` (created by the phone, so owned by its openid), and the function deletes
 * them once taken.
 */
export class CloudMediaStorage implements MediaStorage {
  constructor(private readonly app: CloudStorageApi) {}

  async put(path: string, bytes: Uint8Array, _contentType: string): Promise<string> {
    const reply = await this.app.uploadFile({ cloudPath: path, fileContent: Buffer.from(bytes) })
    if (!reply.fileID) throw failed('upload', reply.code, reply.message)
    return reply.fileID
  }

  async get(key: string): Promise<Uint8Array | null> {
    // Upload references locally are paths; here the phone sends the cloud file id it got back.
    if (!key.startsWith('cloud://')) return null
    try {
      const reply = await this.app.downloadFile({ fileID: key })
      if (reply.fileContent) return new Uint8Array(reply.fileContent)
      if (reply.code && MISSING.has(reply.code)) return null
      throw failed('download', reply.code, reply.message)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code && MISSING.has(code)) return null
      throw error
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const ids = keys.filter((key) => key.startsWith('cloud://'))
    for (let i = 0; i < ids.length; i += 50) {
      const reply = await this.app.deleteFile({ fileList: ids.slice(i, i + 50) })
      if (reply.code) throw failed('delete', reply.code, reply.message)
      const stuck = (reply.fileList ?? []).filter((f) => f.code && f.code !== 'SUCCESS' && !MISSING.has(f.code))
      if (stuck.length) throw failed('delete', stuck[0]?.code, stuck.map((f) => f.fileID).join(', '))
    }
  }

  async links(keys: readonly string[], _viewerId: string, ttlSeconds: number): Promise<Map<string, string>> {
    const links = new Map<string, string>()
    for (let i = 0; i < keys.length; i += 50) {
      const reply = await this.app.getTempFileURL({
        fileList: keys.slice(i, i + 50).map((fileID) => ({ fileID, maxAge: ttlSeconds })),
      })
      if (reply.code) throw failed('getTempFileURL', reply.code, reply.message)
      for (const file of reply.fileList ?? [])
        if (file.tempFileURL && (!file.code || file.code === 'SUCCESS')) links.set(file.fileID, file.tempFileURL)
    }
    return links
  }
}
