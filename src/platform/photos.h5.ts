import { IMAGE_LIMITS, type Envelope, type UploadResult } from '../../contracts'
import { ApiError, networkError } from '../services/api-error'
import { API_BASE } from '../services/origin'
import { readStored, STORAGE_KEYS } from '../services/storage'

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () =>
      reject(new ApiError({ code: 'MEDIA.UNREADABLE', message: '这张图片打不开，可能已损坏，请换一张' }))
    image.src = src
  })
}

async function compressInBrowser(filePath: string): Promise<Blob> {
  const image = await loadImage(filePath)
  const scale = Math.min(1, IMAGE_LIMITS.clientLongSide / Math.max(image.naturalWidth, image.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
  const context = canvas.getContext('2d')
  if (!context) throw new ApiError({ code: 'MEDIA.UNREADABLE', message: '这张图片打不开，请换一张' })
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
  if (!blob) throw new ApiError({ code: 'MEDIA.UNREADABLE', message: '这张图片打不开，请换一张' })
  return blob
}

/**
 * Getting a photo from the phone to the server in the browser: a canvas redraw (which also drops
 * the file's EXIF and shrinks it to at most 2048 px on the long side), then
 * `POST /api/media/uploads`. The server re-encodes and strips metadata again.
 */
export async function uploadPhoto(filePath: string, _userId: string): Promise<string> {
  const blob = await compressInBrowser(filePath)
  const token = readStored<string>(STORAGE_KEYS.token, '')
  let response: Response
  try {
    response = await fetch(`${API_BASE}/api/media/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: blob,
    })
  } catch {
    throw networkError()
  }
  let envelope: Envelope<UploadResult>
  try {
    envelope = (await response.json()) as Envelope<UploadResult>
  } catch {
    throw networkError()
  }
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data.upload
}

/** The browser has no system viewer: the page shows its own overlay. */
export function showInSystemViewer(_urls: string[], _current: string): boolean {
  return false
}
