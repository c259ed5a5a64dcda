/**
 * The 居委会's spreadsheet of households, checked before anything is written: one row per
 * household (小区, 楼栋, 房号; 楼组长 optional, the committee's own note). Every problem is reported
 * with the file's line number ("第 3 行：…"), all at once, so the sheet is fixed in one go.
 *
 *   rows ──checkSheet──▶ { ok: true, neighbourhood }  (estates → buildings → rooms, in the sheet's order)
 *                     └─▶ { ok: false, problems: ['第 3 行：…', …] }
 */

/** The sheet's cells as read (CSV or XLSX), with the line each row sits on in the file. */
export interface SheetRow {
  line: number
  cells: string[]
}

export interface Sheet {
  /** The header row's line (1 unless the file opens with blank lines). */
  headerLine: number
  header: string[]
  rows: SheetRow[]
}

export const COLUMNS = { estate: '小区', building: '楼栋', room: '房号', leader: '楼组长' } as const
const REQUIRED = [COLUMNS.estate, COLUMNS.building, COLUMNS.room] as const
const KNOWN: readonly string[] = Object.values(COLUMNS)

export interface SheetBuilding {
  /** 5号楼 */
  name: string
  order: number
  /** The committee's note of who leads the building (a name, not an account). */
  leaderNote: string | null
  rooms: string[]
}

export interface SheetEstate {
  name: string
  buildings: SheetBuilding[]
}

export type SheetCheck = { ok: true; neighbourhood: SheetEstate[] } | { ok: false; problems: string[] }

/** More than this and the sheet is surely of another kind: stop listing. */
const MAX_PROBLEMS = 50
export const MAX_HOUSEHOLDS = 20_000

/** Full-width digits and letters (１０１) become ASCII; spaces inside go. */
function normalise(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim()
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/

/** "5", "5号", "5号楼" → 5号楼; other names ("综合楼") stay as written. */
export function buildingName(raw: string): string {
  const match = /^(\d{1,3})(?:号|号楼|幢|栋)?$/.exec(raw)
  return match ? `${Number(match[1])}号楼` : raw
}

function buildingOrder(name: string): number | null {
  const match = /^(\d{1,3})号楼$/.exec(name)
  return match ? Number(match[1]) : null
}

/**
 * A door number: floor then a two-digit door (101, 1502), optionally after a unit (2-301) or a
 * letter (B302); "301室" reads as 301. Floors 1–60, doors 01–30: anything else is a typo.
 */
export function roomNumber(raw: string): string | null {
  const value = raw.replace(/室$/, '').toUpperCase()
  const match = /^((?:\d{1,2}-)|[A-Z]-?)?([1-9]\d?)(\d{2})$/.exec(value)
  if (!match) return null
  const floor = Number(match[2])
  const door = Number(match[3])
  if (floor > 60 || door < 1 || door > 30) return null
  return value
}

export function checkSheet(sheet: Sheet): SheetCheck {
  const problems: string[] = []
  const say = (line: number, what: string) => problems.length < MAX_PROBLEMS && problems.push(`第 ${line} 行：${what}`)

  const header = sheet.header.map(normalise)
  const unknown = header.filter((name) => name && !KNOWN.includes(name))
  for (const name of unknown)
    say(sheet.headerLine, `不认识的列「${name}」。只能有这几列：${KNOWN.join('、')}（${COLUMNS.leader}可以不填）`)
  for (const name of REQUIRED) if (!header.includes(name)) say(sheet.headerLine, `缺少「${name}」列`)
  const seenColumn = new Set<string>()
  for (const name of header) {
    if (name && seenColumn.has(name)) say(sheet.headerLine, `「${name}」列出现了两次`)
    seenColumn.add(name)
  }
  header.forEach((name, i) => {
    if (!name && sheet.rows.some((row) => normalise(row.cells[i] ?? '')))
      say(sheet.headerLine, `第 ${i + 1} 列没有列名`)
  })
  if (problems.length) return { ok: false, problems }
  if (sheet.rows.length === 0) return { ok: false, problems: [`第 ${sheet.headerLine + 1} 行：表里没有任何一户`] }
  if (sheet.rows.length > MAX_HOUSEHOLDS)
    return {
      ok: false,
      problems: [`表里有 ${sheet.rows.length} 户，超过了 ${MAX_HOUSEHOLDS} 户，请确认是否选错了文件`],
    }

  const column = (name: string) => header.indexOf(name)
  const estates = new Map<string, { name: string; buildings: Map<string, SheetBuilding & { leaderLine: number }> }>()
  const rooms = new Map<string, number>()
  for (const row of sheet.rows) {
    const cell = (name: string) => (column(name) >= 0 ? normalise(row.cells[column(name)] ?? '') : '')
    const extra = row.cells.slice(header.length).map(normalise).filter(Boolean)
    if (extra.length) say(row.line, `多出了没有列名的内容「${extra[0]}」`)
    const estate = cell(COLUMNS.estate)
    const building = cell(COLUMNS.building)
    const rawRoom = cell(COLUMNS.room)
    const leader = cell(COLUMNS.leader)
    const empty = REQUIRED.filter((name) => !cell(name))
    if (empty.length) {
      say(row.line, `「${empty.join('」「')}」是空的`)
      continue
    }
    const texts: Array<[string, string, number]> = [
      [COLUMNS.estate, estate, 30],
      [COLUMNS.building, building, 20],
      [COLUMNS.leader, leader, 20],
    ]
    const badText = texts.find(([, value, max]) => CONTROL.test(value) || value.length > max)
    if (badText) {
      say(row.line, `「${badText[0]}」太长或含有看不见的字符（最多 ${badText[2]} 个字）`)
      continue
    }
    const room = roomNumber(rawRoom)
    if (!room) {
      say(row.line, `房号「${rawRoom}」不像门牌号：应为楼层加两位门号，例如 101、1502、2-301`)
      continue
    }
    const name = buildingName(building)
    const key = `${estate}\u0000${name}\u0000${room}`
    const first = rooms.get(key)
    if (first !== undefined) {
      say(row.line, `${estate} ${name} ${room} 与第 ${first} 行重复`)
      continue
    }
    rooms.set(key, row.line)
    const e = estates.get(estate) ?? { name: estate, buildings: new Map() }
    estates.set(estate, e)
    const b = e.buildings.get(name) ?? {
      name,
      order: buildingOrder(name) ?? 1000 + e.buildings.size,
      leaderNote: null,
      leaderLine: 0,
      rooms: [],
    }
    e.buildings.set(name, b)
    b.rooms.push(room)
    if (leader) {
      if (b.leaderNote && b.leaderNote !== leader)
        say(
          row.line,
          `${estate} ${name} 的楼组长写的是「${leader}」，第 ${b.leaderLine} 行写的是「${b.leaderNote}」，请统一`,
        )
      else if (!b.leaderNote) Object.assign(b, { leaderNote: leader, leaderLine: row.line })
    }
  }
  if (problems.length) return { ok: false, problems }
  return {
    ok: true,
    neighbourhood: [...estates.values()].map((e) => ({
      name: e.name,
      buildings: [...e.buildings.values()]
        .map(({ name, order, leaderNote, rooms }) => ({ name, order, leaderNote, rooms }))
        .sort((a, b) => a.order - b.order),
    })),
  }
}
