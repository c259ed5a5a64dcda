/**
 * CSV for spreadsheets (Excel, WPS): UTF-8 with a byte-order mark so Chinese shows correctly,
 * CRLF line ends, quotes where needed, and cells that start like a formula (= + - @) made
 * inert with a leading apostrophe, so a nickname cannot run as a formula when opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/** yyyy-mm-dd in Shanghai time (no time-zone database needed: China has no daylight saving). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
