import type { HandedOver, WeChatHandOver } from './types'

/** The one way the browser saves something the person asked for: a download of a Blob. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  URL.revokeObjectURL(url)
}

/** Hand a text file (CSV, JSON) to the person: in the browser, download it. */
export async function handOverFile(
  filename: string,
  text: string,
  mime: string,
  _inWeChat: WeChatHandOver,
): Promise<HandedOver> {
  downloadBlob(filename, new Blob([text], { type: mime }))
  return 'downloaded'
}

/** Whether handing over a file downloads it (so a page can say 下载 rather than 复制). */
export const FILES_DOWNLOAD: boolean = true
