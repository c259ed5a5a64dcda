import sharp from 'sharp'
import type { MessageView, UploadResult } from '../../contracts'
import { newClientId } from './chat'
import type { ApiClient, CallResult } from './runtime'

/** A JPEG as a phone writes it: with EXIF that names the camera and where it was taken (GPS). */
export async function photoWithGps(
  options: { width?: number; height?: number; colour?: string } = {},
): Promise<Buffer> {
  return sharp({
    create: {
      width: options.width ?? 640,
      height: options.height ?? 480,
      channels: 3,
      background: options.colour ?? '#3a7bd5',
    },
  })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Louzu 1', Copyright: 'someone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 14/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 1200/100',
      },
    })
    .toBuffer()
}

export async function uploadRaw(
  client: ApiClient,
  bytes: Buffer,
  contentType = 'image/jpeg',
): Promise<CallResult<UploadResult>> {
  const response = await fetch(`${client.baseUrl}/api/media/uploads`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
    body: new Uint8Array(bytes),
  })
  return { status: response.status, body: (await response.json()) as CallResult<UploadResult>['body'] }
}

export async function upload(client: ApiClient, bytes: Buffer, contentType = 'image/jpeg'): Promise<string> {
  const result = await uploadRaw(client, bytes, contentType)
  if (!result.body.ok) throw new Error(`upload failed: ${result.status} ${JSON.stringify(result.body.error)}`)
  return result.body.data.upload
}

/** Upload and send one photo, as the composer does. */
export async function sendPhoto(
  client: ApiClient,
  groupId: string,
  bytes: Buffer,
  contentType = 'image/jpeg',
): Promise<MessageView> {
  return client.ok<MessageView>('chat', 'sendImage', {
    groupId,
    clientId: newClientId(),
    upload: await upload(client, bytes, contentType),
  })
}

export async function linksFor(client: ApiClient, groupId: string, messageIds: string[]) {
  return client.ok<{ items: Array<{ messageId: string; thumbUrl: string; url: string }>; expiresAt: number }>(
    'chat',
    'mediaUrls',
    { groupId, messageIds },
  )
}

/** Poll until `check` holds (the local media check answers after a delay). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (check(value)) return value
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 40))
  }
}
