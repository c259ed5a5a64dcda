/**
 * What every log line looks like, on both ends: one JSON object per line,
 * `{"level":"info","time":"<ISO>","msg":"…",…fields}`, at one of these levels.
 */
export type LogLevel = 'info' | 'warn' | 'error' | 'silent'

export const LEVEL_ORDER: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 }

/**
 * Field names that could hold what people wrote or who they are. Callers pass ids and codes only —
 * never message text, questions, names or rooms (checked by tests over a whole day of use) — and
 * redaction is the net under that rule: such a field is censored at the top level and one level down.
 */
export const REDACTED_FIELDS: readonly string[] = [
  'text',
  'nickname',
  'name',
  'room',
  'question',
  'answer',
  'title',
  'body',
  'reason',
  'note',
  'content',
  'input',
]

export const REDACTED = '[redacted]'
