import Taro from '@tarojs/taro'
import { IMAGE_LIMITS, type Envelope, type UploadResult } from '../../contracts'
import { ApiError, networkError } from './api-error'
import { API_BASE } from './transport'
import { readStored, STORAGE_KEYS } from './storage'

/**
 * Getting a photo from the phone to the server, compressed first (most phone photos are 3–12 MB;
 * what is sent is at most 2048 px on the long side, JPEG, usually 200–600 KB).
 * - WeChat: Taro.compressImage, then Taro.cloud.uploadFile to `uploads/<userId>/<random>.jpg`
 *   in cloud storage; the cloud file id is the upload reference.
 * - Browser: a canvas redraw (which also drops the file's EXIF), then `POST /api/media/uploads`.
 * Either way the server re-encodes and strips metadata again: it trusts nothing from the phone.
 */
export async function uploadPhoto(filePath: string, userId: string): Promise<string> {
  return process.env.TARO_ENV === 'weapp' ? uploadInWechat(filePath, userId) : uploadInBrowser(filePath)
}

function randomName(): string {
  const bytes = new Uint8Array(12)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

async function uploadInWechat(filePath: string, userId: string): Promise<string> {
  let source = filePath
  try {
    source = (await Taro.compressImage({ src: filePath, quality: 80, compressedWidth: IMAGE_LIMITS.clientLongSide } as Taro.compressImage.Option)).tempFilePath
  } catch {
    // An old WeChat without compressedWidth, or a format it cannot compress: the server still limits and re-encodes.
  }
  try {
    const result = await Taro.cloud.uploadFile({ cloudPath: `uploads/${userId}/${randomName()}.jpg`, filePath: source })
    return result.fileID
  } catch {
    throw networkError()
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new ApiError({ code: 'MEDIA.UNREADABLE', message: '这张图片打不开，可能已损坏，请换一张' }))
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

async function uploadInBrowser(filePath: string): Promise<string> {
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
