import type { Logger } from '../../core/shared/ports'
import { LEVEL_ORDER, REDACTED, REDACTED_FIELDS, type LogLevel } from '../shared/log-format'

const redacted = new Set(REDACTED_FIELDS)

/** The fields with any redacted name censored, at the top level and one level down (as pino's `field` and `*.field`). */
function censor(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (redacted.has(key)) out[key] = REDACTED
    else if (depth === 0 && value !== null && typeof value === 'object' && !Array.isArray(value))
      out[key] = censor(value as Record<string, unknown>, 1)
    else out[key] = value
  }
  return out
}

/**
 * The CloudBase functions' logger: the same lines as the local runtime's pino logger (log-format.ts),
 * written synchronously to stdout, which CloudBase collects. Not pino itself: it would add ~67 KB to
 * every function bundle for features a function never uses (see docs/DECISIONS.md).
 */
export function createStdoutLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, fields: Record<string, unknown>, msg: string) => {
    if (LEVEL_ORDER[lvl] < LEVEL_ORDER[level]) return
    write(JSON.stringify({ level: lvl, time: new Date().toISOString(), ...censor(fields), msg }))
  }
  return {
    info: (fields, msg) => emit('info', fields, msg),
    warn: (fields, msg) => emit('warn', fields, msg),
    error: (fields, msg) => emit('error', fields, msg),
  }
}
