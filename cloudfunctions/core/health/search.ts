import { HEALTH_DISCLAIMER, searchTerms, type HighlightedText, type SearchHitView } from '../../../contracts'
import { displayNames } from '../account/people'
import type { RequestContext } from '../shared/context'
import type { EntryDoc } from './health.docs'

/** Where a search looks: the question or title, the answer or tip text, the tags. */
export const SEARCH_FIELDS = ['title', 'body', 'tagText'] as const
/** Candidates considered per search: the newest matches, as many as one query may return. */
export const SEARCH_CANDIDATES = 1000
export const SEARCH_HITS = 20

/**
 * Ranking, the same on every back end (the search port only finds; it never ranks):
 * per term, 6 points if it is in the title (question or tip title), 3 if it is one of the tags,
 * plus 1 per occurrence in the body up to 3. Ties go to the newer entry, then to the smaller id,
 * so the same query over the same column always lists the same order.
 */
export const WEIGHTS = { title: 6, tag: 3, bodyPerHit: 1, bodyMax: 3 } as const

type Searchable = Pick<EntryDoc, '_id' | 'title' | 'body' | 'tagText' | 'publishedAt'>

function fold(text: string): string {
  const lower = text.toLowerCase()
  // Offsets must stay valid in the original: fold only when it keeps every position.
  return lower.length === text.length ? lower : text
}

function occurrences(haystack: string, needle: string): number[] {
  const positions: number[] = []
  if (!needle) return positions
  let from = 0
  for (;;) {
    const at = haystack.indexOf(needle, from)
    if (at < 0) return positions
    positions.push(at)
    from = at + needle.length
  }
}

export function containsAll(entry: Searchable, terms: readonly string[]): boolean {
  const title = fold(entry.title)
  const body = fold(entry.body)
  const tags = fold(entry.tagText)
  return terms.every((t) => title.includes(t) || body.includes(t) || tags.includes(t))
}

export function scoreEntry(entry: Searchable, terms: readonly string[]): number {
  const title = fold(entry.title)
  const body = fold(entry.body)
  const tags = fold(entry.tagText).split(/\s+/)
  let score = 0
  for (const term of terms) {
    if (title.includes(term)) score += WEIGHTS.title
    if (tags.some((tag) => tag.includes(term))) score += WEIGHTS.tag
    score += Math.min(WEIGHTS.bodyMax, occurrences(body, term).length * WEIGHTS.bodyPerHit)
  }
  return score
}

/** Best first; deterministic. */
export function rankEntries<T extends Searchable>(
  entries: readonly T[],
  terms: readonly string[],
): Array<{ entry: T; score: number }> {
  return entries
    .map((entry) => ({ entry, score: scoreEntry(entry, terms) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.entry.publishedAt - a.entry.publishedAt ||
        (a.entry._id < b.entry._id ? -1 : a.entry._id > b.entry._id ? 1 : 0),
    )
}

/** Every occurrence of every term, as merged `[start, end)` ranges in order. */
export function findMarks(text: string, terms: readonly string[]): Array<[number, number]> {
  const folded = fold(text)
  const ranges: Array<[number, number]> = []
  for (const term of terms) for (const at of occurrences(folded, term)) ranges.push([at, at + term.length])
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Array<[number, number]> = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The text with its matches marked. With `window`, a stretch of about that many UTF-16 units
 * around the first match, with … where it was cut.
 */
export function highlight(text: string, terms: readonly string[], window?: number): HighlightedText {
  const marks = findMarks(text, terms)
  if (!window || text.length <= window) return { text, marks }
  let start = Math.max(0, (marks[0]?.[0] ?? 0) - Math.floor(window / 4))
  let end = Math.min(text.length, start + window)
  if (end === text.length) start = Math.max(0, end - window)
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const shift = prefix.length - start
  const inside = marks
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) + shift, Math.min(e, end) + shift])
  return { text: prefix + text.slice(start, end) + suffix, marks: inside }
}

export async function searchColumn(ctx: RequestContext, input: { q: string }) {
  const { deps } = ctx
  const terms = searchTerms(input.q)
  const candidates = await deps.search.findContaining<EntryDoc>('health_entries', {
    terms,
    fields: SEARCH_FIELDS,
    orderBy: ['publishedAt', 'desc'],
    limit: SEARCH_CANDIDATES,
  })
  // The port's matching is re-checked here, so both back ends return exactly the same set.
  const matching = candidates.filter((entry) => containsAll(entry, terms))
  const top = rankEntries(matching, terms).slice(0, SEARCH_HITS)
  const names = await displayNames(deps.store, [...new Set(top.map(({ entry }) => entry.authorId))])
  const hits: SearchHitView[] = top.map(({ entry }) => ({
    entryId: entry._id,
    kind: entry.kind,
    title: highlight(entry.title, terms, 80),
    snippet: highlight(entry.body, terms, 90),
    ...(entry.category ? { category: entry.category } : {}),
    tags: entry.tags,
    author: names.get(entry.authorId) ?? '',
    publishedAt: entry.publishedAt,
  }))
  return { terms, hits, total: matching.length, disclaimer: HEALTH_DISCLAIMER }
}
