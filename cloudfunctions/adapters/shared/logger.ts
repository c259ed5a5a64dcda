import pino, { type Logger as PinoLogger } from 'pino'
import type { Logger } from '../../core/shared/ports'
import { REDACTED, REDACTED_FIELDS, type LogLevel } from './log-format'

export type { LogLevel } from './log-format'

const REDACT_PATHS = [
  ...REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]),
  'req.headers.authorization',
  'req.headers.cookie',
]

export interface CreateLoggerOptions {
  /** Where each JSON line goes (without its newline); default stdout, written synchronously. */
  write?: (line: string) => void
  level?: LogLevel
}

/**
 * The local runtime's and the scripts' logger: pino, fastify's own, so the server's framework
 * messages and the functions' entries share one stream, one format (log-format.ts) and one
 * redaction. The CloudBase bundles use stdout-logger.ts instead (docs/DECISIONS.md says why).
 */
export function createLogger({ write, level = 'info' }: CreateLoggerOptions = {}): PinoLogger & Logger {
  const destination = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 1, sync: true })
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination,
  )
}
