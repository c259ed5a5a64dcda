import fs from 'node:fs'
import path from 'node:path'
import { bootstrap } from '../../scripts/bootstrap'

export interface BootstrapRun {
  code: number
  out: string
  err: string
}

/** `npm run bootstrap -- …args` in this process, against the database file or environment in `env`. */
export async function runBootstrap(args: string[], env: Record<string, string | undefined>): Promise<BootstrapRun> {
  const out: string[] = []
  const err: string[] = []
  const code = await bootstrap(
    args,
    env,
    (line) => out.push(line),
    (line) => err.push(line),
  )
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** A sheet in `dir` from rows of cells (the first row is the header). */
export function writeCsv(dir: string, name: string, rows: string[][]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, rows.map((row) => row.join(',')).join('\n') + '\n')
  return file
}

export const TEMPLATE_CSV = path.resolve(__dirname, '..', '..', 'docs', 'templates', 'neighbourhood.csv')
export const TEMPLATE_XLSX = path.resolve(__dirname, '..', '..', 'docs', 'templates', 'neighbourhood.xlsx')
