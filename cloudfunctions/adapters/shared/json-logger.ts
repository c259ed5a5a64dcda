import type { Logger } from '../../core/shared/ports'

/**
 * One JSON line per entry. Callers pass ids and codes only — never message text, questions,
 * names or rooms — so logs hold nothing personal (checked by a test).
 */
export function createJsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  level: 'info' | 'warn' | 'error' | 'silent' = 'info',
): Logger {
  const order = { info: 0, warn: 1, error: 2, silent: 3 }
  const emit = (lvl: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string) => {
    if (order[lvl] < order[level]) return
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...fields }))
  }
  return {
    info: (fields, message) => emit('info', fields, message),
    warn: (fields, message) => emit('warn', fields, message),
    error: (fields, message) => emit('error', fields, message),
  }
}
