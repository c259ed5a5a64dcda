import Taro from '@tarojs/taro'

/**
 * Opening a page whose code has not been downloaded yet, while the network is down, fails inside
 * Taro's router (webpack's ChunkLoadError) and would leave the old page frozen with no word why.
 * Instead: a notice over the page area — the tab bar stays usable — that says 网络不太好 with a
 * 重试 button, and the same page opens by itself as soon as the browser is back online (webpack
 * fetches a failed chunk again on the next try, so no reload is needed).
 */

const NOTICE_ID = 'lz-offline-page'

function isChunkFailure(reason: unknown): boolean {
  const error = reason as { name?: string; message?: string } | null
  return !!error && (error.name === 'ChunkLoadError' || /Loading (CSS )?chunk .* failed/.test(error.message ?? ''))
}

/** The route the browser is on (hash router): `/pages/events/index`. */
function currentRoute(): string {
  return window.location.hash.replace(/^#/, '').split('?')[0] || '/pages/home/index'
}

function retry(): void {
  document.getElementById(NOTICE_ID)?.remove()
  // Opening the route again makes the router ask webpack for the page's code once more.
  void Taro.reLaunch({
    url: `${currentRoute()}${window.location.hash.includes('?') ? `?${window.location.hash.split('?')[1]}` : ''}`,
  })
}

function showNotice(): void {
  if (document.getElementById(NOTICE_ID)) return
  const notice = document.createElement('div')
  notice.id = NOTICE_ID
  notice.className = 'lz-offline-page'
  notice.setAttribute('role', 'alert')
  const title = document.createElement('p')
  title.className = 'lz-offline-title'
  title.textContent = '网络不太好'
  const body = document.createElement('p')
  body.className = 'lz-offline-body'
  body.textContent = '这个页面没能打开。网络恢复后会自动打开，也可以点“重试”。'
  const button = document.createElement('button')
  button.className = 'lz-offline-retry'
  button.type = 'button'
  button.textContent = '重试'
  button.addEventListener('click', retry)
  notice.append(title, body, button)
  document.body.append(notice)
}

export function recoverFromOfflinePages(): void {
  window.addEventListener('unhandledrejection', (event) => {
    if (!isChunkFailure(event.reason)) return
    event.preventDefault()
    showNotice()
  })
  window.addEventListener('online', () => {
    if (document.getElementById(NOTICE_ID)) retry()
  })
}
