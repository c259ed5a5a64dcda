/**
 * `npx tsx scripts/make-neighbourhood-template.ts`: writes docs/templates/neighbourhood.csv and
 * .xlsx, the sheet `npm run bootstrap` reads, filled with the pilot's layout (the same
 * neighbourhood the demo seed plants: 3 estates, 35 buildings, 1,101 households). A committee
 * replaces the rows with its own.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { COLUMNS } from '../cloudfunctions/core/account/bootstrap/neighbourhood-sheet'
import { toCsv } from '../cloudfunctions/core/shared/csv'
import { ESTATES, planBuildings } from '../cloudfunctions/seed/neighbourhood'

const HEADER = [COLUMNS.estate, COLUMNS.building, COLUMNS.room, COLUMNS.leader]

export function templateRows(): string[][] {
  const names = new Map(ESTATES.map((e) => [e.id, e.name]))
  return planBuildings().flatMap((b) => b.rooms.map((room) => [names.get(b.estateId) ?? '', b.name, room, '']))
}

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '..', 'docs', 'templates')
  fs.mkdirSync(dir, { recursive: true })
  const rows = templateRows()
  // The back end's CSV writer: a BOM (Excel on a committee's PC reads the Chinese headers as UTF-8), CRLF.
  fs.writeFileSync(path.join(dir, 'neighbourhood.csv'), toCsv(HEADER, rows))

  const workbook = new ExcelJS.Workbook()
  // Fixed dates: regenerating the template gives the same file.
  workbook.created = workbook.modified = new Date('2026-12-01T00:00:00Z')
  workbook.creator = '楼组一片天'
  const sheet = workbook.addWorksheet('住户名单')
  sheet.columns = HEADER.map((header) => ({ header, width: header === COLUMNS.estate ? 16 : 10 }))
  // Room numbers as text, so 0-led or 2-301 style numbers stay as typed.
  sheet.getColumn(3).numFmt = '@'
  for (const row of rows) sheet.addRow(row)
  await workbook.xlsx.writeFile(path.join(dir, 'neighbourhood.xlsx'))
  console.log(`wrote ${rows.length} households to docs/templates/neighbourhood.csv and .xlsx`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
