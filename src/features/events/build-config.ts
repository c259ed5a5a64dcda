/**
 * A build-time setting (TARO_APP_…). Taro inlines the ones that are set; one left unset stays a
 * `process.env` read, and `process` does not exist in the browser or in WeChat — so read lazily
 * and treat a failure as "not configured".
 */
export function buildSetting(read: () => string | undefined): string | undefined {
  try {
    return read() || undefined
  } catch {
    return undefined
  }
}
