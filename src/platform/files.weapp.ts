import Taro from '@tarojs/taro'
import type { HandedOver, WeChatHandOver } from './types'

/** A mini-program has no downloads; kept so both variants export the same names. */
export function downloadBlob(_filename: string, _blob: Blob): void {
  throw new Error('downloadBlob is browser-only')
}

/**
 * Hand a text file to the person in WeChat: as a file sent to a chat (then opened on a computer)
 * when the base library can, else copied to the clipboard; or kept on screen by the page.
 */
export async function handOverFile(
  filename: string,
  text: string,
  _mime: string,
  inWeChat: WeChatHandOver,
): Promise<HandedOver> {
  if (inWeChat === 'keep') return 'kept'
  if (inWeChat === 'share-or-copy') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
    if (typeof Taro.shareFileMessage === 'function') {
      await Taro.shareFileMessage({ filePath, fileName: filename })
      return 'shared'
    }
    await Taro.setClipboardData({ data: text })
    return 'copied'
  }
  // A BOM helps spreadsheets open a downloaded CSV; pasted text does not want it.
  await Taro.setClipboardData({ data: text.replace(/^\uFEFF/, '') })
  return 'copied'
}

export const FILES_DOWNLOAD: boolean = false
