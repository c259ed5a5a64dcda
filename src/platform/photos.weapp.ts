import Taro from '@tarojs/taro'
import { IMAGE_LIMITS } from '../../contracts'
import { networkError } from '../services/api-error'

/**
 * Getting a photo from the phone to the server in WeChat: Taro.compressImage (most phone photos
 * are 3–12 MB; what is sent is at most 2048 px on the long side, JPEG, usually 200–600 KB), then
 * Taro.cloud.uploadFile to `uploads/<userId>/<random>.jpg` in cloud storage; the cloud file id is
 * the upload reference. The server re-encodes and strips metadata again: it trusts nothing from
 * the phone.
 */
export async function uploadPhoto(filePath: string, userId: string): Promise<string> {
  let source = filePath
  try {
    source = (
      await Taro.compressImage({
        src: filePath,
        quality: 80,
        compressedWidth: IMAGE_LIMITS.clientLongSide,
      } as Taro.compressImage.Option)
    ).tempFilePath
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

function randomName(): string {
  const bytes = new Uint8Array(12)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Full screen in WeChat is the system viewer (pinch to zoom, long-press to save, as people know
 * it); returns true when it took over, so the page shows no overlay of its own.
 */
export function showInSystemViewer(urls: string[], current: string): boolean {
  void Taro.previewImage({ current, urls })
  return true
}
