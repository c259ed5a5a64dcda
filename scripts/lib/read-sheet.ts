import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Sheet, SheetRow } from '../../cloudfunctions/core/account/bootstrap/neighbourhood-sheet'

/**
 * A CSV or XLSX file as rows of text with their line numbers in the file (the CSV line, the
 * spreadsheet's row number), so every problem can say "第 N 行". Wholly blank rows are skipped;
 * the first non-blank row is the header. XLSX: the first worksheet, each cell as Excel shows it.
 */
export async function readSheet(file: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.csv') return fromRows(readCsv(fs.readFileSync(file)))
  if (ext === '.xlsx') return fromRows(await readXlsx(file))
  throw new SheetFileError(`不支持的文件类型「${ext || '无扩展名'}」：请用 .csv 或 .xlsx（Excel 另存为）`)
}

export class SheetFileError extends Error {
  override name = 'SheetFileError'
}

function fromRows(rows: SheetRow[]): Sheet {
  const nonBlank = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''))
  const [header, ...rest] = nonBlank
  if (!header) throw new SheetFileError('文件是空的：第一行应是列名（小区、楼栋、房号、楼组长）')
  return { headerLine: header.line, header: header.cells, rows: rest }
}

export function readCsv(content: Buffer | string): SheetRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new SheetFileError(`${line ? `第 ${line} 行：` : ''}CSV 格式有误（${(error as Error).message}）`)
  }
  // `info.lines` is the line the record ends on; a quoted cell may span lines, which the record's start would hide.
  return records.map(({ record, info }) => ({ line: info.lines, cells: record.map((cell) => String(cell)) }))
}

async function readXlsx(file: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.readFile(file)
  } catch (error) {
    throw new SheetFileError(`读不了这个 Excel 文件（${(error as Error).message}）：请确认是 .xlsx 格式`)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new SheetFileError('Excel 文件里没有工作表')
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text ?? ''
    })
    rows.push({ line: number, cells: Array.from(cells, (cell) => cell ?? '') })
  })
  return rows
}
