/**
 * `npm run bootstrap -- <file> [--dry-run] [--allow-removals] [--new-claim-code]`: load the neighbourhood from the
 * 居委会's own spreadsheet (CSV or XLSX; one row per household: 小区, 楼栋, 房号, optionally 楼组长 as
 * the committee's note). The template with the pilot's layout is docs/templates/neighbourhood.csv
 * (and .xlsx); docs/OPERATIONS.md, "Loading the neighbourhood", walks through it.
 *
 * The whole sheet is checked first; any problem is listed with its line number and nothing is
 * written. Run again with an edited sheet, it applies only the difference; a household that has
 * residents is removed only with --allow-removals (which names them and moves them out).
 *
 * Target: the local database (LOUZU_DB, default .data/louzu.db), or the CloudBase environment in
 * TCB_ENV_ID with TCB_SECRET_ID / TCB_SECRET_KEY.
 *
 * The first committee member: while nobody holds the committee role, the first run prints a one-time
 * claim code (24 h) to type on 居委会认领 in the app (a later run prints a new one once it has
 * expired, or with --new-claim-code); or set LOUZU_BOOTSTRAP_ADMINS=<openid,…> and
 * those accounts are made admins by this run instead. Both go to the committee's audit log.
 * Exit codes: 0 done (or planned), 1 the sheet or
 * the database refused it, 2 how it was called.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  applyBootstrap,
  isPlanEmpty,
  occupiedRemovals,
  planBootstrap,
} from '../cloudfunctions/core/account/bootstrap/bootstrap'
import { checkSheet } from '../cloudfunctions/core/account/bootstrap/neighbourhood-sheet'
import { ENDING_HANDLERS } from '../cloudfunctions/core/endings'
import { renderPlan, residentsOf } from './lib/bootstrap-report'
import { isEntryPoint } from './lib/entry'
import { readSheet, SheetFileError } from './lib/read-sheet'
import { openScriptTarget, TargetError, type ScriptEnv } from './lib/script-deps'
import { afterBootstrap, bootstrapAdmins } from './lib/bootstrap-claim'

const USAGE = '用法：npm run bootstrap -- <住户名单.csv 或 .xlsx> [--dry-run] [--allow-removals] [--new-claim-code]'

export type Print = (line: string) => void

export async function bootstrap(
  argv: string[],
  env: ScriptEnv = process.env,
  print: Print = console.log,
  printError: Print = console.error,
): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'allow-removals': { type: 'boolean', default: false },
        'new-claim-code': { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    printError(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const [file, ...extra] = args.positionals
  if (!file || extra.length) {
    printError(USAGE)
    return 2
  }
  const admins = bootstrapAdmins(env)
  if (!admins.ok) {
    printError(admins.problem)
    return 2
  }
  const dryRun = args.values['dry-run'] === true
  const allowRemovals = args.values['allow-removals'] === true

  let sheet
  try {
    sheet = await readSheet(path.resolve(file))
  } catch (error) {
    if (error instanceof SheetFileError) {
      printError(`${file}：${error.message}\n没有写入任何内容。`)
      return 1
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      printError(`找不到文件 ${file}`)
      return 2
    }
    throw error
  }
  const checked = checkSheet(sheet)
  if (!checked.ok) {
    printError(
      [
        `${file} 有 ${checked.problems.length} 处问题，请改好后再导入：`,
        ...checked.problems.map((p) => `  ${p}`),
        '没有写入任何内容。',
      ].join('\n'),
    )
    return 1
  }

  let target
  try {
    target = await openScriptTarget(env, path.resolve(__dirname, '..'))
  } catch (error) {
    if (error instanceof TargetError) {
      printError(error.message)
      return 2
    }
    throw error
  }
  try {
    const refusal = await afterBootstrap.refuseTarget(target.deps.store)
    if (refusal) {
      printError(`${target.describe}：${refusal}\n没有写入任何内容。`)
      return 1
    }
    print(`导入住户名单：${file} → ${target.describe}${dryRun ? '（试运行，不写入）' : ''}`)
    const plan = await planBootstrap(target.deps, checked.neighbourhood)
    print(renderPlan(plan))
    const occupied = occupiedRemovals(plan)
    if (occupied.length && !allowRemovals) {
      printError(
        [
          `有 ${occupied.length} 户要删除的住户里住着已加入的居民，没有写入任何内容。`,
          '如果这些户确实不存在了，请加上 --allow-removals 再运行：这些居民会被迁出本楼组（楼组长身份随之结束）。',
          ...occupied.map((r) => `  ${r.label}：${residentsOf(r)}`),
        ].join('\n'),
      )
      return 1
    }
    if (dryRun) {
      print('试运行：没有写入任何内容。去掉 --dry-run 即按上面的计划导入。')
      return 0
    }
    if (!isPlanEmpty(plan)) {
      await applyBootstrap(target.deps, plan, { allowRemovals, endingHandlers: ENDING_HANDLERS })
      if (occupied.length) print(`已迁出：${occupied.map((r) => `${r.label}（${residentsOf(r)}）`).join('；')}`)
      print('导入完成。')
    }
    for (const line of await afterBootstrap.run(target.deps, admins.openids, args.values['new-claim-code'] === true))
      print(line)
    return 0
  } finally {
    await target.close()
  }
}

if (isEntryPoint(__filename)) {
  bootstrap(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .catch((error) => {
      console.error(`导入失败 / bootstrap failed: ${error instanceof Error ? error.stack : String(error)}`)
      process.exitCode = 1
    })
}
