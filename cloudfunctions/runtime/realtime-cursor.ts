import { firstOf } from '../core/shared/lists'
/**
 * Realtime topics and stream cursors, as they travel in URLs and SSE ids.
 *
 * A topic is `<kind>:<id>` (e.g. `group:bg-jsh-5`). A stream may follow several topics, so its
 * SSE event id is a cursor *vector*: `group:bg-jsh-5@12,group:bg-jsh-6@40` — for each topic, the
 * last change delivered. EventSource sends the last id back as `Last-Event-ID` when it reconnects,
 * so the server can replay exactly what was missed on every topic.
 */

export interface Topic {
  key: string
  kind: string
  id: string
}

const TOPIC = /^([a-z]{1,20}):([A-Za-z0-9_-]{1,64})$/
export const MAX_TOPICS = 20

export function parseTopics(raw: unknown): Topic[] | null {
  if (typeof raw !== 'string' || !raw) return null
  const keys = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
  if (!keys.length || keys.length > MAX_TOPICS) return null
  const topics: Topic[] = []
  for (const key of keys) {
    const [, kind, id] = TOPIC.exec(key) ?? []
    if (kind === undefined || id === undefined) return null
    topics.push({ key, kind, id })
  }
  return topics
}

/**
 * Cursors from `Last-Event-ID` or `?after=`: a vector, or (for a single topic) a bare number.
 * Entries for topics not asked for are ignored. Returns null when malformed.
 */
export function parseCursors(raw: unknown, topics: readonly Topic[]): Map<string, number> | null {
  const cursors = new Map<string, number>()
  if (raw === undefined || raw === null || raw === '') return cursors
  if (typeof raw !== 'string' || raw.length > 4000) return null
  if (/^\d{1,15}$/.test(raw)) {
    if (topics.length !== 1) return null
    cursors.set(firstOf(topics).key, Number(raw))
    return cursors
  }
  const wanted = new Set(topics.map((t) => t.key))
  for (const part of raw.split(',')) {
    const at = part.lastIndexOf('@')
    if (at <= 0) return null
    const key = part.slice(0, at)
    const value = part.slice(at + 1)
    if (!TOPIC.test(key) || !/^\d{1,15}$/.test(value)) return null
    if (wanted.has(key)) cursors.set(key, Number(value))
  }
  return cursors
}

export function formatCursors(cursors: ReadonlyMap<string, number>): string {
  return [...cursors].map(([key, value]) => `${key}@${value}`).join(',')
}
