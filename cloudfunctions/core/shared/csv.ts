import { stringify } from 'csv-stringify/sync'

/**
 * CSV for spreadsheets (Excel, WPS), the one way the back end writes it: UTF-8 with a byte-order
 * mark so Chinese shows correctly, CRLF line ends, quotes where needed (csv-stringify), and text
 * cells that start like a formula (= + - @ tab CR) made inert with a leading apostrophe, so a
 * nickname like `=HYPERLINK(…)` cannot run when the file is opened. Numbers are never formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export type CsvValue = string | number

// csv-stringify quotes a cell holding the delimiter, a quote or the record delimiter (CRLF); a lone
// line feed or carriage return inside a cell must be quoted too, or a spreadsheet splits the row.
const OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const

function inert(value: CsvValue): string {
  const text = String(value)
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text
}

/** One cell as it appears in the file. */
export function csvCell(value: CsvValue): string {
  return stringify([[inert(value)]], OPTIONS).slice(0, -2)
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return (
    '\uFEFF' +
    stringify(
      [header, ...rows].map((row) => row.map(inert)),
      OPTIONS,
    )
  )
}
